/**
 * Custom labels on release records (Helm 4's Release.Labels, stored only as labels of the release
 * Secret next to Helm's own name/owner/status/version): Berth links a release to the catalog app
 * and version it runs with them, and merges them on upgrade as `helm upgrade --labels` does.
 */
import { BerthFailure } from '../../shared/result';
import type { ChartSource } from '../../shared/types/chart';
import { SYSTEM_LABELS } from './release-record';

export const PURPOSE_LABEL = 'berth.dev/purpose';
export const APP_LABEL = 'berth.dev/app';
export const VERSION_LABEL = 'berth.dev/version';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function labelValue(value: string | undefined): string | undefined {
  return value !== undefined && value.length <= 63 && LABEL_VALUE.test(value) ? value : undefined;
}

/** Helm refuses custom labels named like its own (driver.ContainsSystemLabels). */
export function checkCustomLabels(labels: Record<string, string>): void {
  const reserved = Object.keys(labels).filter((k) => SYSTEM_LABELS.includes(k));
  if (reserved.length > 0) {
    throw new BerthFailure(
      'input.invalid',
      `The release labels ${reserved.join(', ')} are Helm's own; choose other names (Helm reserves ${SYSTEM_LABELS.join(', ')}).`,
      { field: 'labels' },
    );
  }
}

/** helm upgrade's mergeCustomLabels: the previous labels, overridden by the new; "null" removes one. */
export function mergeCustomLabels(current: Record<string, string>, desired: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...current, ...desired })) if (v !== 'null') out[k] = v;
  return out;
}

/**
 * The labels linking a release to what it runs: purpose, app and version for a catalog version;
 * for any other chart, "null" for each, so an upgrade away from the catalog drops the link.
 */
export function catalogLabels(chart: ChartSource, app?: string): Record<string, string> {
  if (!('version' in chart)) return { [PURPOSE_LABEL]: 'null', [APP_LABEL]: 'null', [VERSION_LABEL]: 'null' };
  return {
    [PURPOSE_LABEL]: chart.purpose ?? 'store',
    [APP_LABEL]: labelValue(app) ?? 'null',
    [VERSION_LABEL]: labelValue(chart.version) ?? 'null',
  };
}

/** The catalog app and version a release record is linked to (absent for releases helm made). */
export function catalogLinkOf(labels: Record<string, string>): { catalogApp?: string; catalogVersion?: string } {
  const link: { catalogApp?: string; catalogVersion?: string } = {};
  if (labels[APP_LABEL]) link.catalogApp = labels[APP_LABEL];
  if (labels[VERSION_LABEL]) link.catalogVersion = labels[VERSION_LABEL];
  return link;
}
