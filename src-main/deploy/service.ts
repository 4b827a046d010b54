/**
 * The deploy domain as one service per Berth process: connections per kubeconfig context
 * (reused for a short while), the verbs users run, and live status watches pushed as events.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { packageChartBytes } from '../chart/package';
import type { HelmEngine } from '../render/engine';
import { releaseCrds, releaseRenderer } from '../render/release-renderer';
import { BerthFailure } from '../../shared/result';
import { refusal } from '../sentences';
import type {
  ClusterInfo,
  ClusterTarget,
  InstallRequest,
  KubeconfigInfo,
  PreflightReport,
  ReleaseDetail,
  ReleaseHealth,
  ReleaseOutcome,
  ReleaseRevision,
  ReleaseStatus,
  ReleaseSummary,
  RollbackRequest,
  UninstallOutcome,
  UninstallRequest,
  UpgradePreview,
  UpgradeRequest,
  UpgradeTestOutcome,
  UpgradeTestRequest,
} from '../../shared/types/deploy';
import type { ChartSource } from '../../shared/types/chart';
import type { TestSuiteRecord, UpgradeTestRecord } from '../../shared/types/review-tools';
import { checkCluster, repairOnCluster } from './upgrade-check';
import { releaseResources } from './apply-release';
import { catalogLabels, PURPOSE_LABEL, VERSION_LABEL } from './release-labels';
import { connect, connectForRecords, createNamespace, describeKubeconfig, listNamespaces, type ClusterSession } from './cluster';
import { readHealth } from './health';
import { ReleaseWatches } from './release-watch';
import { install, renderFor } from './install';
import { kubeRefusal } from './kube-refusal';
import { pinningRenderer } from './pin-images';
import { preflight } from './preflight';
import { asValues, validateReleaseName } from './release-flow';
import type { ChartRenderer, CrdLister } from './render-release';
import type { HelmRelease } from './release-record';
import type { StoredRelease } from './release-store';
import { buildResources, markOwnership } from './resources';
import { rollback } from './rollback';
import { suiteOf, testRelease, testSuiteFromRecord, type ReleaseTestInput, type ReleaseTestResult } from './release-test';
import { detailOf, latestPerRelease, revisionOf, summarizeRelease } from './summaries';
import { uninstall } from './uninstall';
import { previewUpgrade, upgrade } from './upgrade';

export interface DeployServiceOptions {
  /** Helm's engine (Services' one): renders releases, lists their CRDs, packages chart folders. */
  engine: HelmEngine;
  renderer?: ChartRenderer;
  crds?: CrdLister;
  /** Fetches a catalog version's package; the catalog refuses what the purpose does not allow. */
  catalogPackage?: (version: string, purpose: 'store' | 'test') => Promise<Uint8Array>;
  /** The catalog app a version belongs to (for the release's berth.dev/app label). */
  catalogApp?: (version: string) => Promise<string | undefined>;
  /** Receives live status while a release is watched or waited for. */
  onStatus?: (health: ReleaseHealth) => void;
  /** Receives hook pods' logs as helm prints them on stderr (helm.sh/hook-output-log-policy); the CLI's stderr. */
  hookOutput?: (text: string) => void;
  /** The app's newest active version created before `version` (what an upgrade test starts from), with its name. */
  previousActiveVersion?: (version: string) => Promise<{ id: string; name: string } | undefined>;
  /** A catalog version's name (`0.1.0`), for an upgrade test whose starting version was picked. */
  versionName?: (version: string) => Promise<string | undefined>;
  /** Records a test deploy's outcome on its catalog version (shown to the reviewer). */
  recordTestDeploy?: (record: TestDeployOutcome) => Promise<unknown>;
}

export interface TestDeployOutcome {
  version: string;
  release: string;
  namespace: string;
  context: string;
  kubeVersion: string;
  outcome: 'running' | 'failed' | 'pending';
  message?: string;
  /** The chart's tests, run once the test deploy turned ready. */
  tests?: TestSuiteRecord;
  upgradeFrom?: UpgradeTestRecord;
  ciCase?: { file: string; edited?: boolean };
}

export { APP_LABEL, PURPOSE_LABEL, VERSION_LABEL } from './release-labels';

const SESSION_TTL_MS = 30_000;

export class DeployService {
  private readonly sessions = new Map<string, { session: Promise<ClusterSession>; at: number }>();
  private readonly watches: ReleaseWatches;
  renderer: ChartRenderer;
  crds: CrdLister;

  constructor(private readonly options: DeployServiceOptions) {
    this.renderer = options.renderer ?? releaseRenderer(() => options.engine);
    this.crds = options.crds ?? releaseCrds(() => options.engine);
    this.watches = new ReleaseWatches(
      (h) => options.onStatus?.(h),
      ({ version, health, context, kubeVersion, tests }) =>
        this.recordTest({
          version,
          release: health.release,
          namespace: health.namespace,
          context,
          kubeVersion,
          outcome: health.health === 'green' ? 'running' : 'failed',
          ...(health.reason ? { message: health.reason } : {}),
          ...(tests ? { tests } : {}),
        }),
    );
  }

  /** `pins` (image → approved digest): deploy those digests instead of what the tags point to now. */
  private flow(pins?: Record<string, string>) {
    return { renderer: pinningRenderer(this.renderer, pins), crds: this.crds, onHealth: this.options.onStatus };
  }

  async session(target: ClusterTarget = {}): Promise<ClusterSession> {
    const key = `${target.kubeconfig ?? ''}\u0000${target.context ?? ''}`;
    const cached = this.sessions.get(key);
    if (cached && Date.now() - cached.at < SESSION_TTL_MS) return cached.session;
    const hookOutput = this.options.hookOutput;
    const session = hookOutput ? connect(target).then((s) => Object.assign(s, { hookOutput })) : connect(target);
    this.sessions.set(key, { session, at: Date.now() });
    session.catch(() => this.sessions.delete(key));
    return session;
  }

  /** The error a call ends with: Kubernetes' own refusal (403 and the like) said as a sentence (kubeRefusal). */
  refusalOf(e: unknown): unknown {
    return kubeRefusal(e);
  }

  private async chartBytes(ref: ChartSource): Promise<Uint8Array> {
    if (ref && 'path' in ref && typeof ref.path === 'string') {
      if (!existsSync(ref.path)) throw refusal('not-found', 'release.noChart', { file: ref.path }, { file: ref.path });
      // A chart folder is packaged first, as `helm install NAME ./folder` loads it (.helmignore honoured).
      if (statSync(ref.path).isDirectory()) return (await packageChartBytes(ref.path, {}, this.options.engine)).archive;
      try {
        return readFileSync(ref.path);
      } catch {
        throw refusal('not-found', 'release.unreadablePackage', { file: ref.path }, { file: ref.path });
      }
    }
    if (ref && 'packageBase64' in ref && typeof ref.packageBase64 === 'string') return Buffer.from(ref.packageBase64, 'base64');
    if (ref && 'version' in ref && typeof ref.version === 'string') {
      if (!this.options.catalogPackage) throw refusal('catalog.not-connected', 'release.noCatalogFetch');
      return this.options.catalogPackage(ref.version, ref.purpose ?? 'store');
    }
    throw refusal('input.invalid', 'release.whichChart', undefined, { field: 'chart' });
  }

  kubeconfig(request: { kubeconfig?: string }): KubeconfigInfo {
    return describeKubeconfig(request);
  }

  async cluster(target: ClusterTarget): Promise<ClusterInfo> {
    const s = await this.session(target);
    return { context: s.context, server: s.client.server, version: s.apis.version.gitVersion, namespaces: await listNamespaces(s) };
  }

  async createNamespace(target: ClusterTarget, namespace: string): Promise<{ namespace: string; created: boolean }> {
    return { namespace, created: await createNamespace(await this.session(target), namespace) };
  }

  private async namespaceOf(target: ClusterTarget, namespace: string | undefined): Promise<{ session: ClusterSession; namespace: string }> {
    const session = await this.session(target);
    return { session, namespace: namespace || session.defaultNamespace };
  }

  async preflight(req: InstallRequest): Promise<PreflightReport> {
    validateReleaseName(req.release);
    const { session, namespace } = await this.namespaceOf(req.target, req.namespace);
    const chart = await this.chartBytes(req.chart);
    const rendered = await renderFor(session, this.flow(req.pinImages), {
      chart,
      values: asValues(req.values),
      valueSources: req.valueSources,
      release: req.release,
      namespace,
      revision: 1,
      isUpgrade: false,
    });
    const resources = buildResources(rendered.manifests, session.apis, namespace);
    for (const r of resources) markOwnership(r.object, req.release, namespace);
    return preflight(session, resources, { releaseName: req.release, releaseNamespace: namespace, createNamespace: req.createNamespace });
  }

  /**
   * Starts an engine process now, while the cluster is being discovered, so the render does not
   * wait for its start-up (a CLI install or upgrade otherwise pays both one after the other).
   */
  private warmEngine(): void {
    if (this.options.renderer) return;
    void this.options.engine.call('version', {}).catch(() => undefined);
  }

  async install(req: InstallRequest): Promise<ReleaseOutcome> {
    this.warmEngine();
    const { session, namespace } = await this.namespaceOf(req.target, req.namespace);
    const chart = await this.chartBytes(req.chart);
    const labels = await this.labelsFor(req);
    const testVersion = 'version' in req.chart && req.chart.purpose === 'test' ? req.chart.version : undefined;
    const record = (outcome: TestDeployOutcome['outcome'], message?: string, tests?: TestSuiteRecord) =>
      testVersion
        ? this.recordTest({
            version: testVersion,
            release: req.release,
            namespace,
            context: session.context,
            kubeVersion: session.apis.version.gitVersion,
            outcome,
            ...(message ? { message } : {}),
            ...(tests ? { tests } : {}),
            ...(req.ciCase ? { ciCase: req.ciCase } : {}),
          })
        : Promise.resolve();
    try {
      const out = await install(session, { ...req, namespace, chart, labels }, this.flow(req.pinImages)).finally(() => this.forgetSessions());
      if (!req.dryRun) {
        const green = out.health?.health === 'green';
        // a test deploy that turned ready runs the chart's tests (helm test) before it is recorded
        const tests = testVersion && green ? await this.runTests(req.target, req.release, namespace, req.timeoutSeconds) : undefined;
        await record(!out.health ? 'pending' : green ? 'running' : 'failed', out.health?.reason, tests);
        if (tests) out.tests = tests;
      }
      return out;
    } catch (e) {
      await record('failed', e instanceof Error ? e.message : String(e));
      throw e;
    }
  }

  /** `helm test` for a test deploy's record: never throws; a run that could not start is a failed suite. */
  private async runTests(target: ClusterTarget, release: string, namespace: string, timeoutSeconds?: number): Promise<TestSuiteRecord> {
    try {
      // a fresh session: the install may have added kinds (CRDs) the tests use
      return suiteOf(await testRelease(await this.session(target), { release, namespace, timeoutSeconds }));
    } catch (e) {
      return { outcome: 'failed', error: e instanceof Error ? e.message : String(e), results: [] };
    }
  }

  /** The request's labels over the catalog link of its chart (a non-catalog chart removes the link on upgrade). */
  private async labelsFor(req: InstallRequest | UpgradeRequest): Promise<Record<string, string>> {
    const app = req.chart && 'version' in req.chart ? await this.options.catalogApp?.(req.chart.version).catch(() => undefined) : undefined;
    return { ...catalogLabels(req.chart, app), ...(req.labels ?? {}) };
  }

  /** After an install the cluster may serve new kinds (the chart's CRDs): discover again next time. */
  private forgetSessions(): void {
    this.sessions.clear();
  }

  private async recordTest(outcome: TestDeployOutcome): Promise<void> {
    // A test deploy's outcome is worth keeping, but failing to record it must not fail the deploy.
    await this.options.recordTestDeploy?.(outcome).catch(() => undefined);
  }

  async previewUpgrade(req: UpgradeRequest): Promise<UpgradePreview> {
    const { session, namespace } = await this.namespaceOf(req.target, req.namespace);
    return previewUpgrade(session, { ...req, namespace, chart: await this.chartBytes(req.chart) }, this.flow(req.pinImages));
  }

  async upgrade(req: UpgradeRequest): Promise<ReleaseOutcome> {
    this.warmEngine();
    const { session, namespace } = await this.namespaceOf(req.target, req.namespace);
    const chart = await this.chartBytes(req.chart);
    return upgrade(session, { ...req, namespace, chart, labels: await this.labelsFor(req) }, this.flow(req.pinImages)).finally(() => this.forgetSessions());
  }

  /** `helm test`: runs the release's test hooks and records their last run in the release. */
  async test(req: { target: ClusterTarget; namespace?: string } & Omit<ReleaseTestInput, 'namespace'>): Promise<ReleaseTestResult> {
    const { session, namespace } = await this.namespaceOf(req.target, req.namespace);
    return testRelease(session, { ...req, namespace });
  }

  /**
   * An upgrade test as `ct install --upgrade` runs one: the app's previous active version is
   * installed and waited for, then upgraded to the version under test (same values) and waited
   * for, and the chart's tests run; the outcome is recorded on the tested version for the reviewer.
   */
  async upgradeTest(req: UpgradeTestRequest): Promise<UpgradeTestOutcome> {
    const found = req.from
      ? { id: req.from, name: (await this.options.versionName?.(req.from).catch(() => undefined)) ?? req.from }
      : await this.options.previousActiveVersion?.(req.version);
    if (!found) throw refusal('not-found', 'release.noEarlierVersion', undefined, { version: req.version });
    const { session, namespace } = await this.namespaceOf(req.target, req.namespace);
    const base = { target: req.target, release: req.release, namespace, values: req.values ?? {}, wait: true, timeoutSeconds: req.timeoutSeconds };
    const record = (upgradeFrom: UpgradeTestRecord, extra: Partial<TestDeployOutcome> = {}) =>
      this.recordTest({
        version: req.version,
        release: req.release,
        namespace,
        context: session.context,
        kubeVersion: session.apis.version.gitVersion,
        outcome: 'failed',
        ...(req.ciCase ? { ciCase: req.ciCase } : {}),
        ...extra,
        upgradeFrom,
      });
    const fromRecord = { version: found.id, name: found.name };
    let step = 'install';
    try {
      const installed = await this.install({ ...base, createNamespace: req.createNamespace, chart: { version: found.id, purpose: 'store' } });
      if (installed.health?.health !== 'green') throw new Error(installed.health?.reason ?? `${found.name} did not become ready.`);
      step = 'upgrade';
      const upgraded = await this.upgrade({ ...base, chart: { version: req.version, purpose: 'test' } });
      if (upgraded.health?.health !== 'green') throw new Error(upgraded.health?.reason ?? 'The upgraded release did not become ready.');
      const tests = await this.runTests(req.target, req.release, namespace, req.timeoutSeconds);
      const passed = tests.outcome !== 'failed';
      const message = passed ? undefined : `The chart’s tests failed after the upgrade: ${tests.error ?? ''}`.trim();
      const upgradeFrom: UpgradeTestRecord = { ...fromRecord, outcome: passed ? 'passed' : 'failed', ...(message ? { message } : {}) };
      await record(upgradeFrom, { outcome: 'running', tests });
      return { from: found.id, fromName: found.name, outcome: upgradeFrom.outcome, ...(message ? { message } : {}), release: { ...upgraded, tests } };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      const message = step === 'install' ? `Installing ${found.name} failed: ${why}` : `Upgrading to this version failed: ${why}`;
      await record({ ...fromRecord, outcome: 'failed', message }, { message });
      return { from: found.id, fromName: found.name, outcome: 'failed', message };
    }
  }

  async rollback(req: RollbackRequest): Promise<ReleaseOutcome> {
    const { session, namespace } = await this.namespaceOf(req.target, req.namespace);
    return rollback(session, { ...req, namespace }, this.flow());
  }

  async uninstall(req: UninstallRequest): Promise<UninstallOutcome> {
    const { session, namespace } = await this.namespaceOf(req.target, req.namespace);
    this.unwatch(namespace, req.release);
    return uninstall(session, { ...req, namespace });
  }

  async list(req: { target: ClusterTarget; namespace?: string; allNamespaces?: boolean; statuses?: ReleaseStatus[] }): Promise<ReleaseSummary[]> {
    const session = await this.session(req.target);
    const ns = req.allNamespaces ? undefined : req.namespace || session.defaultNamespace;
    return latestPerRelease(await session.releases.list(ns), req.statuses).map(summarizeRelease);
  }

  async get(req: { target: ClusterTarget; namespace?: string; release: string; revision?: number }): Promise<ReleaseDetail> {
    const { session, namespace } = await this.namespaceOf(req.target, req.namespace);
    if (req.revision) return detailOf(await session.releases.get(req.release, namespace, req.revision));
    const latest = await session.releases.latest(req.release, namespace);
    if (!latest) throw refusal('not-found', 'release.notFound', { release: req.release, namespace }, { release: req.release });
    return detailOf(latest);
  }

  async history(req: { target: ClusterTarget; namespace?: string; release: string }): Promise<ReleaseRevision[]> {
    const { session, namespace } = await this.namespaceOf(req.target, req.namespace);
    const h = await session.releases.history(req.release, namespace);
    if (h.length === 0) throw refusal('not-found', 'release.notFound', { release: req.release, namespace }, { release: req.release });
    return h.map((r) => revisionOf(r.release));
  }

  /**
   * The stored records themselves, for the CLI's helm-shaped output: every revision in the
   * namespace (all namespaces with `allNamespaces`), of one release when `release` is given.
   */
  async records(req: { target: ClusterTarget; namespace?: string; allNamespaces?: boolean; release?: string }): Promise<StoredRelease[]> {
    const { session, namespace } = this.recordsSession(req.target, req.namespace);
    const all = await session.releases.list(req.allNamespaces ? undefined : namespace, req.release);
    return req.release ? all.filter((r) => r.release.name === req.release).sort((a, b) => a.release.version - b.release.version) : all;
  }

  private recordsClients = new Map<string, ReturnType<typeof connectForRecords>>();

  /** A connection that reads records only: no discovery, so `list` and `get` cost one request. */
  private recordsSession(target: ClusterTarget, namespace: string | undefined) {
    const key = `${target.kubeconfig ?? ''}\u0000${target.context ?? ''}`;
    let session = this.recordsClients.get(key);
    if (!session) this.recordsClients.set(key, (session = connectForRecords(target)));
    return { session, namespace: namespace || session.defaultNamespace };
  }

  /** One revision's record, or the latest (Helm's releaseContent); undefined when there is none. */
  async record(req: { target: ClusterTarget; namespace?: string; release: string; revision?: number }): Promise<StoredRelease | undefined> {
    const { session, namespace } = this.recordsSession(req.target, req.namespace);
    if (req.revision)
      return session.releases.get(req.release, namespace, req.revision).catch((e: unknown) => {
        if (e instanceof BerthFailure && e.code === 'not-found') return undefined;
        throw e;
      });
    return session.releases.latest(req.release, namespace);
  }

  async health(req: { target: ClusterTarget; namespace?: string; release: string }): Promise<ReleaseHealth> {
    return (await this.healthWithLabels(req)).health;
  }

  private async healthWithLabels(req: {
    target: ClusterTarget;
    namespace?: string;
    release: string;
  }): Promise<{ health: ReleaseHealth; labels: Record<string, string>; context: string; kubeVersion: string; release: HelmRelease }> {
    const { session, namespace } = await this.namespaceOf(req.target, req.namespace);
    const latest = await session.releases.latest(req.release, namespace);
    if (!latest) throw refusal('not-found', 'release.notFound', { release: req.release, namespace }, { release: req.release });
    const rel = latest.release;
    const health = await readHealth(session, {
      release: rel.name,
      namespace,
      revision: rel.version,
      status: (rel.info.status ?? 'unknown') as ReleaseStatus,
      resources: releaseResources(session, rel.manifest ?? '', rel.name, namespace),
    });
    return { health, labels: latest.labels, context: session.context, kubeVersion: session.apis.version.gitVersion, release: rel };
  }

  /** Starts (or renews) pushing the release's health as `deploy.status` events; returns it now. */
  async watch(req: { target: ClusterTarget; namespace?: string; release: string }): Promise<ReleaseHealth> {
    const { namespace } = await this.namespaceOf(req.target, req.namespace);
    return this.watches.watch(namespace, req.release, async () => {
      const p = await this.healthWithLabels({ ...req, namespace });
      const test = p.labels[PURPOSE_LABEL] === 'test' ? p.labels[VERSION_LABEL] : undefined;
      // the tests' last run as the release records it (helm test, Berth's or helm's)
      const tests = test ? testSuiteFromRecord(p.release) : undefined;
      return { health: p.health, context: p.context, kubeVersion: p.kubeVersion, ...(test ? { testVersion: test } : {}), ...(tests ? { tests } : {}) };
    });
  }

  unwatch(namespace: string | undefined, release: string): { watching: number } {
    return this.watches.unwatch(namespace, release);
  }

  /** Releases whose stored manifests use APIs `kubeVersion` removed (before a cluster upgrade). */
  upgradeCheck(target: ClusterTarget, kubeVersion: string, namespace?: string): ReturnType<typeof checkCluster> {
    return checkCluster(target, kubeVersion, namespace);
  }

  /** Rewrites a release record's removed APIs to their replacements, as helm's mapkubeapis does. */
  repairRecord(target: ClusterTarget, release: string, namespace: string, kubeVersion: string): ReturnType<typeof repairOnCluster> {
    return repairOnCluster(target, release, namespace, kubeVersion);
  }

  close(): void {
    this.watches.close();
    for (const { session } of this.sessions.values()) void session.then((s) => s.client.close()).catch(() => undefined);
    this.sessions.clear();
    for (const s of this.recordsClients.values()) s.client.close();
    this.recordsClients.clear();
  }
}
