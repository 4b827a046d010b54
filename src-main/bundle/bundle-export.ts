/** Making an air-gap bundle of one app's chosen versions from the local catalog. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BerthFailure } from '../../shared/result';
import type { BundleExportReport, BundleManifest, BundleVersion } from '../../shared/types/distribution';
import { compareChartVersions } from '../publish/chart-version-order';
import type { ProvenanceStore } from '../provenance/provenance-store';
import type { CatalogServices } from '../catalog/catalog-services';
import { writeBundle } from './bundle-file';
import { approvedImages, byDigest } from '../review/image-locks';
import { chartImages } from './chart-images';

export interface BundleExportRequest {
  app: string;
  /** Version ids or names; all active versions when empty. */
  versions?: string[];
  path: string;
}

const fromBase64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

export async function exportBundle(catalog: CatalogServices, provenance: ProvenanceStore, req: BundleExportRequest): Promise<BundleExportReport> {
  const app = await catalog.queries.app(req.app);
  const live = app.versions.filter((v) => v.state !== 'deleted');
  const chosen = req.versions?.length
    ? live.filter((v) => req.versions!.includes(v.id) || req.versions!.includes(v.name))
    : live.filter((v) => v.state === 'active');
  if (req.versions?.length && chosen.length !== new Set(req.versions).size) {
    const missing = req.versions.filter((r) => !chosen.some((v) => v.id === r || v.name === r));
    throw new BerthFailure('not-found', `${app.chartName} has no version ${missing.join(', ')}.`);
  }
  chosen.sort((a, b) => compareChartVersions(a.chartVersion, b.chartVersion));
  if (chosen.length === 0) throw new BerthFailure('input.invalid', `${app.chartName} has no released version to bundle; choose versions by name.`);

  const files = new Map<string, Uint8Array>();
  const attachments: Record<string, string> = {};
  const attach = (ref: { sha256: string; mediaType: string } | undefined) => {
    if (!ref) return undefined;
    files.set(`attachments/${ref.sha256}`, fromBase64(catalog.queries.blob(ref.sha256).base64));
    attachments[ref.sha256] = ref.mediaType;
    return ref.sha256;
  };
  const versions: BundleVersion[] = [];
  const images = new Set<string>();
  for (const v of chosen) {
    const bytes = fromBase64(catalog.queries.blob(v.package.sha256).base64);
    const file = `${app.chartName}-${v.chartVersion}.tgz`;
    files.set(`packages/${file}`, bytes);
    const prov = provenance.provenanceFor(v.package.sha256);
    if (prov) files.set(`packages/${file}.prov`, new TextEncoder().encode(prov));
    // approved versions list the digests locked at approval, so the site mirrors exactly those
    const locked = await approvedImages(catalog, v.id);
    const found = locked ? locked.images.map(byDigest).sort() : chartImages(bytes);
    found.forEach((i) => images.add(i));
    const audit = await catalog.queries.audit({ version: v.id, limit: 1000 });
    const entry: BundleVersion = {
      name: v.name,
      chartVersion: v.chartVersion,
      state: v.state,
      changelog: v.changelog,
      package: { file, sha256: v.package.sha256, size: bytes.length },
      images: found,
      ...(locked ? { imageDigests: locked.images } : {}),
      review: audit.records
        .filter((r) => r.outcome === 'applied')
        .map((r) => ({ at: r.at, action: r.action, authorName: r.authorName, role: r.role, from: r.from, to: r.to, message: r.message, eventId: r.eventId })),
    };
    if (v.appVersion) entry.appVersion = v.appVersion;
    if (prov) entry.provenance = `${file}.prov`;
    versions.push(entry);
  }

  // the app's signed events, so the receiving side can check who reviewed what
  const versionIds = new Set(chosen.map((v) => v.id));
  const ledger = await catalog.core.ledger();
  const records = ledger.allEvents().filter((e) => {
    const d = e.body.data as { app?: unknown; version?: unknown };
    return (d.app === app.id && (e.body.type.startsWith('app.') || versionIds.has(String(d.version)))) || versionIds.has(String(d.version));
  });
  files.set('records/events.jsonl', new TextEncoder().encode(records.map((e) => JSON.stringify(e)).join('\n') + (records.length ? '\n' : '')));
  files.set('images.txt', new TextEncoder().encode([...images].sort().join('\n') + (images.size ? '\n' : '')));

  const status = await catalog.queries.status();
  const me = catalog.queries.identity();
  const manifest: BundleManifest = {
    format: 'berth-bundle',
    version: 1,
    createdAt: new Date().toISOString(),
    createdBy: { keyId: me.keyId, displayName: me.displayName },
    sourceCatalog: { id: status.catalog?.id ?? '', name: status.catalog?.name ?? '' },
    app: {
      chartName: app.chartName,
      description: app.info.description,
      introduction: app.info.introduction,
      home: app.info.home,
      categoryName: app.categoryName,
      screenshots: [],
    },
    versions,
    attachments,
    records: records.length,
  };
  const icon = attach(app.info.icon);
  if (icon) manifest.app.icon = icon;
  for (const s of app.info.screenshots) manifest.app.screenshots.push(attach(s)!);
  const bytes = writeBundle({ manifest, files });
  const path = resolve(req.path);
  writeFileSync(path, bytes);
  return { path, versions: versions.map((v) => v.name), images: [...images].sort(), bytes: bytes.length };
}
