/**
 * The quick fix for removed Kubernetes APIs: rewrites literal `apiVersion:` lines in the chart's
 * templates to their replacement where the object's schema carries over unchanged (see
 * kube-apis.ts), and produces a new package. It never edits the original: the caller gets new
 * bytes and the list of every change and of every object it left alone, with the reason.
 */
import { BerthFailure } from '../../shared/result';
import type { ApiMigrationChange, ApiMigrationResult, ApiMigrationSkip } from '../../shared/types/chart';
import { decodeText, readChartArchive, type ChartFile } from './archive';
import { readMetadataFromArchive } from './inspect';
import { apiStatusIn, DEFAULT_REVIEW_KUBE_VERSION, findApiChange } from './kube-apis';
import { isValidChartVersion } from './metadata';
import { writeTgz } from './tar-write';

export interface ApiMigrationOptions {
  /** Rewrite APIs removed or deprecated in this Kubernetes version (default: Helm's default, 1.35). */
  kubeVersion?: string;
  /** Version for the new package; without it the chart keeps its version. */
  version?: string;
}

const API_LINE = /^(apiVersion:[ \t]*)(["']?)([A-Za-z0-9./-]+)\2([ \t]*(?:#.*)?)$/;
const KIND_LINE = /^kind:[ \t]*(["']?)([A-Za-z0-9]+)\1[ \t]*(?:#.*)?$/;

/** Template sources of the chart and of its unpacked subcharts. */
function isTemplate(path: string): boolean {
  return /(^|\/)templates\/.+\.(ya?ml|tpl)$/.test(path) && !/(^|\/)charts\/[^/]+\.tgz$/.test(path);
}

function migrateFile(file: ChartFile, kubeVersion: string, changes: ApiMigrationChange[], skipped: ApiMigrationSkip[]): string | undefined {
  const text = decodeText(file);
  const lines = text.split('\n');
  let changed = false;
  let start = 0;
  const flush = (end: number) => {
    let apiAt = -1;
    let kind: string | undefined;
    for (let i = start; i < end; i++) {
      if (apiAt < 0 && API_LINE.test(lines[i])) apiAt = i;
      const k = KIND_LINE.exec(lines[i]);
      if (k && !kind) kind = k[2];
    }
    if (apiAt < 0 || !kind) return;
    const m = API_LINE.exec(lines[apiAt])!;
    const change = findApiChange(m[3], kind);
    if (!change || apiStatusIn(change, kubeVersion) === 'served') return;
    const where = { file: file.path, line: apiAt + 1, kind };
    const doc = lines.slice(start, end).join('\n');
    if (!change.replacement) {
      skipped.push({
        ...where,
        apiVersion: change.apiVersion,
        reason: `${kind} has no replacement API; the object must be removed or replaced by hand.`,
        say: { key: 'apiFix.noReplacement', values: { kind } },
      });
    } else if (!change.sameSchema && !(change.needsSelector && /^[ \t]+selector:/m.test(doc))) {
      skipped.push({
        ...where,
        apiVersion: change.apiVersion,
        reason: change.needsSelector
          ? `${change.replacement} requires spec.selector, which this ${kind} does not set.`
          : `${change.replacement} ${kind} has a different schema; the fields must be migrated by hand.`,
        say: { key: change.needsSelector ? 'apiFix.needsSelector' : 'apiFix.differentSchema', values: { kind, api: change.replacement } },
      });
    } else {
      lines[apiAt] = `${m[1]}${m[2]}${change.replacement}${m[2]}${m[4]}`;
      changes.push({ ...where, from: change.apiVersion, to: change.replacement });
      changed = true;
    }
  };
  for (let i = 0; i < lines.length; i++) {
    if (/^---/.test(lines[i])) {
      flush(i);
      start = i + 1;
    }
  }
  flush(lines.length);
  return changed ? lines.join('\n') : undefined;
}

function setChartVersion(chartYaml: string, version: string): string {
  const re = /^version:[ \t]*.*$/m;
  if (!re.test(chartYaml)) throw new BerthFailure('chart.invalid', 'Chart.yaml has no top-level version line to update.');
  return chartYaml.replace(re, `version: ${version}`);
}

export function migrateRemovedApis(pkg: Uint8Array, options: ApiMigrationOptions = {}): ApiMigrationResult & { archive: Uint8Array } {
  const archive = readChartArchive(pkg);
  const md = readMetadataFromArchive(archive);
  const kubeVersion = options.kubeVersion ?? DEFAULT_REVIEW_KUBE_VERSION;
  if (options.version !== undefined && !isValidChartVersion(options.version)) {
    throw new BerthFailure('input.invalid', `"${options.version}" is not a SemVer version.`);
  }
  const changes: ApiMigrationChange[] = [];
  const skipped: ApiMigrationSkip[] = [];
  const encoder = new TextEncoder();
  const files = archive.files.map((f) => {
    if (!isTemplate(f.path)) return f;
    const migrated = migrateFile(f, kubeVersion, changes, skipped);
    return migrated === undefined ? f : { path: f.path, data: encoder.encode(migrated) };
  });
  const version = options.version ?? md.version;
  const out = files.map((f) =>
    f.path === 'Chart.yaml' && options.version !== undefined ? { path: f.path, data: encoder.encode(setChartVersion(decodeText(f), version)) } : f,
  );
  const changed = changes.length > 0;
  return {
    changed,
    fileName: `${md.name}-${version}.tgz`,
    changes,
    skipped,
    archive: changed ? writeTgz(out.map((f) => ({ name: `${archive.baseDir}/${f.path}`, data: f.data }))) : pkg,
  };
}
