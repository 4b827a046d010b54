/**
 * `berth uninstall --wait --timeout` against the real helm v4.1.4 on the harness. The release's
 * ConfigMap is held by a finalizer (`berth.test/hold`, which nothing on the harness removes), so
 * its deletion does not finish until the test takes the finalizer off: helm's watcher waits for
 * it and, at the timeout, purges the release and fails with "uninstallation completed with 1
 * error(s): …"; without --wait helm sends the DELETE and returns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS } from '../../cluster/harness';
import {
  chartPackage,
  deleteNamespaces,
  deployWorld,
  kubectl,
  letGo,
  namesGiven,
  namespacePair,
  neutralOutput as neutral,
  type CliRun,
  type DeployWorld,
} from './cluster-fixtures';

let w: DeployWorld;
beforeAll(async () => {
  w = await deployWorld();
}, CLUSTER_START_TIMEOUT_MS);

afterAll(() => {
  if (!w) return;
  for (const ns of namesGiven()) release(ns); // let the held ConfigMaps go, so their namespaces can be deleted
  deleteNamespaces(w.harness, namesGiven());
});

const berth = (...argv: string[]): Promise<CliRun> => w.berth(argv);

/** A chart whose one ConfigMap, web-web, carries the finalizer (or, with `hook`, a pre-delete hook web-pre deleted on success). */
function heldChart(hook = false, failingPostDelete = false): string {
  const pre =
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-pre\n  finalizers: [berth.test/hold]\n  annotations:\n' +
    '    helm.sh/hook: pre-delete\n    helm.sh/hook-delete-policy: hook-succeeded\n';
  // a post-delete Pod hook the harness fails (kwok stage for berth.test/outcome: fail)
  const post =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-post\n  annotations:\n    helm.sh/hook: post-delete\n' +
    '    berth.test/outcome: fail\nspec:\n  restartPolicy: Never\n  containers: [{ name: main, image: busybox:1.36 }]\n';
  const name = hook ? 'heldhook' : failingPostDelete ? 'heldpost' : 'held';
  return chartPackage(w.work, name, {
    'Chart.yaml': `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`,
    'templates/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-web\n  finalizers: [berth.test/hold]\n',
    ...(hook ? { 'templates/pre.yaml': pre } : {}),
    ...(failingPostDelete ? { 'templates/post.yaml': post } : {}),
  });
}

/** Two fresh namespaces (Berth's, helm's), each with the held chart installed as "web". */
async function installedPair(prefix: string, hook = false, failingPostDelete = false): Promise<{ b: string; h: string }> {
  const { b, h } = namespacePair(prefix);
  const pkg = heldChart(hook, failingPostDelete);
  expect((await berth('install', 'web', pkg, '-n', b, '--create-namespace')).code).toBe(0);
  expect((await w.helm(['install', 'web', pkg, '-n', h, '--create-namespace'])).status).toBe(0);
  return { b, h };
}

/** web-web in `ns`: absent, present, or terminating (deleted, held by its finalizer). */
function heldState(ns: string): 'absent' | 'present' | 'terminating' {
  const out = kubectl(w.harness, ['get', 'configmap', 'web-web', '-n', ns, '--ignore-not-found', '-o', 'jsonpath={.metadata.deletionTimestamp}|']);
  if (!out) return 'absent';
  return out === '|' ? 'present' : 'terminating';
}

/** Lets the chart's held ConfigMaps in `ns` go. */
const release = (ns: string) => letGo(w.harness, ns, ['web-web', 'web-pre', 'web-post']);

const pause = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

async function releaseGone(ns: string): Promise<boolean> {
  return (await w.helm(['status', 'web', '-n', ns])).status !== 0;
}

async function status(ns: string): Promise<string> {
  return (await record(ns)).info.status;
}

interface ReleaseRecord {
  info: { status: string; description: string };
  hooks?: { name: string; last_run?: { phase?: string } }[];
}

async function record(ns: string): Promise<ReleaseRecord> {
  const s = await w.helm(['status', 'web', '-n', ns, '-o', 'json']);
  return JSON.parse(s.stdout) as ReleaseRecord;
}

/** What helm keeps of an uninstalled release: its status, description and each hook's last phase. */
async function kept(ns: string): Promise<unknown> {
  const r = await record(ns);
  return { status: r.info.status, description: r.info.description, hooks: (r.hooks ?? []).map((x) => [x.name, x.last_run?.phase]) };
}

describe('uninstall --wait on the harness, against helm', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it('a held resource: --wait fails at --timeout with helm message and exit code, and the release is purged', async () => {
    const { b, h } = await installedPair('unw');
    const ours = await berth('uninstall', 'web', '-n', b, '--wait', '--timeout', '4s');
    const theirs = await w.helm(['uninstall', 'web', '-n', h, '--wait', '--timeout', '4s']);
    expect([ours.code, theirs.status]).toEqual([1, 1]);
    expect(ours.err).toBe(
      `Error: uninstallation completed with 1 error(s): resource ConfigMap/${b}/web-web still exists. ` +
        'status: Terminating, message: Resource scheduled for deletion\ncontext deadline exceeded\n',
    );
    expect(neutral(ours.err, b)).toBe(neutral(theirs.stderr, h));
    expect(neutral(ours.out, b)).toBe(neutral(theirs.stdout, h));
    expect([heldState(b), heldState(h)]).toEqual(['terminating', 'terminating']);
    expect([await releaseGone(b), await releaseGone(h)]).toEqual([true, true]);
  });

  it('--wait returns once the finalizer is removed, with helm output', async () => {
    const { b, h } = await installedPair('unr');
    const settled = { b: false, h: false };
    const ours = berth('uninstall', 'web', '-n', b, '--wait', '--timeout', '120s').finally(() => (settled.b = true));
    const theirs = w.helm(['uninstall', 'web', '-n', h, '--wait', '--timeout', '120s']).finally(() => (settled.h = true));
    while (heldState(b) !== 'terminating' || heldState(h) !== 'terminating') await pause(200);
    await pause(2000);
    // both still waiting for web-web
    expect(settled).toEqual({ b: false, h: false });
    release(b);
    release(h);
    const [o, t] = await Promise.all([ours, theirs]);
    expect([o.code, t.status]).toEqual([0, 0]);
    expect(o.out).toBe('release "web" uninstalled\n');
    expect([neutral(o.out, b), neutral(o.err, b)]).toEqual([neutral(t.stdout, h), neutral(t.stderr, h)]);
    expect([heldState(b), heldState(h)]).toEqual(['absent', 'absent']);
  });

  it('a held pre-delete hook: --wait fails at its deletion, before the release objects are deleted, as helm', async () => {
    const { b, h } = await installedPair('unh', true);
    const ours = await berth('uninstall', 'web', '-n', b, '--wait', '--timeout', '4s');
    const theirs = await w.helm(['uninstall', 'web', '-n', h, '--wait', '--timeout', '4s']);
    expect([ours.code, theirs.status]).toEqual([1, 1]);
    expect(ours.err).toBe(
      `Error: resource ConfigMap/${b}/web-pre still exists. status: Terminating, message: Resource scheduled for deletion\ncontext deadline exceeded\n`,
    );
    expect(neutral(ours.err, b)).toBe(neutral(theirs.stderr, h));
    expect([heldState(b), heldState(h)]).toEqual(['present', 'present']);
    expect(await status(b)).toBe(await status(h));
  });

  it('without --wait: returns with the resource still terminating, as helm does', async () => {
    const { b, h } = await installedPair('unq');
    const ours = await berth('uninstall', 'web', '-n', b, '--timeout', '4s');
    const theirs = await w.helm(['uninstall', 'web', '-n', h, '--timeout', '4s']);
    expect([ours.code, theirs.status]).toEqual([0, 0]);
    expect([neutral(ours.out, b), neutral(ours.err, b)]).toEqual([neutral(theirs.stdout, h), neutral(theirs.stderr, h)]);
    expect([heldState(b), heldState(h)]).toEqual(['terminating', 'terminating']);
  });

  it('a failing post-delete hook: the release is still purged, then helm error and exit code', async () => {
    const { b, h } = await installedPair('unp', false, true);
    release(b);
    release(h);
    const ours = await berth('uninstall', 'web', '-n', b);
    const theirs = await w.helm(['uninstall', 'web', '-n', h]);
    expect([ours.code, theirs.status]).toEqual([1, 1]);
    expect(ours.err).toBe(
      `Error: uninstallation completed with 1 error(s): resource Pod/${b}/web-post not ready. status: Failed, message: pod web-post failed\n`,
    );
    expect([neutral(ours.out, b), neutral(ours.err, b)]).toEqual([neutral(theirs.stdout, h), neutral(theirs.stderr, h)]);
    expect([await releaseGone(b), await releaseGone(h)]).toEqual([true, true]);
  });

  it('a failing post-delete hook with --keep-history: kept as uninstalled with the failed hook, as helm', async () => {
    const { b, h } = await installedPair('unk', false, true);
    release(b);
    release(h);
    const ours = await berth('uninstall', 'web', '-n', b, '--keep-history');
    const theirs = await w.helm(['uninstall', 'web', '-n', h, '--keep-history']);
    expect([ours.code, theirs.status]).toEqual([1, 1]);
    expect(neutral(ours.err, b)).toBe(neutral(theirs.stderr, h));
    expect(await kept(b)).toEqual({ status: 'uninstalled', description: 'Uninstallation complete', hooks: [['web-post', 'Failed']] });
    expect(await kept(b)).toEqual(await kept(h));
  });

  it('--wait running out and a failing post-delete hook: both errors, joined as helm joins them', async () => {
    const { b, h } = await installedPair('unb', false, true);
    const ours = await berth('uninstall', 'web', '-n', b, '--wait', '--timeout', '4s');
    const theirs = await w.helm(['uninstall', 'web', '-n', h, '--wait', '--timeout', '4s']);
    expect([ours.code, theirs.status]).toEqual([1, 1]);
    expect(ours.err).toMatch(/^Error: uninstallation completed with 2 error\(s\): resource ConfigMap\/[^;]*; resource Pod\//);
    expect(neutral(ours.err, b)).toBe(neutral(theirs.stderr, h));
    expect([await releaseGone(b), await releaseGone(h)]).toEqual([true, true]);
  });

  it('--wait=legacy running out: the legacy waiter message, as helm', async () => {
    const { b, h } = await installedPair('unl');
    const ours = await berth('uninstall', 'web', '-n', b, '--wait=legacy', '--timeout', '4s');
    const theirs = await w.helm(['uninstall', 'web', '-n', h, '--wait=legacy', '--timeout', '4s']);
    expect([ours.code, theirs.status]).toEqual([1, 1]);
    expect(ours.err).toBe('Error: uninstallation completed with 1 error(s): context deadline exceeded\n');
    expect(neutral(ours.err, b)).toBe(neutral(theirs.stderr, h));
    expect([await releaseGone(b), await releaseGone(h)]).toEqual([true, true]);
  });
});
