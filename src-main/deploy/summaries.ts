/** Helm release records as the UI and the CLI show them. */
import type { ReleaseDetail, ReleaseRevision, ReleaseStatus, ReleaseSummary } from '../../shared/types/deploy';
import { catalogLinkOf } from './release-labels';
import { customLabelsOf, type HelmRelease } from './release-record';
import type { StoredRelease } from './release-store';

function chartOf(rel: HelmRelease): { chartName: string; chartVersion: string; appVersion?: string } {
  const md = rel.chart?.metadata ?? {};
  const out: { chartName: string; chartVersion: string; appVersion?: string } = { chartName: String(md.name ?? ''), chartVersion: String(md.version ?? '') };
  if (md.appVersion !== undefined && md.appVersion !== null && md.appVersion !== '') out.appVersion = String(md.appVersion);
  return out;
}

export function summarizeRelease({ release: rel, labels: stored }: StoredRelease): ReleaseSummary {
  const c = chartOf(rel);
  const labels = customLabelsOf(stored);
  const s: ReleaseSummary = {
    name: rel.name,
    namespace: rel.namespace,
    revision: rel.version,
    status: (rel.info.status ?? 'unknown') as ReleaseStatus,
    chart: `${c.chartName}-${c.chartVersion}`,
    chartName: c.chartName,
    chartVersion: c.chartVersion,
    updated: rel.info.last_deployed ?? '',
    description: rel.info.description ?? '',
    labels,
    ...catalogLinkOf(labels),
  };
  if (c.appVersion) s.appVersion = c.appVersion;
  return s;
}

export function revisionOf(rel: HelmRelease): ReleaseRevision {
  const c = chartOf(rel);
  const r: ReleaseRevision = {
    revision: rel.version,
    status: (rel.info.status ?? 'unknown') as ReleaseStatus,
    chart: `${c.chartName}-${c.chartVersion}`,
    updated: rel.info.last_deployed ?? '',
    description: rel.info.description ?? '',
  };
  if (c.appVersion) r.appVersion = c.appVersion;
  return r;
}

export function detailOf(stored: StoredRelease): ReleaseDetail {
  const d: ReleaseDetail = {
    ...summarizeRelease(stored),
    notes: stored.release.info.notes ?? '',
    values: stored.release.config ?? {},
    manifest: stored.release.manifest ?? '',
  };
  if (stored.release.info.first_deployed) d.firstDeployed = stored.release.info.first_deployed;
  return d;
}

/**
 * `helm list` (Helm 4): the latest revision of each release, kept when its status is among
 * `statuses` (all statuses when none are given, as Helm 4 defaults), sorted by name.
 */
export function latestPerRelease(all: StoredRelease[], statuses?: ReleaseStatus[]): StoredRelease[] {
  const latest = new Map<string, StoredRelease>();
  for (const r of all) {
    const key = `${r.release.namespace}/${r.release.name}`;
    const seen = latest.get(key);
    if (!seen || seen.release.version < r.release.version) latest.set(key, r);
  }
  return [...latest.values()]
    .filter((r) => !statuses?.length || statuses.includes((r.release.info.status ?? 'unknown') as ReleaseStatus))
    .sort((a, b) => a.release.name.localeCompare(b.release.name) || a.release.namespace.localeCompare(b.release.namespace));
}
