/** Image digests locked when a reviewer approves a version, and how they compare with the registries now. */

/** One image of the version's rendered default manifests, as the approval event keeps it. */
export interface ImageLock {
  /** As written in the manifests (e.g. `registry.example.com/app:1.2`). */
  image: string;
  /** `sha256:<hex>` the reference pointed to at approval; absent when it could not be resolved. */
  digest?: string;
  /** Why it was not resolved (offline, no such tag, refused sign-in), in a sentence. */
  reason?: string;
}

export type ImageDigestStatus =
  /** The tag still points to the approved digest (or the reference is a digest already). */
  | 'same'
  /** The tag now points to a different digest than at approval. */
  | 'moved'
  /** Berth could not resolve it at approval; nothing to compare. */
  | 'not-locked'
  /** Locked at approval, but the registry cannot be asked now (offline, refused). */
  | 'unchecked';

export interface ImageDigestCheck {
  image: string;
  status: ImageDigestStatus;
  approvedDigest?: string;
  currentDigest?: string;
  /** Why a digest was not resolved (at approval or now). */
  reason?: string;
}

export interface ImageLockReport {
  version: string;
  /** False when the version has no approval with locked images (approved before Berth locked them, or never approved). */
  locked: boolean;
  approvedAt?: string;
  approvedBy?: string;
  images: ImageDigestCheck[];
  /** image → approved digest, for every locked image: what `pinImages` takes to deploy the approved digests. */
  pins: Record<string, string>;
}
