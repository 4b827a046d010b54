import type { StoreAppDetail, VersionSummary } from '../../../shared/types/catalog';
import type { ReleaseSummary } from '../../../shared/types/deploy';
import type { ChartSource } from '../../../shared/types/review-tools';
import type { Result } from '../../../shared/result';
import { call } from '../../api';
import { compareChartVersions } from './version-order';

/** The catalog app a release was deployed from, and where it can go next. */
export interface CatalogOrigin {
  app: StoreAppDetail;
  /** The chart the release runs now, as the catalog knows it (for carrying values); absent when the catalog has no such version. */
  from?: ChartSource;
  /** The active version the release runs, when it is still in the store. */
  current?: VersionSummary;
  /** Active versions above the running one, highest first. */
  newer: VersionSummary[];
  /** Found through the labels Berth wrote at deploy time, or by the chart's name (releases helm installed). */
  via: 'label' | 'chart-name';
}

/**
 * Finds the store app behind a release: first by the catalog version Berth recorded on the
 * release, otherwise by the chart name among the store's apps. `null` when the store has no such app.
 */
export async function findCatalogOrigin(release: ReleaseSummary): Promise<Result<CatalogOrigin | null>> {
  // helm keeps a release's labels when it upgrades it to another chart: trust them only while
  // the labelled version is still the chart the release runs
  let versionId = release.catalogVersion;
  let appId = release.catalogApp;
  if (versionId) {
    const v = await call('version.get', { version: versionId });
    if (v.ok && v.value.chartVersion === release.chartVersion) appId ??= v.value.appId;
    else if (v.ok || v.error.code === 'not-found') [versionId, appId] = [undefined, undefined];
  }
  const via = appId ? 'label' : 'chart-name';
  if (!appId) {
    const listing = await call('store.list', { search: release.chartName, limit: 100 });
    if (!listing.ok) return listing.error.code === 'catalog.not-connected' ? { ok: true, value: null } : { ok: false, error: listing.error };
    appId = listing.value.apps.find((a) => a.chartName === release.chartName)?.id;
    if (!appId) return { ok: true, value: null };
  }
  const app = await call('store.app', { app: appId });
  if (!app.ok) return app.error.code === 'not-found' ? { ok: true, value: null } : { ok: false, error: app.error };
  if (app.value.chartName !== release.chartName) return { ok: true, value: null };
  const versions = app.value.versions;
  const current = versions.find((v) => v.id === versionId) ?? versions.find((v) => v.chartVersion === release.chartVersion);
  const from: ChartSource | undefined = current ? { version: current.id } : versionId ? { version: versionId } : undefined;
  const newer = versions.filter((v) => compareChartVersions(v.chartVersion, release.chartVersion) > 0);
  return { ok: true, value: { app: app.value, from, current, newer, via } };
}
