/**
 * Importing a Helm or OCI repository into a workspace as app templates. Each package's digest is
 * the key: a version whose digest the catalog already holds is skipped, so a re-import adds only
 * new versions. Provenance is verified on the way in and its result handed to the catalog side.
 */
import type * as openpgp from 'openpgp';
import type { CosignCheck, ProvenanceCheck } from '../../shared/types/distribution';
import { verifyProvenance } from '../provenance/verify';
import { compareChartVersions } from './chart-version-order';
import type { ImportSource, FetchedChart, SourceChartVersion } from './import-sources';

export interface ImportCandidate extends SourceChartVersion {
  alreadyImported: boolean;
}

export interface ImportedVersion {
  name: string;
  version: string;
  digest: string;
  provenance: ProvenanceCheck;
  /** OCI charts: their cosign signatures against the trusted cosign keys. */
  cosign?: CosignCheck;
}

export interface ImportReport {
  source: string;
  imported: ImportedVersion[];
  skipped: number;
  failed: { name: string; version: string; message: string }[];
}

export interface ImportProgress {
  done: number;
  total: number;
  current?: string;
}

/** Oldest first within a chart, so an app is created from its first version and later ones are added. */
function importOrder(a: SourceChartVersion, b: SourceChartVersion): number {
  return a.name === b.name ? compareChartVersions(a.version, b.version) : a.name < b.name ? -1 : 1;
}

export async function planImport(source: ImportSource, knownDigests: ReadonlySet<string>, charts?: readonly string[]): Promise<ImportCandidate[]> {
  const all = await source.list();
  return all
    .filter((v) => !charts?.length || charts.includes(v.name))
    .sort(importOrder)
    .map((v) => ({ ...v, alreadyImported: knownDigests.has(v.digest) }));
}

export type ImportSink = (version: SourceChartVersion, chart: FetchedChart, provenance: ProvenanceCheck, cosign?: CosignCheck) => Promise<void>;

export async function runImport(
  source: ImportSource,
  candidates: readonly ImportCandidate[],
  options: { trustedKeys: readonly openpgp.Key[]; cosignKeys?: readonly string[]; sink: ImportSink; onProgress?: (p: ImportProgress) => void },
): Promise<ImportReport> {
  const report: ImportReport = { source: source.label, imported: [], skipped: 0, failed: [] };
  const todo = candidates.filter((c) => !c.alreadyImported);
  report.skipped = candidates.length - todo.length;
  let done = 0;
  for (const c of todo) {
    options.onProgress?.({ done, total: todo.length, current: `${c.name} ${c.version}` });
    try {
      const chart = await source.fetch(c);
      const check = await verifyProvenance(chart.packageBytes, chart.fileName, chart.provenance, options.trustedKeys);
      const cosign = chart.oci ? await chart.oci.verifyCosign(options.cosignKeys ?? []) : undefined;
      await options.sink(c, chart, check, cosign);
      report.imported.push({ name: c.name, version: c.version, digest: c.digest, provenance: check, ...(cosign ? { cosign } : {}) });
    } catch (e) {
      report.failed.push({ name: c.name, version: c.version, message: e instanceof Error ? e.message : String(e) });
    }
    done++;
  }
  options.onProgress?.({ done, total: todo.length });
  return report;
}
