/**
 * Review comments, the pre-submission report and its waivers, and recorded test deploys:
 * what reviewers and ISVs share about a version besides the lifecycle itself. All of it
 * travels as signed catalog events, so it syncs and works offline like the rest.
 */
import type { Sentence } from '../result';
import type { ValuesDiff } from './values';

// ── comments ──────────────────────────────────────────────────────────────────

/** Where a comment thread is anchored. Lines are 1-based; `lineText` lets a thread follow its line into the next version. */
export type CommentAnchor =
  /** A file of the chart package, e.g. `values.yaml`, `templates/service.yaml`. */
  | { kind: 'file'; path: string; line: number; lineText?: string }
  /** A rendered manifest, by the template that produced it (e.g. `emqx/templates/service.yaml`). */
  | { kind: 'manifest'; path: string; line: number; lineText?: string }
  | { kind: 'changelog'; line: number; lineText?: string }
  /**
   * A line of the diff against another version (`base`); `side` says which side's line number.
   * `of`: a diff of chart files (the default) or of rendered manifests (`path` is then the template).
   */
  | { kind: 'diff'; path: string; line: number; side: 'old' | 'new'; base?: string; of?: 'file' | 'manifest'; lineText?: string };

export type AnchorKind = CommentAnchor['kind'];

export interface ReviewComment {
  id: string;
  author: string;
  authorName: string;
  /** ISO time. */
  at: string;
  body: string;
}

export interface CommentThread {
  /** The id of its first comment. */
  id: string;
  app: string;
  /** The version it was opened on. */
  version: string;
  versionName: string;
  anchor: CommentAnchor;
  /**
   * For a thread opened on an earlier version and shown on a later one: the line where its
   * text is found now, or `outdated` when the line is gone. Absent on its own version.
   */
  carried?: { line: number } | { outdated: true };
  resolved: boolean;
  resolvedBy?: string;
  resolvedByName?: string;
  resolvedAt?: string;
  /** A reviewer cited it when rejecting a version. */
  citedIn: string[];
  comments: ReviewComment[];
}

// ── test deploys ──────────────────────────────────────────────────────────────

/** One test hook of a test deploy's `helm test` run. */
export interface TestRunResult {
  name: string;
  /** helm's hook phase: Succeeded, Failed, Unknown (it did not finish). */
  phase: string;
  /** What a failed test pod said: its log, or its containers' termination messages. */
  log?: string;
  logSource?: 'log' | 'termination-message';
}

/** The chart's tests (`helm.sh/hook: test`) run after a test deploy turned ready. */
export interface TestSuiteRecord {
  /** `none`: the chart has no tests. */
  outcome: 'passed' | 'failed' | 'none';
  /** helm test's error when a test failed or could not run. */
  error?: string;
  results: TestRunResult[];
}

/** An upgrade test (as `ct install --upgrade`): the earlier active version installed, then upgraded to this one. */
export interface UpgradeTestRecord {
  /** The catalog version upgraded from, and its name. */
  version: string;
  name?: string;
  outcome: 'passed' | 'failed';
  message?: string;
}

export interface TestDeployRecord {
  version: string;
  release: string;
  namespace: string;
  context?: string;
  /** The cluster's version, e.g. `v1.31.2`. */
  kubeVersion?: string;
  outcome: 'running' | 'failed' | 'pending';
  message?: string;
  /** The chart's tests, run once the deploy was ready (absent when they did not run). */
  tests?: TestSuiteRecord;
  /** Set when this test deploy was an upgrade test from an earlier active version. */
  upgradeFrom?: UpgradeTestRecord;
  /** The chart-testing case (`ci/*-values.yaml`) the deploy's values started from; `edited` when changed after. */
  ciCase?: { file: string; edited?: boolean };
  /** ISO time of the outcome. */
  at: string;
  by?: string;
  byName?: string;
}

// ── pre-submission report ─────────────────────────────────────────────────────

export type CheckKind = 'lint' | 'values-schema' | 'images' | 'api-scan' | 'test-deploy' | 'helm-test' | 'ci-values' | 'upgrade-test';
/** `unavailable`: this Berth could not run the check (say, no chart engine); it is neither passed nor failed. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unavailable';

export interface ReportFinding {
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** The message in words the UI translates (see Sentence); Helm's own lint messages have none. */
  say?: Sentence;
  /** The lint/review check id (stable) that raised it. */
  rule?: string;
  /** Chart file (or template) it is about, and the line when known. */
  file?: string;
  line?: number;
  /** A values path (`image.tag`) when it is about a value. */
  path?: string;
}

export interface ReportCheck {
  /** Stable: `lint`, `values-schema`, `images`, `api-scan`, `test-deploy`. Waivers name it. */
  id: string;
  kind: CheckKind;
  status: CheckStatus;
  /** One plain sentence. */
  summary: string;
  summarySay?: Sentence;
  findings: ReportFinding[];
}

export interface ImageUse {
  /** As written in the manifest. */
  image: string;
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
  /** Templates (e.g. `emqx/templates/StatefulSet.yaml`) that use it. */
  sources: string[];
}

export interface PreSubmissionReport {
  format: 1;
  app: string;
  version: string;
  versionName: string;
  chart: { name: string; version: string };
  /** sha256 of the chart package the report describes. */
  packageSha256: string;
  builtAt: string;
  builtBy: string;
  builtByName?: string;
  /** The Kubernetes versions the API scan was run for, e.g. `1.29`, `1.33`. */
  kubeVersions: string[];
  checks: ReportCheck[];
  images: ImageUse[];
  testDeploy?: TestDeployRecord;
}

export type WaiverState = 'requested' | 'accepted' | 'refused';

export interface Waiver {
  id: string;
  version: string;
  check: string;
  reason: string;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  state: WaiverState;
  decidedBy?: string;
  decidedByName?: string;
  decidedAt?: string;
  note?: string;
}

export interface ReportCheckView extends ReportCheck {
  waiver?: Waiver;
  /** The status once an accepted waiver is counted: a waived failure counts as a pass. */
  effective: CheckStatus;
}

export interface ReportView {
  report: PreSubmissionReport;
  checks: ReportCheckView[];
  overall: 'pass' | 'warn' | 'fail';
  /** The version's package changed since the report was built (its sha256 differs). */
  stale: boolean;
}

// ── version comparison ────────────────────────────────────────────────────────

export interface FileComparison {
  path: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Unified diff of the text (absent when unchanged or binary). */
  diff?: string;
  binary?: boolean;
}

export interface ComparedVersion {
  version?: string;
  versionName?: string;
  chart: { name: string; version: string };
  packageSha256: string;
}

export interface VersionComparison {
  a: ComparedVersion;
  b: ComparedVersion;
  chartYaml: FileComparison;
  /** The default values (subcharts coalesced), key by key. */
  values: ValuesDiff;
  valuesYaml: FileComparison;
  /** Every other file of the packages (templates, README, schema, subcharts' files). */
  files: FileComparison[];
  /** Rendered manifests for the given values, per template; unavailable without a chart engine. */
  manifests: { available: boolean; reason?: string; files: FileComparison[] };
  /** The pre-submission reports of both versions, when they have one. */
  reports: { a?: ReportView; b?: ReportView };
}

/** The one "which chart" type; values, review and compare calls take it as the chart.* calls do. */
export type { ChartSource } from './chart';
