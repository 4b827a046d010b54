import type { Sentence } from '../result';
import type { ChartSource, ValueSources } from './chart';
import type { TestSuiteRecord } from './review-tools';
/** Deploying charts to Kubernetes: kubeconfig contexts, releases (Helm-compatible), live status. */

/** Which cluster to talk to: a kubeconfig context (the current one when omitted). */
export interface ClusterTarget {
  context?: string;
  /** A kubeconfig file to read instead of $KUBECONFIG / ~/.kube/config. */
  kubeconfig?: string;
}

export type AuthMethod = 'token' | 'client-certificate' | 'exec' | 'basic' | 'none';

export interface KubeContextInfo {
  name: string;
  cluster: string;
  server: string;
  user: string;
  /** The context's namespace, or "default". */
  namespace: string;
  auth: AuthMethod;
  current: boolean;
}

export interface KubeconfigInfo {
  files: string[];
  currentContext?: string;
  contexts: KubeContextInfo[];
}

export interface ClusterInfo {
  context: string;
  server: string;
  /** e.g. "v1.36.3" */
  version: string;
  namespaces: string[];
}


export type ReleaseStatus =
  | 'unknown' | 'deployed' | 'uninstalled' | 'superseded' | 'failed' | 'uninstalling'
  | 'pending-install' | 'pending-upgrade' | 'pending-rollback';

export interface ReleaseSummary {
  name: string;
  namespace: string;
  revision: number;
  status: ReleaseStatus;
  /** "<chart name>-<chart version>", as `helm list` prints it. */
  chart: string;
  chartName: string;
  chartVersion: string;
  appVersion?: string;
  /** ISO time of the last deploy. */
  updated: string;
  description: string;
  /** Custom labels of the release record (Berth sets berth.dev/* labels on its own releases). */
  labels: Record<string, string>;
  /** The catalog app id this release runs (label berth.dev/app); absent for releases helm or a chart file made. */
  catalogApp?: string;
  /** The catalog version id it runs (label berth.dev/version), kept current across Berth's upgrades and rollbacks. */
  catalogVersion?: string;
}

export interface ReleaseRevision {
  revision: number;
  status: ReleaseStatus;
  chart: string;
  appVersion?: string;
  updated: string;
  description: string;
}

export interface ReleaseDetail extends ReleaseSummary {
  notes: string;
  /** The values the user supplied (`helm get values`). */
  values: Record<string, unknown>;
  manifest: string;
  firstDeployed?: string;
}

export type PreflightProblemKind = 'removed-api' | 'unknown-api' | 'missing-namespace' | 'refused' | 'forbidden' | 'ownership';

export interface PreflightProblem {
  kind: PreflightProblemKind;
  /** e.g. "Role demo/emqx" */
  resource: string;
  /** The template that rendered it, e.g. "emqx/templates/rbac.yaml". */
  source?: string;
  /** A plain sentence saying what is wrong and why. */
  message: string;
  /** The same sentence as a key under the UI's `sentences.` with its values, said in the reader's language. */
  say?: Sentence;
  /** For removed APIs: the chart toolkit's API-migration quick fix rewrites `from` to `to`. */
  fix?: { kind: 'api-migration'; from: string; to: string; resourceKind: string };
}

export interface PreflightReport {
  ok: boolean;
  serverVersion: string;
  /** How many objects were checked with a server-side dry run. */
  checked: number;
  problems: PreflightProblem[];
}

export interface InstallRequest {
  target: ClusterTarget;
  release: string;
  namespace?: string;
  createNamespace?: boolean;
  chart: ChartSource;
  /** User-supplied values (merged over the chart's values.yaml by the engine). */
  values?: Record<string, unknown>;
  /**
   * helm's -f files and --set, --set-string, --set-json, --set-file, --set-literal, merged over
   * `values` by Helm's own code in the engine (so `--set n=1000000` stays an integer), as
   * `helm install|upgrade` merges them.
   */
  valueSources?: ValueSources;
  /** Wait until every workload is ready (or the timeout passes) before reporting success. */
  wait?: boolean;
  timeoutSeconds?: number;
  description?: string;
  /** Pre-flight and render only; nothing is changed on the cluster. */
  dryRun?: boolean;
  /** Extra labels on the release record. */
  labels?: Record<string, string>;
  /** Do not create the chart's CRDs first (helm install --skip-crds). */
  skipCrds?: boolean;
  /** Run no chart hooks (helm --no-hooks). */
  noHooks?: boolean;
  /** Adopt existing objects the release renders instead of refusing them (helm --take-ownership). */
  takeOwnership?: boolean;
  /** On failure, uninstall a failed install or roll a failed upgrade back (helm --rollback-on-failure, formerly --atomic). */
  rollbackOnFailure?: boolean;
  /** Keep at most this many revisions of the release (helm --history-max; 0 keeps all). */
  historyMax?: number;
  /** image → `sha256:…`: deploy these digests (locked at approval, see `version.imageCheck`) instead of what the tags point to now. */
  pinImages?: Record<string, string>;
  /**
   * A test deploy's values started from this chart-testing case (`ci/a-values.yaml`), as
   * `ct install` deploys one; `edited` when the person changed them after picking it.
   * Recorded with the test deploy for the reviewer.
   */
  ciCase?: CiCaseChoice;
}

export interface CiCaseChoice {
  file: string;
  edited?: boolean;
}

export interface UpgradeRequest extends Omit<InstallRequest, 'createNamespace'> {
  /** Merge these values over the previous revision's (helm --reuse-values). Default: carry the previous values when none are given, as Helm does. */
  reuseValues?: boolean;
  resetValues?: boolean;
  /** The chart's own defaults, then the previous revision's values, then these (helm --reset-then-reuse-values). */
  resetThenReuseValues?: boolean;
  /** Install when the release does not exist yet (helm upgrade --install). */
  install?: boolean;
  createNamespace?: boolean;
}

/** `deploy.upgradeTest`: install the app's previous active version, then upgrade to this test version (ct install --upgrade). */
export interface UpgradeTestRequest {
  target: ClusterTarget;
  release: string;
  namespace?: string;
  createNamespace?: boolean;
  /** The catalog version under test (a draft or submitted version, deployed with purpose test). */
  version: string;
  /** The version to upgrade from; default the app's newest active version created before this one. */
  from?: string;
  values?: Record<string, unknown>;
  /** The chart-testing case `values` came from (ct install --upgrade runs each case); recorded with the outcome. */
  ciCase?: CiCaseChoice;
  timeoutSeconds?: number;
}

export interface UpgradeTestOutcome {
  from: string;
  fromName?: string;
  outcome: 'passed' | 'failed';
  message?: string;
  /** The upgraded release, when the upgrade ran. */
  release?: ReleaseOutcome;
}

export interface RollbackRequest {
  target: ClusterTarget;
  release: string;
  namespace?: string;
  /** 0 or omitted = the previous revision. */
  revision?: number;
  wait?: boolean;
  timeoutSeconds?: number;
  noHooks?: boolean;
  /** Keep at most this many revisions (helm --history-max; 0 keeps all). */
  historyMax?: number;
}

export interface UninstallRequest {
  target: ClusterTarget;
  release: string;
  namespace?: string;
  keepHistory?: boolean;
  /** helm's watcher: wait up to `timeoutSeconds` for the deleted objects and hook deletions. */
  wait?: boolean;
  /** `--wait=legacy`: the same wait, failing with the legacy waiter's bare "context deadline exceeded". */
  legacyWait?: boolean;
  timeoutSeconds?: number;
  noHooks?: boolean;
}

export interface ReleaseOutcome {
  release: ReleaseSummary;
  /** The release health after waiting (when `wait` was asked). */
  health?: ReleaseHealth;
  notes: string;
  manifest: string;
  /** A test deploy that turned ready: the chart's tests (helm test) and how they ended. */
  tests?: TestSuiteRecord;
}

export interface UninstallOutcome {
  release: string;
  namespace: string;
  deleted: string[];
  /** Objects left in place because of helm.sh/resource-policy: keep. */
  kept: string[];
}

export interface ManifestChange {
  /** e.g. "StatefulSet demo/emqx" */
  resource: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Unified diff of the manifest text (absent when unchanged). */
  diff?: string;
}

export interface UpgradePreview {
  release: string;
  namespace: string;
  fromRevision: number;
  fromChart: string;
  toChart: string;
  /** The values the upgrade will use (after carrying the previous ones over). */
  values: Record<string, unknown>;
  changes: ManifestChange[];
}

export interface WorkloadStatus {
  kind: string;
  name: string;
  namespace: string;
  desired: number;
  ready: number;
  updated?: number;
  isReady: boolean;
  /** Why it is not ready yet, in plain words. */
  message?: string;
  /** The same in the reader's language (`sentences.workload.*`). */
  messageSay?: Sentence;
}

export interface PodStatus {
  name: string;
  namespace: string;
  phase: string;
  ready: boolean;
  restarts: number;
  node?: string;
  /** e.g. "Unschedulable: 0/2 nodes are available: 2 Insufficient cpu." */
  reason?: string;
}

export interface EventInfo {
  type: string;
  reason: string;
  message: string;
  /** e.g. "Pod demo/emqx-0" */
  object: string;
  count: number;
  lastSeen: string;
}

/** green: every workload ready; red: something failed (or the wait timed out); pending: still rolling out. */
export type Health = 'green' | 'red' | 'pending';

export interface ReleaseHealth {
  release: string;
  namespace: string;
  revision: number;
  status: ReleaseStatus;
  health: Health;
  /** One sentence: why red or pending; absent when green. */
  reason?: string;
  /** The same in the reader's language: sentences under `sentences.health`, said one after the other. */
  reasonSay?: Sentence[];
  timedOut?: boolean;
  workloads: WorkloadStatus[];
  pods: PodStatus[];
  events: EventInfo[];
  checkedAt: string;
}

/** An object in a release's stored manifest whose apiVersion a Kubernetes version removed. */
export interface RemovedApiUse {
  kind: string;
  name: string;
  apiVersion: string;
  removedIn: string;
  /** Absent when the kind itself is gone: the repair drops the object. */
  replacement?: string;
}

/** A release the next `helm upgrade` would fail on after the cluster moves to that version. */
export interface ReleaseReadiness {
  release: string;
  namespace: string;
  revision: number;
  chart: string;
  uses: RemovedApiUse[];
}
