import type { Sentence } from '../result';

/** What the rest of Berth needs to know about a chart package (from its Chart.yaml). */
export interface ChartMaintainer {
  name: string;
  email?: string;
  url?: string;
}

export interface ChartSummary {
  apiVersion: 'v1' | 'v2';
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  type: 'application' | 'library';
  home?: string;
  icon?: string;
  keywords: string[];
  maintainers: ChartMaintainer[];
  sources: string[];
  kubeVersion?: string;
  deprecated: boolean;
  annotations: Record<string, string>;
  dependencies: { name: string; version: string; repository?: string; condition?: string; alias?: string }[];
}

/**
 * Which chart a call works on — the one type every chart call takes, resolved on the main side:
 * a catalog version (the catalog's read rules apply), package bytes (base64 across the contract,
 * always named `packageBase64`), or a folder or .tgz on disk (the CLI and main-side callers; the
 * renderer has no paths).
 */
export type ChartSource =
  /** `purpose` says which catalog rule applies when deploying: `store` (the default) only for released versions, `test` for an app's isvs and reviewers. */
  | { version: string; purpose?: 'store' | 'test' }
  | { packageBase64: string; fileName?: string }
  | { path: string };

/** Values, in Helm's order of precedence (later wins): files, inline YAML, --set-json, --set, --set-string, --set-file, --set-literal. */
export interface ValueSources {
  /** -f/--values: YAML files on disk. */
  valueFiles?: string[];
  /** YAML documents given inline (what the UI's values editor produces). */
  valuesYaml?: string[];
  set?: string[];
  setString?: string[];
  setFile?: string[];
  setJson?: string[];
  setLiteral?: string[];
}

/** The flags of `helm template` Berth supports. */
export interface RenderOptions extends ValueSources {
  /** Defaults to "release-name", as with helm template. */
  releaseName?: string;
  /** Defaults to "default". */
  namespace?: string;
  kubeVersion?: string;
  apiVersions?: string[];
  includeCrds?: boolean;
  showOnly?: string[];
  skipTests?: boolean;
  noHooks?: boolean;
  isUpgrade?: boolean;
  skipSchemaValidation?: boolean;
}

/** One `---` document of the output with the `# Source:` it came from. */
export interface RenderedManifest {
  source: string;
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  /** The document text without the `# Source:` line. */
  content: string;
}

export interface RenderResult {
  /** Exactly what `helm template` prints on stdout. */
  output: string;
  /** The rendered NOTES.txt of the chart (helm template does not print it). */
  notes: string;
  manifests: RenderedManifest[];
  /** Warnings Helm would print on stderr. */
  warnings: string[];
}

export interface ChartLintMessage {
  severity: 'INFO' | 'WARNING' | 'ERROR';
  /** The file or folder the rule points at, as Helm names it (e.g. `templates/`, `Chart.yaml`). */
  path: string;
  message: string;
}

export interface ChartLintResult {
  /** False when helm lint would exit non-zero. */
  passed: boolean;
  /** What helm lint prints on stdout. */
  output: string;
  /** Helm's closing error ("1 chart(s) linted, 1 chart(s) failed") when it fails. */
  error?: string;
  messages: ChartLintMessage[];
}

/** Stable ids of the checks a reviewer sees at a glance (tests and translations key on them). */
export type ReviewCheckId =
  | 'chart.readme'
  | 'chart.values-schema'
  | 'chart.icon'
  | 'chart.notes'
  | 'chart.crds'
  | 'render.defaults'
  | 'images.tagged'
  | 'resources.set'
  | 'api.removed'
  | 'api.deprecated'
  | 'schema.valid';

export type ReviewCheckStatus = 'pass' | 'warn' | 'fail' | 'info';

export interface ReviewCheckFinding {
  /** Template the object came from (`# Source:`) or chart file. */
  file?: string;
  /** `Kind/name` of the rendered object. */
  object?: string;
  message: string;
  /** The message in words the UI translates (see Sentence). */
  say?: Sentence;
}

export interface ReviewCheck {
  id: ReviewCheckId;
  status: ReviewCheckStatus;
  /** One plain sentence. */
  message: string;
  say?: Sentence;
  findings: ReviewCheckFinding[];
}

export interface ChartReview {
  /** The Kubernetes version the API checks were made for. */
  kubeVersion: string;
  checks: ReviewCheck[];
  /** Every container image the default render uses. */
  images: string[];
}

/** One apiVersion rewritten (or left alone) by the removed-API quick fix. */
export interface ApiMigrationChange {
  file: string;
  line: number;
  kind: string;
  from: string;
  to: string;
}

export interface ApiMigrationSkip {
  file: string;
  line: number;
  kind: string;
  apiVersion: string;
  reason: string;
  /** The reason in the reader's language (keys under `sentences.apiFix`). */
  say?: Sentence;
}

export interface ApiMigrationResult {
  /** True when at least one apiVersion was rewritten (a new package was produced). */
  changed: boolean;
  /** `<name>-<version>.tgz` of the new package. */
  fileName: string;
  changes: ApiMigrationChange[];
  skipped: ApiMigrationSkip[];
}

/** One file of a chart as the file browser shows it. */
export interface ChartTreeFile {
  /** Path inside the chart (subcharts under `charts/<name>/…`; packaged subcharts are listed as their .tgz). */
  path: string;
  size: number;
  /** The content when the file is UTF-8 text (and at most 1 MiB). */
  text?: string;
}

/** Artifact Hub's Chart.yaml annotations (https://artifacthub.io/docs/topics/annotations/helm/), as read and vetted by Berth. */
export type ArtifactHubChangeKind = 'added' | 'changed' | 'deprecated' | 'removed' | 'fixed' | 'security';

export interface ArtifactHubLink {
  name: string;
  url: string;
}

export interface ArtifactHubChange {
  kind: ArtifactHubChangeKind;
  description: string;
  links: ArtifactHubLink[];
}

export interface ArtifactHubImage {
  name: string;
  image: string;
  whitelisted: boolean;
}

export interface ArtifactHubCrd {
  kind: string;
  version: string;
  name: string;
  displayName?: string;
  description?: string;
}

export interface ArtifactHubInfo {
  /** True when the chart carries at least one `artifacthub.io/` annotation. */
  present: boolean;
  changes: ArtifactHubChange[];
  images: ArtifactHubImage[];
  links: ArtifactHubLink[];
  license?: string;
  prerelease: boolean;
  containsSecurityUpdates: boolean;
  screenshots: { title: string; url: string }[];
  crds: ArtifactHubCrd[];
  /** `artifacthub.io/crdsExamples`, each object as YAML text. */
  crdsExamples: string[];
  /** What was left out and why, one plain sentence each (malformed or hostile annotations). */
  problems: string[];
}
