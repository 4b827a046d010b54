/**
 * `helm test` (helm v4.1.4 pkg/action/release_testing.go, hooks.go execHookWithDelayedShutdown):
 * the release's test hooks run by weight then name, each created and awaited (a Pod until it
 * succeeds or fails, a Job until it completes or fails, anything else at once), with helm's
 * delete policies (before-hook-creation by default, hook-succeeded and hook-failed after the
 * logs were read) and each hook's last run recorded in the release's storage Secret, so
 * `helm status` shows the same TEST SUITE lines.
 */
import { BerthFailure } from '../../shared/result';
import type { TestSuiteRecord } from '../../shared/types/review-tools';
import type { ClusterSession } from './cluster';
import { byWeight, deleteAfterFailure, deleteHookByPolicy, finishAfterSuccess, hookResource, hooksFor, setDefaultDeletePolicy } from './hook-deletion';
import { hookNamespace, outputLogsByPolicy } from './hook-logs';
import { KubeApiError } from './kube-client';
import type { HelmHook } from './manifests';
import { helmTime, type HelmRelease } from './release-record';
import { validateReleaseName } from './release-flow';
import { applyResource, getResource, type ReleaseResource } from './resources';

/** Go's zero time as encoding/json writes it: a hook that is running has not completed. */
const ZERO_TIME = '0001-01-01T00:00:00Z';
const POLL_MS = 500;

export interface ReleaseTestInput {
  release: string;
  namespace: string;
  /** helm's --timeout for each Kubernetes operation (default 300 s). */
  timeoutSeconds?: number;
  /** helm's --filter name=x (include) and !name=x (exclude). */
  include?: string[];
  exclude?: string[];
  /** Read each test pod's log before the delete policies run (helm test --logs). */
  logs?: boolean;
}

export interface TestHookOutcome {
  name: string;
  kind: string;
  phase: string;
  startedAt?: string;
  completedAt?: string;
  /** The pod's log, or — where the node serves no logs — its containers' termination messages. */
  log?: string;
  /** Where `log` came from, when it is not the pod's log. */
  logSource?: 'log' | 'termination-message';
  logError?: string;
}

export interface ReleaseTestResult {
  /** The release record as stored after the run (what `helm test` prints). */
  release: HelmRelease;
  /** helm's error when a test failed, timed out or could not be created; undefined when all passed. */
  error?: string;
  /** Every test hook that ran, in the order it ran. */
  hooks: TestHookOutcome[];
  /** helm test --logs: the "POD LOGS:" text helm prints, or the error that stopped it. */
  podLogs?: string;
  podLogsError?: string;
}

/** helm's --filter: name=x includes, "!name=x" (or "! name=x") excludes; anything else is ignored. */
export function parseTestFilters(filters: string[]): { include: string[]; exclude: string[] } {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const f of filters.flatMap((x) => x.split(','))) {
    if (f.startsWith('name=')) include.push(f.slice(5));
    else if (/^!\s?name=/.test(f)) exclude.push(f.replace(/^!\s?name=/, ''));
  }
  return { include, exclude };
}

interface LiveStatus {
  phase?: string;
  succeeded?: number;
  failed?: number;
  conditions?: { type: string; status: string }[];
}

/**
 * helm's statusWaiter.WatchUntilReady with its hook readers: resolves when ready, otherwise
 * throws helm's own message ("resource Pod/ns/name not ready. status: Failed, message: pod name failed").
 */
async function watchUntilReady(session: ClusterSession, r: ReleaseResource, timeoutMs: number): Promise<void> {
  const kind = r.object.kind;
  if (kind !== 'Pod' && kind !== 'Job') return;
  const ns = r.object.metadata.namespace ?? '';
  const name = r.object.metadata.name;
  const deadline = Date.now() + timeoutMs;
  let last = { status: 'Unknown', message: '' };
  for (;;) {
    const live = (await getResource(session.client, r)) as { spec?: { parallelism?: number; completions?: number }; status?: LiveStatus } | undefined;
    if (!live) last = { status: 'NotFound', message: 'Resource not found' };
    else if (kind === 'Pod') {
      const phase = live.status?.phase;
      if (phase === 'Succeeded') return;
      last = phase === 'Failed' ? { status: 'Failed', message: `pod ${name} failed` } : { status: 'InProgress', message: 'Pod in progress' };
    } else {
      const s = live.status ?? {};
      const parallelism = live.spec?.parallelism ?? 1;
      const completions = live.spec?.completions ?? parallelism;
      if (s.conditions?.some((c) => c.type === 'Complete' && c.status === 'True')) return;
      last = s.conditions?.some((c) => c.type === 'Failed' && c.status === 'True')
        ? { status: 'Failed', message: `Job Failed. failed: ${s.failed ?? 0}/${completions}` }
        : { status: 'InProgress', message: 'Job in progress' };
    }
    // Failed is terminal: helm stops waiting and reports it
    if (last.status === 'Failed') throw new Error(`resource ${kind}/${ns}/${name} not ready. status: Failed, message: ${last.message}`);
    if (Date.now() >= deadline)
      throw new Error(`resource ${kind}/${ns}/${name} not ready. status: ${last.status}, message: ${last.message}\ncontext deadline exceeded`);
    await new Promise((ok) => setTimeout(ok, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
  }
}

/** A pod's log as GET pods/log returns it (the whole log of its only or first container). */
async function podLog(session: ClusterSession, namespace: string, name: string): Promise<string> {
  const body = await session.client.request<unknown>({
    method: 'GET',
    path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/log`,
    accept: 'application/json, */*',
  });
  // the client parses an answer that happens to be JSON; a log is text
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/**
 * What a failed test pod said: its log when the node serves it, else the termination messages
 * its containers left in the pod's status (a real kubelet fills them from /dev/termination-log,
 * or from the log's tail with terminationMessagePolicy FallbackToLogsOnError).
 */
async function hookLog(session: ClusterSession, hook: HelmHook, namespace: string): Promise<Pick<TestHookOutcome, 'log' | 'logSource' | 'logError'>> {
  if (hook.kind !== 'Pod') return {};
  try {
    return { log: await podLog(session, namespace, hook.name), logSource: 'log' };
  } catch (e) {
    const logError = e instanceof Error ? e.message : String(e);
    try {
      const pod = await session.client.request<{
        status?: { containerStatuses?: { name: string; state?: { terminated?: { message?: string; exitCode?: number } } }[] };
      }>({
        method: 'GET',
        path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(hook.name)}`,
      });
      const lines = (pod.status?.containerStatuses ?? [])
        .filter((c) => c.state?.terminated)
        .map(
          (c) => `${c.name} (exit code ${c.state?.terminated?.exitCode ?? 0})${c.state?.terminated?.message ? `: ${c.state.terminated.message.trim()}` : ''}`,
        );
      return lines.length ? { log: lines.join('\n'), logSource: 'termination-message', logError } : { logError };
    } catch {
      return { logError };
    }
  }
}

/**
 * Runs the release's tests. Resolves with the stored record and helm's error text when a test
 * failed (helm prints the status and exits 1); throws only when the release cannot be tested
 * at all (no such release, a bad name, the cluster unreachable).
 */
export async function testRelease(session: ClusterSession, input: ReleaseTestInput): Promise<ReleaseTestResult> {
  try {
    validateReleaseName(input.release);
  } catch {
    throw new BerthFailure('input.invalid', `releaseTest: Release name is invalid: ${input.release}`, { field: 'release' });
  }
  const stored = await session.releases.latest(input.release, input.namespace);
  if (!stored) throw new BerthFailure('not-found', 'release: not found', { release: input.release });
  const rel = stored.release;
  const timeoutMs = Math.max(1, input.timeoutSeconds ?? 300) * 1000;
  const include = input.include ?? [];
  const exclude = input.exclude ?? [];

  // helm's filters reorder rel.Hooks (skipped ones first) and that order is what it stores
  let hooks = rel.hooks ?? [];
  const skipped: HelmHook[] = [];
  if (exclude.length) {
    const kept: HelmHook[] = [];
    for (const h of hooks) (exclude.includes(h.name) ? skipped : kept).push(h);
    hooks = kept;
  }
  if (include.length) {
    const kept: HelmHook[] = [];
    for (const h of hooks) (include.includes(h.name) ? kept : skipped).push(h);
    hooks = kept;
  }
  const executing = hooksFor(hooks, 'test');
  // helm test always waits with the watcher: each deletion is waited for, and fails at the timeout
  const deletion = { namespace: input.namespace, timeoutMs, waitForDelete: true };
  const ran: HelmHook[] = [];
  const save = async () => {
    rel.hooks = [...skipped, ...hooks];
    await session.releases.update(rel, stored.labels);
  };

  let error: string | undefined;
  let shutdown: () => Promise<void> = async () => undefined;
  for (const [i, h] of executing.entries()) {
    setDefaultDeletePolicy(h);
    try {
      await deleteHookByPolicy(session, h, 'before-hook-creation', deletion);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      break;
    }
    const r = hookResource(session, h, input.namespace, 'test hook');
    h.last_run = { started_at: helmTime(), completed_at: ZERO_TIME, phase: 'Running' };
    await save();
    h.last_run.phase = 'Unknown';
    ran.push(h);
    try {
      await applyResource(session.client, r);
    } catch (e) {
      h.last_run = { ...h.last_run, completed_at: helmTime(), phase: 'Failed' };
      error = `warning: Hook test ${h.path} failed: ${e instanceof KubeApiError || e instanceof Error ? e.message : String(e)}`;
      break;
    }
    try {
      await watchUntilReady(session, r, timeoutMs);
    } catch (e) {
      h.last_run = { ...h.last_run, completed_at: helmTime(), phase: 'Failed' };
      error = e instanceof Error ? e.message : String(e);
      // helm.sh/hook-output-log-policy: a failed hook's logs at once, before anything is printed
      await outputLogsByPolicy(session, h, input.namespace, 'hook-failed');
      const before = executing.slice(0, i);
      shutdown = () => deleteAfterFailure(session, h, before, deletion);
      break;
    }
    h.last_run = { ...h.last_run, completed_at: helmTime(), phase: 'Succeeded' };
  }
  if (!error) {
    shutdown = () => finishAfterSuccess(session, executing, deletion);
  }
  await save();

  // the logs are read before the delete policies run, as helm does
  const outcomes: TestHookOutcome[] = [];
  for (const h of ran) {
    const o: TestHookOutcome = { name: h.name, kind: h.kind, phase: h.last_run.phase, startedAt: h.last_run.started_at, completedAt: h.last_run.completed_at };
    if (h.last_run.phase === 'Failed') Object.assign(o, await hookLog(session, h, hookNamespace(h, input.namespace)));
    outcomes.push(o);
  }
  const result: ReleaseTestResult = { release: rel, hooks: outcomes, ...(error ? { error } : {}) };
  if (input.logs) {
    // ReleaseTesting.GetPodLogs: every test hook (filters applied), by weight, from the release's namespace
    let text = '';
    try {
      for (const h of [...(rel.hooks ?? [])].sort(byWeight)) {
        if (!h.events.includes('test') || exclude.includes(h.name) || (include.length && !include.includes(h.name))) continue;
        let log: string;
        try {
          log = await podLog(session, input.namespace, h.name);
        } catch (e) {
          throw new Error(`unable to get pod logs for ${h.name}: ${e instanceof Error ? e.message : String(e)}`);
        }
        text += `POD LOGS: ${h.name}\n${log}\n`;
      }
    } catch (e) {
      result.podLogsError = e instanceof Error ? e.message : String(e);
    }
    result.podLogs = text;
  }
  try {
    await shutdown();
  } catch (e) {
    if (!result.error) result.error = e instanceof Error ? e.message : String(e);
  }
  return result;
}

/** A run as the report keeps it: every test's phase, and what the failed ones said. */
export function suiteOf(result: ReleaseTestResult): TestSuiteRecord {
  const tests = (result.release.hooks ?? []).filter((h) => h.events.includes('test'));
  if (tests.length === 0) return { outcome: 'none', results: [] };
  const results = result.hooks.map((h) => ({
    name: h.name,
    phase: h.phase,
    ...(h.log ? { log: h.log } : {}),
    ...(h.logSource ? { logSource: h.logSource } : {}),
  }));
  return { outcome: result.error ? 'failed' : 'passed', ...(result.error ? { error: result.error } : {}), results };
}

/**
 * The last run of a release's tests as its record holds it (undefined when they never ran):
 * what a watch of a test deploy reports, whoever ran `helm test`.
 */
export function testSuiteFromRecord(rel: HelmRelease): TestSuiteRecord | undefined {
  const tests = (rel.hooks ?? []).filter((h) => h.events.includes('test'));
  if (tests.length === 0) return { outcome: 'none', results: [] };
  const ran = tests.filter((h) => h.last_run?.started_at && !h.last_run.started_at.startsWith('0001-'));
  if (ran.length === 0) return undefined;
  const results = ran.map((h) => ({ name: h.name, phase: h.last_run.phase }));
  return { outcome: results.every((r) => r.phase === 'Succeeded') ? 'passed' : 'failed', results };
}
