/**
 * What the UI needs from the chart toolkit, in one place. A stored version is named by its id
 * and resolved on the main side (the catalog's read rules apply there); only a package not yet
 * in the catalog travels as bytes. Each function returns a Result like `call` does.
 */
import { ok, type Result, type Sentence } from '../../shared/result';
import { checkSeverity, LINT_SEVERITY, type FindingSeverity } from '../../shared/check-severity';
import type { ChartLintResult, ChartReview, ChartSource, ChartSummary, ChartTreeFile, RenderedManifest } from '../../shared/types/chart';
import type { FolderFile as Folder } from '../../shared/types/ui';
import { call } from '../api';

export type { FindingSeverity };

/** One result of checking a chart, keyed by the stable id of the check that raised it. */
export interface ChartFinding {
  id: string;
  severity: FindingSeverity;
  message: string;
  /** The message in the reader's language, when the main side gave it a key. */
  say?: Sentence;
  /** Lines under the message: each finding of a check (`file · Kind/name: …`). */
  details?: { where: string; message: string; say?: Sentence }[];
  /** Helm's own lint message: shown in Helm's words (English) and marked as Helm's. */
  helm?: boolean;
  /** The file or folder it points at, as Helm names it (e.g. `templates/`). */
  path?: string;
}

export interface ChartCheck {
  summary: ChartSummary;
  findings: ChartFinding[];
}

export type ChartFile = ChartTreeFile;
export type FolderFile = Folder;
export type { RenderedManifest };


export function lintFindings(lint: ChartLintResult): ChartFinding[] {
  const findings: ChartFinding[] = lint.messages.map((m) => ({
    id: 'helm-lint',
    severity: LINT_SEVERITY[m.severity],
    message: m.message,
    path: m.path,
    helm: true,
  }));
  if (!lint.passed && !findings.some((f) => f.severity === 'error'))
    findings.push({ id: 'helm-lint', severity: 'error', message: lint.error ?? 'helm lint failed.', helm: true });
  return findings;
}

/** The reviewer's checks as findings: one per check that did not simply pass. */
export function reviewFindings(review: ChartReview): ChartFinding[] {
  return review.checks.flatMap((c) => {
    const severity = checkSeverity(c.status);
    if (!severity) return [];
    const details = c.findings.map((f) => ({ where: [f.file, f.object].filter(Boolean).join(' · '), message: f.message, say: f.say }));
    return [{ id: c.id, severity, message: c.message, say: c.say, details }];
  });
}

/** Reads Chart.yaml, runs helm lint and the reviewer's checks on a packaged chart, without saving anything. */
export async function checkChartPackage(base64: string): Promise<Result<ChartCheck>> {
  const chart: ChartSource = { packageBase64: base64 };
  const summary = await call('chart.inspect', { chart });
  if (!summary.ok) return summary;
  const [lint, review] = await Promise.all([call('chart.lint', { chart }), call('chart.review', { chart })]);
  if (!lint.ok) return lint;
  // the review checks add to helm lint; without them the lint result still stands
  return ok({ summary: summary.value, findings: [...lintFindings(lint.value), ...(review.ok ? reviewFindings(review.value) : [])] });
}

/** Packages a chart folder (as picked in the file dialog) into a .tgz, like `helm package`. */
export function packageChartFolder(files: FolderFile[]): Promise<Result<{ fileName: string; packageBase64: string }>> {
  return call('ui.packageFolder', { files });
}

/** Every file of a stored version's chart package. */
export async function chartFilesOf(versionId: string): Promise<Result<ChartFile[]>> {
  return call('chart.files', { chart: { version: versionId } });
}

/** The manifests Helm would render for the version's default values. */
export async function renderVersion(versionId: string): Promise<Result<RenderedManifest[]>> {
  const r = await call('chart.render', { chart: { version: versionId } });
  return r.ok ? ok(r.value.manifests) : r;
}

export interface VersionChecks {
  lint: ChartLintResult;
  review: ChartReview;
}

/** helm lint and the reviewer's checks on a stored version. */
export async function checkVersion(versionId: string): Promise<Result<VersionChecks>> {
  const chart: ChartSource = { version: versionId };
  const [lint, review] = await Promise.all([call('chart.lint', { chart }), call('chart.review', { chart })]);
  if (!lint.ok) return lint;
  if (!review.ok) return review;
  return ok({ lint: lint.value, review: review.value });
}
