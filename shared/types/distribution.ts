/** Distribution: S3 catalog store, Helm repository and OCI publishing, import, provenance, air-gap bundles. */
import type { ImageLock } from './image-digests';
import type { Sentence } from '../result';

// ── provenance ────────────────────────────────────────────────────────────────
export type ProvenanceStatus =
  /** Signed by a trusted key, and the package digest matches. */
  | 'verified'
  /** The signature is sound but the key is not among the trusted ones. */
  | 'unknown-signer'
  /** The signature does not match the signed text (tampered or corrupt). */
  | 'bad-signature'
  /** The signature holds but names another package (different sha256 or file name). */
  | 'digest-mismatch'
  /** Not a Helm provenance file. */
  | 'malformed'
  /** No .prov file came with the package. */
  | 'unsigned';

export interface ProvenanceSigner {
  /** Upper-case hex fingerprint of the signing (primary) key. */
  fingerprint: string;
  /** 16-hex key id the signature names. */
  keyId: string;
  userIds: string[];
}

export interface ProvenanceCheck {
  status: ProvenanceStatus;
  signer?: ProvenanceSigner;
  /** For people: what was checked and what it means. */
  message: string;
}

/** A cosign signature check of an OCI chart (same statuses as a .prov check; no transparency log involved). */
export interface CosignCheck {
  status: 'verified' | 'unknown-signer' | 'digest-mismatch' | 'unsigned';
  /** sha256 (hex) of the trusted public key that signed, when verified. */
  keyFingerprint?: string;
  message: string;
}

export interface CosignKeyInfo {
  /** sha256 (hex) of the public key's DER. */
  fingerprint: string;
  /** PEM, as cosign.pub: give it to people who verify (`cosign verify --key cosign.pub`). */
  publicKeyPem: string;
}

export interface SigningKeyInfo {
  fingerprint: string;
  userIds: string[];
  /** ASCII-armored public key to hand to store users (`gpg --import`, or Berth's trusted keys). */
  armoredPublicKey: string;
  created: string;
}

// ── S3 catalog store ──────────────────────────────────────────────────────────
/** Where a catalog lives in an S3-compatible bucket. Credentials are never part of it. */
export interface S3StoreLocation {
  kind: 's3';
  bucket: string;
  /** Key prefix inside the bucket, e.g. `catalogs/acme/` (default: the bucket's top). */
  prefix?: string;
  /** Endpoint URL for S3-compatible servers (MinIO, Ceph RGW, versitygw…); AWS S3 when absent. */
  endpoint?: string;
  region?: string;
  /** Path-style addressing (endpoint/bucket/key), which most self-hosted servers need. */
  forcePathStyle?: boolean;
  /** A named profile from ~/.aws/credentials or ~/.aws/config. */
  profile?: string;
}

/** Keys entered on the settings page; kept in the data dir, never in the catalog. */
export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

// ── air-gap bundles ───────────────────────────────────────────────────────────
export interface BundleVersion {
  /** Version name in the source catalog. */
  name: string;
  chartVersion: string;
  appVersion?: string;
  /** State in the source catalog when the bundle was made. */
  state: string;
  changelog: string;
  package: { file: string; sha256: string; size: number };
  /** File name of the `.prov` inside the bundle, when the package came signed. */
  provenance?: string;
  /** Container images the chart references (to mirror before deploying offline); `image@sha256:…` where the approval locked a digest. */
  images: string[];
  /** The images and digests the approval locked (absent for versions approved without them). */
  imageDigests?: ImageLock[];
  /** The version's review and lifecycle records from the source catalog. */
  review: { at: string; action: string; authorName: string; role?: string; from?: string; to?: string; message?: string; eventId: string }[];
}

export interface BundleManifest {
  format: 'berth-bundle';
  version: 1;
  createdAt: string;
  createdBy: { keyId: string; displayName: string };
  sourceCatalog: { id: string; name: string };
  app: {
    chartName: string;
    description: string;
    introduction: string;
    home: string;
    categoryName: string;
    icon?: string;
    screenshots: string[];
  };
  versions: BundleVersion[];
  /** sha256 → media type of each attachment (icon, screenshots) under attachments/. */
  attachments: Record<string, string>;
  /** Signed catalog events of this app, under records/events.jsonl. */
  records: number;
}

export interface BundleExportReport {
  path: string;
  versions: string[];
  images: string[];
  bytes: number;
}

export interface BundleImportReport {
  app: string;
  createdApp: boolean;
  addedVersions: string[];
  /** Versions whose package the catalog already held. */
  skippedVersions: string[];
  provenance: { version: string; status: string; message: string }[];
  /** Signed review records in the bundle, and how many carry a valid signature. */
  reviewRecords: { total: number; verified: number };
}

// ── publishing and importing ──────────────────────────────────────────────────
/** What Berth writes to `artifacthub-repo.yml` (https://artifacthub.io/docs/topics/repositories/). */
export interface ArtifactHubRepoSettings {
  /** The id Artifact Hub gave the repository when it was added there (Verified publisher). */
  repositoryId?: string;
  /** Who may claim the repository on Artifact Hub; the catalog's admins (by name) when none are given. */
  owners?: { name?: string; email: string }[];
}

export interface HelmFolderTarget {
  id: string;
  name: string;
  kind: 'helm-folder';
  folder: string;
  /** URL the folder is served at (index.yaml urls); relative when absent. */
  baseUrl?: string;
  artifactHub?: ArtifactHubRepoSettings;
}

export interface OciTarget {
  id: string;
  name: string;
  kind: 'oci';
  /** oci://host[:port]/path */
  location: string;
  plainHttp?: boolean;
  username?: string;
  artifactHub?: ArtifactHubRepoSettings;
}

export type PublishTarget = HelmFolderTarget | OciTarget;

type WithOptionalId<T> = T extends { id: string } ? Omit<T, 'id'> & { id?: string } : never;

export interface PublishTargetInput {
  target: WithOptionalId<PublishTarget>;
  /** Registry password or token; kept in the data dir, never shown again. */
  password?: string;
  token?: string;
}

export interface DistributionSettings {
  targets: (PublishTarget & { hasSecret: boolean })[];
  /** Sign packages with the signing key when publishing. */
  signOnPublish: boolean;
  signingKey?: SigningKeyInfo;
  trustedKeys: SigningKeyInfo[];
  /** Whether S3 keys were saved on the settings page (the keys themselves are never returned). */
  s3CredentialsSaved: boolean;
}

/** A chart in a published repository or registry, by name and version (a publish plan entry; not a "which chart" source). */
export interface PublishedChart {
  name: string;
  version: string;
}

export interface PublishPlanView {
  target: string;
  add: PublishedChart[];
  replace: PublishedChart[];
  remove: PublishedChart[];
  keep: PublishedChart[];
  /** Whether packages will be signed (a signing key exists and signing is on). */
  signed: boolean;
}

export interface PublishReport extends PublishPlanView {
  /** Where clusters get the charts: the folder (and its URL) or the oci:// location. */
  where: string;
  /** The pushed charts were signed with this person's cosign key too. */
  cosign?: boolean;
}

export interface ImportRequest {
  /** https://…/index.yaml or its folder URL, a local folder, or oci://host/path/<chart>. */
  source: string;
  workspace: string;
  username?: string;
  password?: string;
  plainHttp?: boolean;
  /** Only these chart names (all when empty). */
  charts?: string[];
}

export interface ImportCandidateView {
  name: string;
  version: string;
  digest: string;
  alreadyImported: boolean;
}

export interface ImportReportView {
  source: string;
  imported: { name: string; version: string; app: string; provenance: ProvenanceCheck; cosign?: CosignCheck }[];
  skipped: number;
  failed: { name: string; version: string; message: string }[];
}

export interface S3CheckResult {
  /** The bucket answered with these credentials. */
  reachable: boolean;
  /** The place holds a Berth catalog (its name, when so). */
  catalogName?: string;
  message: string;
  /** The same in the reader's language. */
  say?: Sentence;
}

export interface DistributionProgress {
  operation: 'publish' | 'import' | 'bundle';
  done: number;
  total: number;
  current?: string;
}
