/**
 * Hook delete policies (src-main/deploy/hook-deletion.ts) against the real helm v4.1.4 on the
 * harness: the same chart installed, upgraded and tested by Berth and by helm, each in its own
 * namespace, must leave the same hook objects and give the same exit code and errors. A
 * ConfigMap hook held by a finalizer (`berth.test/hold`, which nothing on the harness removes)
 * is a deletion that never finishes: helm's watcher (--wait, and always `helm test`) fails at
 * the timeout; its default hookOnly waiter sends the DELETE and goes on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS } from '../../cluster/harness';
import {
  chartPackage,
  deleteNamespaces,
  deployWorld,
  HOLD,
  kubectl,
  letGo,
  namesGiven,
  namespacePair as pair,
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
  // let the held ConfigMaps go, so their namespaces can be deleted
  for (const ns of namesGiven()) letGo(w.harness, ns, configMaps(ns));
  deleteNamespaces(w.harness, namesGiven());
});

const berth = (...argv: string[]): Promise<CliRun> => w.berth(argv);

function hook(kind: 'ConfigMap' | 'Pod', name: string, events: string, annotations: Record<string, string>, held = false): string {
  const metadata = {
    name: `{{ .Release.Name }}-${name}`,
    annotations: { 'helm.sh/hook': events, ...annotations },
    ...(held ? { finalizers: [HOLD] } : {}),
  };
  const body =
    kind === 'ConfigMap'
      ? { data: { revision: '{{ .Release.Revision }}' } }
      : { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } };
  return stringify({ apiVersion: 'v1', kind, metadata, ...body });
}

function chart(name: string, hooks: Record<string, string>): string {
  return chartPackage(w.work, name, {
    'Chart.yaml': `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`,
    'templates/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-web\n',
    ...Object.fromEntries(Object.entries(hooks).map(([file, text]) => [`templates/${file}`, text])),
  });
}

interface Live {
  name: string;
  uid: string;
  revision?: string;
  terminating: boolean;
}

/** The namespace's ConfigMaps and Pods (kube-root-ca.crt aside), by name. */
function objects(ns: string): Live[] {
  const list = JSON.parse(kubectl(w.harness, ['get', 'configmaps,pods', '-n', ns, '-o', 'json'])) as {
    items: { kind: string; metadata: { name: string; uid: string; deletionTimestamp?: string }; data?: { revision?: string } }[];
  };
  return list.items
    .filter((o) => o.metadata.name !== 'kube-root-ca.crt')
    .map((o) => ({ name: `${o.kind}/${o.metadata.name}`, uid: o.metadata.uid, revision: o.data?.revision, terminating: !!o.metadata.deletionTimestamp }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** What two namespaces' objects must agree on (uids differ between them). */
const shape = (ns: string) => objects(ns).map(({ name, revision, terminating }) => ({ name, revision, terminating }));

function configMaps(ns: string): string[] {
  try {
    return objects(ns)
      .filter((o) => o.name.startsWith('ConfigMap/'))
      .map((o) => o.name.slice('ConfigMap/'.length));
  } catch {
    return []; // the namespace was never created
  }
}

const stillExists = (ns: string, name: string) =>
  `resource ConfigMap/${ns}/${name} still exists. status: Terminating, message: Resource scheduled for deletion\ncontext deadline exceeded`;

async function status(ns: string): Promise<string> {
  const s = await w.helm(['status', 'web', '-n', ns, '-o', 'json']);
  return (JSON.parse(s.stdout) as { info: { status: string } }).info.status;
}

describe('hook delete policies on the harness, against helm', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it('before-hook-creation replaces a hook, hook-succeeded deletes it, hook-failed deletes the failed one: the same objects as helm', async () => {
    const pkg = chart('policies', {
      'again.yaml': hook('ConfigMap', 'again', 'pre-install,pre-upgrade', {}),
      'done.yaml': hook('ConfigMap', 'done', 'pre-install,pre-upgrade', { 'helm.sh/hook-delete-policy': 'hook-succeeded', 'helm.sh/hook-weight': '-1' }),
      'bad.yaml': hook('Pod', 'bad', 'pre-upgrade', { 'helm.sh/hook-delete-policy': 'hook-failed', 'helm.sh/hook-weight': '5', 'berth.test/outcome': 'fail' }),
    });
    const { b, h } = pair('hdel');
    const wait = ['--wait', '--timeout', '60s'];
    const ours = await berth('install', 'web', pkg, '-n', b, '--create-namespace', ...wait);
    const theirs = await w.helm(['install', 'web', pkg, '-n', h, '--create-namespace', ...wait]);
    expect([ours.code, theirs.status]).toEqual([0, 0]);
    // done: deleted once it passed; again: kept (before-hook-creation only)
    expect(shape(b)).toEqual([
      { name: 'ConfigMap/web-again', revision: '1', terminating: false },
      { name: 'ConfigMap/web-web', revision: undefined, terminating: false },
    ]);
    expect(shape(b)).toEqual(shape(h));
    const firstAgain = objects(b).find((o) => o.name === 'ConfigMap/web-again')?.uid;

    // the upgrade's pre-upgrade hooks: again is deleted and created anew, done deleted again, bad fails and is deleted
    const up = await berth('upgrade', 'web', pkg, '-n', b, ...wait);
    const helmUp = await w.helm(['upgrade', 'web', pkg, '-n', h, ...wait]);
    expect([up.code, helmUp.status]).toEqual([1, 1]);
    expect(shape(b)).toEqual([
      { name: 'ConfigMap/web-again', revision: '2', terminating: false },
      { name: 'ConfigMap/web-web', revision: undefined, terminating: false },
    ]);
    expect(shape(b)).toEqual(shape(h));
    expect(objects(b).find((o) => o.name === 'ConfigMap/web-again')?.uid).not.toBe(firstAgain);
  });

  it('an install hook whose deletion does not finish: --wait fails at the timeout as helm does; without --wait both go on', async () => {
    const pkg = chart('held', { 'held.yaml': hook('ConfigMap', 'held', 'pre-install', { 'helm.sh/hook-delete-policy': 'hook-succeeded' }, true) });
    const waited = pair('hheld');
    const wait = ['--wait', '--timeout', '4s'];
    const ours = await berth('install', 'web', pkg, '-n', waited.b, '--create-namespace', ...wait);
    const theirs = await w.helm(['install', 'web', pkg, '-n', waited.h, '--create-namespace', ...wait]);
    expect([ours.code, theirs.status]).toEqual([1, 1]);
    expect(ours.err).toContain(stillExists(waited.b, 'web-held'));
    expect(theirs.stderr).toContain(stillExists(waited.h, 'web-held'));
    expect([await status(waited.b), await status(waited.h)]).toEqual(['failed', 'failed']);

    const quick = pair('hquick');
    const plain = await berth('install', 'web', pkg, '-n', quick.b, '--create-namespace', '--timeout', '4s');
    const helmPlain = await w.helm(['install', 'web', pkg, '-n', quick.h, '--create-namespace', '--timeout', '4s']);
    expect([plain.code, helmPlain.status]).toEqual([0, 0]);
    expect(neutral(plain.err, quick.b)).toBe(neutral(helmPlain.stderr, quick.h));
    // the DELETE was sent: the hook is terminating, held by its finalizer, and the release deployed
    expect(shape(quick.b)).toEqual([
      { name: 'ConfigMap/web-held', revision: '1', terminating: true },
      { name: 'ConfigMap/web-web', revision: undefined, terminating: false },
    ]);
    expect(shape(quick.b)).toEqual(shape(quick.h));
    expect([await status(quick.b), await status(quick.h)]).toEqual(['deployed', 'deployed']);
  });

  it('berth test hooks whose deletion does not finish: before-hook-creation, hook-succeeded and after a failure, as helm test', async () => {
    const pkg = chart('heldtest', {
      // default policy: kept after the first run, its deletion held on the second
      'kept.yaml': hook('ConfigMap', 'test-kept', 'test', { 'helm.sh/hook-weight': '-2' }, true),
      'ok.yaml': hook('Pod', 'test-ok', 'test', { 'helm.sh/hook-weight': '-1' }),
    });
    const { b, h } = pair('htest');
    expect((await berth('install', 'web', pkg, '-n', b, '--create-namespace')).code).toBe(0);
    expect((await w.helm(['install', 'web', pkg, '-n', h, '--create-namespace'])).status).toBe(0);
    const run = async (...extra: string[]) => {
      const ours = await berth('test', 'web', '-n', b, '--timeout', '4s', ...extra);
      const theirs = await w.helm(['test', 'web', '-n', h, '--timeout', '4s', ...extra]);
      expect(ours.code).toBe(theirs.status);
      expect(neutral(ours.out, b)).toBe(neutral(theirs.stdout, h));
      expect(neutral(ours.err, b)).toBe(neutral(theirs.stderr, h));
      return ours;
    };
    expect((await run()).code).toBe(0);
    // the second run's before-hook-creation deletion of test-kept never finishes: helm's error, nothing else ran
    const second = await run();
    expect(second.code).toBe(1);
    expect(second.err).toBe(`Error: ${stillExists(b, 'web-test-kept')}\n`);
    expect(shape(b)).toEqual(shape(h));

    // hook-succeeded on a held hook: every test passes, the deletion afterwards fails the run
    const gone = chart('heldgone', { 'gone.yaml': hook('ConfigMap', 'test-gone', 'test', { 'helm.sh/hook-delete-policy': 'hook-succeeded' }, true) });
    expect((await berth('upgrade', 'web', gone, '-n', b)).code).toBe(0);
    expect((await w.helm(['upgrade', 'web', gone, '-n', h])).status).toBe(0);
    const afterPass = await run();
    expect(afterPass.code).toBe(1);
    expect(afterPass.out).toMatch(/TEST SUITE: {5}web-test-gone\n.*\n.*\nPhase: {10}Succeeded\n/);
    expect(afterPass.err).toBe(`Error: ${stillExists(b, 'web-test-gone')}\n`);

    // a test fails after a held hook-succeeded one: the failed pod goes (hook-failed), the held one
    // times out, and the run reports the test's failure, not the deletion's
    const failing = chart('heldfail', {
      'first.yaml': hook('ConfigMap', 'test-first', 'test', { 'helm.sh/hook-delete-policy': 'hook-succeeded', 'helm.sh/hook-weight': '-1' }, true),
      'bad.yaml': hook('Pod', 'test-bad', 'test', { 'helm.sh/hook-delete-policy': 'hook-failed', 'berth.test/outcome': 'fail' }),
    });
    expect((await berth('upgrade', 'web', failing, '-n', b)).code).toBe(0);
    expect((await w.helm(['upgrade', 'web', failing, '-n', h])).status).toBe(0);
    const afterFail = await run();
    expect(afterFail.code).toBe(1);
    expect(afterFail.err).toBe(`Error: resource Pod/${b}/web-test-bad not ready. status: Failed, message: pod web-test-bad failed\n`);
    expect(shape(b).map((o) => o.name)).not.toContain('Pod/web-test-bad');
    expect(shape(b)).toEqual(shape(h));
  });
});
