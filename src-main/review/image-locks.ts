/**
 * Image digests locked at approval. When a reviewer approves, every image the version's rendered
 * default manifests run is resolved to the digest its tag points to, and the list goes into the
 * signed approval event; an image that cannot be resolved (offline, refused) is kept with the
 * reason and never blocks the approval. Before a deploy, `check` compares the approved digests
 * with what the tags point to now, and hands out the pins that deploy the approved digests.
 */
import type { ImageDigestCheck, ImageLock, ImageLockReport } from '../../shared/types/image-digests';
import type { VersionSummary } from '../../shared/types/catalog';
import { chartImages, declaredImages } from '../bundle/chart-images';
import { lockImages, resolveImageDigest, type RegistryAccessLookup } from '../publish/oci/image-digest';
import type { HelmEngine } from '../render/engine';
import type { CatalogServices } from '../catalog/catalog-services';
import { withDeclaredImages } from './build-report';
import { inventoryImages } from './image-inventory';

export interface ImageLocksPorts {
  catalog: () => CatalogServices;
  engine: () => HelmEngine;
  /** Saved sign-ins per registry host. */
  access?: RegistryAccessLookup;
  timeoutMs?: number;
}

/** The images the chart's default manifests run (rendered as `helm template` does); a chart that does not render is scanned instead. */
export async function defaultManifestImages(pkg: Uint8Array, engine: HelmEngine): Promise<string[]> {
  try {
    const { renderChart } = await import('../render/render');
    const result = await renderChart({ archive: pkg }, { releaseName: 'release-name', namespace: 'default', valuesYaml: ['{}'] }, engine);
    const files: Record<string, string> = {};
    for (const m of result.manifests) files[m.source] = files[m.source] ? `${files[m.source]}\n---\n${m.content}` : m.content;
    return withDeclaredImages(inventoryImages(files), declaredImages(pkg)).images.map((u) => u.image);
  } catch {
    return chartImages(pkg);
  }
}

/** The images locked by the version's latest approval, or undefined when it has none (approved before Berth locked digests, or never). */
export async function approvedImages(catalog: CatalogServices, version: string): Promise<{ images: ImageLock[]; at: string; by: string } | undefined> {
  const v = await catalog.queries.version(version);
  const page = await catalog.queries.audit({ version: v.id, limit: 1000 });
  const approvals = page.records.filter((r) => r.action === 'version.approve' && r.outcome === 'applied').sort((a, b) => b.seq - a.seq);
  if (approvals.length === 0) return undefined;
  const ledger = await catalog.core.ledger();
  const event = ledger.allEvents().find((e) => e.id === approvals[0].eventId);
  const images = (event?.body.data as { images?: ImageLock[] } | undefined)?.images;
  return images ? { images, at: approvals[0].at, by: approvals[0].authorName } : undefined;
}

/** `image@sha256:…` when a digest was locked, else the reference as written. */
export function byDigest(lock: ImageLock): string {
  return lock.digest && !lock.image.includes('@') ? `${lock.image}@${lock.digest}` : lock.image;
}

export class ImageLocks {
  constructor(private readonly ports: ImageLocksPorts) {}

  private resolveOptions() {
    return { access: this.ports.access, timeoutMs: this.ports.timeoutMs };
  }

  /** `version.approve`: the approval, signed with the images and their digests. */
  async approve(req: { version: string; message?: string }): Promise<VersionSummary> {
    const catalog = this.ports.catalog();
    const v = await catalog.queries.version(req.version);
    // not approvable (state, role): let the catalog say why, without asking any registry first
    if (v.state !== 'submitted') return catalog.commands.versionAction('version.approve', req);
    const pkg = Buffer.from(catalog.queries.blob(v.package.sha256).base64, 'base64');
    const images = await defaultManifestImages(pkg, this.ports.engine());
    return catalog.commands.approveVersion(req, await lockImages(images, this.resolveOptions()));
  }

  approved(version: string) {
    return approvedImages(this.ports.catalog(), version);
  }

  /** `version.imageCheck`: each approved image against what its tag points to now. */
  async check(version: string): Promise<ImageLockReport> {
    const lock = await this.approved(version);
    if (!lock) return { version, locked: false, images: [], pins: {} };
    const pins: Record<string, string> = {};
    const images = await Promise.all(
      lock.images.map(async (l): Promise<ImageDigestCheck> => {
        if (!l.digest) return { image: l.image, status: 'not-locked', ...(l.reason ? { reason: l.reason } : {}) };
        pins[l.image] = l.digest;
        try {
          const now = await resolveImageDigest(l.image, this.resolveOptions());
          return { image: l.image, status: now === l.digest ? 'same' : 'moved', approvedDigest: l.digest, currentDigest: now };
        } catch (e) {
          return { image: l.image, status: 'unchecked', approvedDigest: l.digest, reason: e instanceof Error ? e.message : String(e) };
        }
      }),
    );
    return { version, locked: true, approvedAt: lock.at, approvedBy: lock.by, images, pins };
  }
}
