/**
 * Taking an air-gap bundle into this catalog: the app is created in the chosen workspace (or
 * found there by chart name), with its info, icon and screenshots, and each version not already
 * held (by package digest) is added with its name and changelog. Versions arrive as drafts: the
 * receiving catalog's own reviewers decide what its store offers. The source catalog's review
 * records travel along, their signatures checked, for those reviewers to read.
 */
import { readFileSync } from 'node:fs';
import { BerthFailure } from '../../shared/result';
import type { BundleImportReport, BundleManifest } from '../../shared/types/distribution';
import { parseSignedEvent } from '../catalog/event-parse';
import { checkSignature } from '../catalog/signing';
import type { ProvenanceStore } from '../provenance/provenance-store';
import { verifyProvenance } from '../provenance/verify';
import { compareChartVersions } from '../publish/chart-version-order';
import type { CatalogServices } from '../catalog/catalog-services';
import { readBundle, type BundleContents } from './bundle-file';

export function readBundleFile(path: string): BundleContents {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch {
    throw new BerthFailure('not-found', `Berth cannot read the bundle ${path}.`);
  }
  return readBundle(bytes);
}

export function summarizeBundle(contents: BundleContents): BundleManifest {
  return contents.manifest;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export async function importBundle(
  catalog: CatalogServices,
  provenance: ProvenanceStore,
  contents: BundleContents,
  target: { workspace: string },
): Promise<BundleImportReport> {
  const { manifest, files } = contents;
  const versions = [...manifest.versions].sort((a, b) => compareChartVersions(a.chartVersion, b.chartVersion));
  const existing = (await catalog.queries.apps(target.workspace)).find((a) => a.chartName === manifest.app.chartName && a.state !== 'deleted');
  const categories = await catalog.queries.categories();
  const category = categories.find((c) => c.name === manifest.app.categoryName)?.id;
  const trusted = await provenance.trustedKeys();
  const report: BundleImportReport = {
    app: '',
    createdApp: false,
    addedVersions: [],
    skippedVersions: [],
    provenance: [],
    reviewRecords: { total: 0, verified: 0 },
  };

  let appId = existing?.id;
  const held = new Set(existing ? (await catalog.queries.app(existing.id)).versions.filter((v) => v.state !== 'deleted').map((v) => v.package.sha256) : []);
  for (const v of versions) {
    const pkg = files.get(`packages/${v.package.file}`)!;
    const provText = v.provenance ? Buffer.from(files.get(`packages/${v.provenance}`) ?? new Uint8Array()).toString('utf8') : undefined;
    const check = await verifyProvenance(pkg, v.package.file, provText, trusted);
    report.provenance.push({ version: v.name, status: check.status, message: check.message });
    if (provText) provenance.keepProvenance(v.package.sha256, provText);
    if (held.has(v.package.sha256)) {
      report.skippedVersions.push(v.name);
      continue;
    }
    if (!appId) {
      const app = await catalog.commands.createApp({ workspace: target.workspace, chart: b64(pkg), ...(category ? { category } : {}) });
      appId = app.id;
      report.createdApp = true;
      const first = app.versions[0];
      if (first && (v.changelog || v.name !== first.name))
        await catalog.commands.editVersion({ version: first.id, versionName: v.name, ...(v.changelog ? { changelog: v.changelog } : {}) });
    } else {
      await catalog.commands.addVersion({ app: appId, chart: b64(pkg), versionName: v.name, ...(v.changelog ? { changelog: v.changelog } : {}) });
    }
    held.add(v.package.sha256);
    report.addedVersions.push(v.name);
  }
  if (!appId) throw new BerthFailure('input.invalid', 'The bundle holds no versions.');
  report.app = appId;

  if (report.createdApp) {
    const info = manifest.app;
    if (info.description || info.introduction || info.home) {
      await catalog.commands.updateInfo({
        app: appId,
        ...(info.description ? { description: info.description } : {}),
        ...(info.introduction ? { introduction: info.introduction } : {}),
        ...(info.home ? { home: info.home } : {}),
      });
    }
    if (info.icon) await catalog.commands.setIcon({ app: appId, image: b64(files.get(`attachments/${info.icon}`)!) });
    for (const s of info.screenshots) await catalog.commands.addScreenshot({ app: appId, image: b64(files.get(`attachments/${s}`)!) });
  }

  const lines = Buffer.from(files.get('records/events.jsonl') ?? new Uint8Array())
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim());
  report.reviewRecords.total = lines.length;
  for (const line of lines) {
    const e = parseSignedEvent(line);
    if (typeof e !== 'string' && checkSignature(e) === undefined) report.reviewRecords.verified++;
  }
  return report;
}
