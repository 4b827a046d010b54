/**
 * What the UI needs from the chart toolkit, in one place so that moving to other contract
 * calls touches only this file. Each function returns a Result like `call` does.
 */
import type { Result } from '../../shared/result';
import { ok } from '../../shared/result';
import type { ChartLintResult, ChartReview, RenderedManifest, ReviewCheckStatus } from '../../shared/types/chart';
import type { ChartCheckView, ChartFileView, ChartFinding as Finding, FolderFile as Folder } from '../../shared/types/ui';
import { call } from '../api';

export type ChartFinding = Finding;
export type FindingSeverity = Finding['severity'];
export type ChartCheck = ChartCheckView;
export type ChartFile = ChartFileView;
export type FolderFile = Folder;
export type { RenderedManifest };

const REVIEW_SEVERITY: Record<ReviewCheckStatus, FindingSeverity | undefined> = { fail: 'error', warn: 'warning', info: 'info', pass: undefined };

/** The reviewer's checks as findings: one per check that did not simply pass, keyed by its stable id. */
export function reviewFindings(review: ChartReview): ChartFinding[] {
  return review.checks.flatMap((c) => {
    const severity = REVIEW_SEVERITY[c.status];
    if (!severity) return [];
    const detail = c.findings.map((f) => [f.file, f.object, f.message].filter(Boolean).join(' · '));
    return [{ id: c.id, severity, message: [c.message, ...detail].join('\n') }];
  });
}

/** Reads Chart.yaml, runs helm lint and the reviewer's checks on a packaged chart, without saving anything. */
export async function checkChartPackage(base64: string): Promise<Result<ChartCheck>> {
  const [lint, review] = await Promise.all([call('ui.checkChart', { packageBase64: base64 }), call('chart.review', { chart: { archiveBase64: base64 } })]);
  if (!lint.ok) return lint;
  // the review checks add to helm lint; without them the lint result still stands
  return ok({ ...lint.value, findings: [...lint.value.findings, ...(review.ok ? reviewFindings(review.value) : [])] });
}

export interface VersionChecks {
  lint: ChartLintResult;
  review: ChartReview;
}

/** helm lint and the reviewer's checks on a stored version (for reviewers and the app's isvs). */
export async function checkVersion(versionId: string): Promise<Result<VersionChecks>> {
  const pkg = await call('version.package', { version: versionId, purpose: 'test' });
  if (!pkg.ok) return pkg;
  const chart = { archiveBase64: pkg.value.base64 };
  const [lint, review] = await Promise.all([call('chart.lint', { chart }), call('chart.review', { chart })]);
  if (!lint.ok) return lint;
  if (!review.ok) return review;
  return ok({ lint: lint.value, review: review.value });
}

/** Packages a chart folder (as picked in the file dialog) into a .tgz, like `helm package`. */
export function packageChartFolder(files: FolderFile[]): Promise<Result<{ fileName: string; base64: string }>> {
  return call('ui.packageFolder', { files });
}

/** Every file of a stored version's chart package. */
export function chartFilesOf(versionId: string): Promise<Result<ChartFile[]>> {
  return call('ui.chartFiles', { version: versionId });
}

/** The manifests Helm would render for the version's default values. */
export function renderVersion(versionId: string): Promise<Result<RenderedManifest[]>> {
  return call('ui.renderVersion', { version: versionId });
}
