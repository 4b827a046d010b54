/**
 * `berth test` against the real helm on the harness: the same release installed twice (once by
 * Berth, once by helm, in two namespaces), tested by `berth test` and by `helm test`, must give
 * the same output, exit code, delete-policy effects and stored record — and `helm status` of
 * Berth's release must show what Berth printed. kwok's pod-outcome stages decide the pods'
 * fate: `berth.test/outcome: fail` fails one, every other test pod succeeds.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployService, type TestDeployOutcome } from '../../../src-main/deploy/service';
import { testEngine } from '../../services/engine';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS } from '../../cluster/harness';
import { chartPackage, deleteNamespaces, deployWorld, kubectl, namesGiven, uniqueName, type CliRun, type DeployWorld } from './cluster-fixtures';

let w: DeployWorld;
// the releases' running pods would fill the harness's nodes for every later test
afterAll(() => deleteNamespaces(w?.harness, namesGiven()));
beforeAll(async () => {
  w = await deployWorld();
}, CLUSTER_START_TIMEOUT_MS);

const berth = (...argv: string[]): Promise<CliRun> => w.berth(argv);

function testPod(name: string, annotations: Record<string, string>): string {
  const lines = Object.entries(annotations)
    .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`)
    .join('');
  return (
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-${name}\n  annotations:\n    helm.sh/hook: test\n${lines}` +
    `spec:\n  restartPolicy: Never\n  containers:\n  - name: wget\n    image: busybox:1.36\n    command: ['wget', '{{ .Release.Name }}-web:80']\n`
  );
}

function chart(name: string, tests: Record<string, string>): string {
  return chartPackage(w.work, name, {
    'Chart.yaml': `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`,
    'templates/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-web\ndata:\n  index.html: hello\n',
    'templates/NOTES.txt': 'Open {{ .Release.Name }}-web.\n',
    ...Object.fromEntries(Object.entries(tests).map(([file, text]) => [`templates/tests/${file}`, text])),
  });
}

/** Output with the namespace and the times (which differ between the two runs) made neutral. */
function neutral(text: string, ns: string): string {
  return text
    .split(ns)
    .join('NS')
    .replace(/\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}/g, 'TIME');
}

/** The TEST SUITE lines of a status (helm status prints the notes after them, helm test does not). */
function suites(text: string): string {
  const from = text.indexOf('TEST SUITE:');
  const notes = text.indexOf('NOTES:');
  return text.slice(from, notes < 0 ? undefined : notes);
}

function pods(ns: string): string[] {
  return kubectl(w.harness, ['get', 'pods', '-n', ns, '-o', 'name']).split('\n').filter(Boolean).sort();
}

interface StatusJson {
  hooks?: { name: string; events: string[]; last_run: { phase: string }; delete_policies?: string[] }[];
}

async function hooksOf(ns: string): Promise<StatusJson['hooks']> {
  const s = await w.helm(['status', 'web', '-n', ns, '-o', 'json']);
  expect(s.status).toBe(0);
  return (JSON.parse(s.stdout) as StatusJson).hooks?.map((h) => ({
    name: h.name,
    events: h.events,
    last_run: { phase: h.last_run.phase },
    delete_policies: h.delete_policies,
  }));
}

/** Installs `pkg` as release "web" with Berth in one namespace and with helm in another. */
async function twins(pkg: string): Promise<{ b: string; h: string }> {
  const b = uniqueName('test-b');
  const h = uniqueName('test-h');
  expect((await berth('install', 'web', pkg, '-n', b, '--create-namespace')).code).toBe(0);
  expect((await w.helm(['install', 'web', pkg, '-n', h, '--create-namespace'])).status).toBe(0);
  return { b, h };
}

describe('berth test (helm test on the harness)', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it('a passing suite: helm’s output and exit 0, hook-succeeded pods removed, the run recorded as helm records it', async () => {
    const pkg = chart('pass', {
      'a.yaml': testPod('test-a', { 'helm.sh/hook-weight': '1', 'helm.sh/hook-delete-policy': 'hook-succeeded' }),
      'b.yaml': testPod('test-b', { 'berth.test/message': 'connected' }),
    });
    const { b, h } = await twins(pkg);
    const ours = await berth('test', 'web', '-n', b);
    const theirs = await w.helm(['test', 'web', '-n', h]);
    expect(ours.code).toBe(0);
    expect(theirs.status).toBe(0);
    expect(ours.err).toBe('');
    expect(ours.out).toMatch(/TEST SUITE: {5}web-test-a\nLast Started: {3}.*\nLast Completed: .*\nPhase: {10}Succeeded\nTEST SUITE: {5}web-test-b\n/);
    expect(ours.out).not.toContain('NOTES:');
    expect(neutral(ours.out, b)).toBe(neutral(theirs.stdout, h));
    // hook-succeeded deletes test-a; test-b (before-hook-creation, the default) stays until the next run
    expect(pods(b)).toEqual(['pod/web-test-b']);
    expect(pods(h)).toEqual(['pod/web-test-b']);
    // helm reads Berth's record: the same TEST SUITE lines, the default policy stored
    expect(suites((await w.helm(['status', 'web', '-n', b])).stdout)).toBe(suites(ours.out));
    expect(await hooksOf(b)).toEqual(await hooksOf(h));
    expect((await hooksOf(b))?.find((x) => x.name === 'web-test-b')?.delete_policies).toEqual(['before-hook-creation']);

    // a second run replaces the kept pod (before-hook-creation) and passes again
    const again = await berth('test', 'web', '-n', b);
    expect(again.code).toBe(0);
    expect(pods(b)).toEqual(['pod/web-test-b']);
  });

  it('a failing test: helm’s output, error and exit 1, the failed pod kept and the earlier hook-succeeded one removed, --logs as helm', async () => {
    const pkg = chart('fail', {
      'ok.yaml': testPod('test-ok', { 'helm.sh/hook-weight': '-1', 'helm.sh/hook-delete-policy': 'hook-succeeded' }),
      'bad.yaml': testPod('test-bad', { 'berth.test/outcome': 'fail', 'berth.test/message': "wget: can't connect to remote host: Connection refused" }),
      'late.yaml': testPod('test-late', { 'helm.sh/hook-weight': '5' }),
    });
    const { b, h } = await twins(pkg);
    const ours = await berth('test', 'web', '-n', b);
    const theirs = await w.helm(['test', 'web', '-n', h]);
    expect(ours.code).toBe(1);
    expect(theirs.status).toBe(1);
    expect(ours.err).toBe(`Error: resource Pod/${b}/web-test-bad not ready. status: Failed, message: pod web-test-bad failed\n`);
    expect(neutral(ours.err, b)).toBe(neutral(theirs.stderr, h));
    expect(neutral(ours.out, b)).toBe(neutral(theirs.stdout, h));
    // test-late never started, so helm prints no suite for it
    expect(ours.out).not.toContain('web-test-late');
    expect(ours.out).toMatch(/TEST SUITE: {5}web-test-bad\nLast Started: {3}.*\nLast Completed: .*\nPhase: {10}Failed\n/);
    // the failed pod stays for inspection (no hook-failed policy); the earlier passed one is removed (hook-succeeded)
    expect(pods(b)).toEqual(['pod/web-test-bad']);
    expect(pods(h)).toEqual(['pod/web-test-bad']);
    expect(suites((await w.helm(['status', 'web', '-n', b])).stdout)).toBe(suites(ours.out));
    expect(await hooksOf(b)).toEqual(await hooksOf(h));

    // --logs: kwok's nodes serve no logs, so both stop at the same sentence after a blank line
    const logs = await berth('test', 'web', '-n', b, '--logs');
    const helmLogs = await w.helm(['test', 'web', '-n', h, '--logs']);
    expect(logs.code).toBe(1);
    expect(neutral(logs.out, b)).toBe(neutral(helmLogs.stdout, h));
    expect(neutral(logs.err, b)).toBe(neutral(helmLogs.stderr, h));
    expect(logs.err).toContain('unable to get pod logs for web-test-ok: the server could not find the requested resource ( pods/log web-test-ok)');

    // --json says what failed and what the pod said (its termination message, as the node serves no log)
    const json = await berth('test', 'web', '-n', b, '--json');
    const parsed = JSON.parse(json.out) as { passed: boolean; tests: { name: string; phase: string; log?: string; logSource?: string }[] };
    expect(parsed.passed).toBe(false);
    expect(parsed.tests.find((t) => t.name === 'web-test-bad')).toMatchObject({
      phase: 'Failed',
      logSource: 'termination-message',
      log: "wget (exit code 1): wget: can't connect to remote host: Connection refused",
    });
  });

  it('--filter includes and excludes tests by name as helm does, and stores the hooks in helm’s order', async () => {
    const pkg = chart('filter', {
      'bad.yaml': testPod('test-bad', { 'berth.test/outcome': 'fail' }),
      'ok.yaml': testPod('test-ok', {}),
    });
    const { b, h } = await twins(pkg);
    const skipBad = await berth('test', 'web', '-n', b, '--filter', '!name=web-test-bad');
    const helmSkipBad = await w.helm(['test', 'web', '-n', h, '--filter', '!name=web-test-bad']);
    expect(skipBad.code).toBe(0);
    expect(helmSkipBad.status).toBe(0);
    expect(neutral(skipBad.out, b)).toBe(neutral(helmSkipBad.stdout, h));
    const onlyBad = await berth('test', 'web', '-n', b, '--filter', 'name=web-test-bad,name=nothing');
    const helmOnlyBad = await w.helm(['test', 'web', '-n', h, '--filter', 'name=web-test-bad,name=nothing']);
    expect(onlyBad.code).toBe(1);
    expect(neutral(onlyBad.out, b)).toBe(neutral(helmOnlyBad.stdout, h));
    expect(await hooksOf(b)).toEqual(await hooksOf(h));

    const missing = await berth('test', 'nope', '-n', b);
    const helmMissing = await w.helm(['test', 'nope', '-n', h]);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(helmMissing.stderr);
  });

  it('a test deploy of a catalog version runs the chart’s tests once ready and records them, with what a failed pod said', async () => {
    const records: TestDeployOutcome[] = [];
    const packages: Record<string, Buffer> = {
      ver_pass: readFileSync(chart('suite-pass', { 'a.yaml': testPod('test-a', { 'helm.sh/hook-delete-policy': 'hook-succeeded' }) })),
      ver_fail: readFileSync(
        chart('suite-fail', {
          'ok.yaml': testPod('test-ok', {}),
          'bad.yaml': testPod('test-bad', { 'berth.test/outcome': 'fail', 'berth.test/message': 'GET / answered 503' }),
        }),
      ),
    };
    const service = new DeployService({ engine: testEngine(), catalogPackage: async (v) => packages[v], recordTestDeploy: async (r) => records.push(r) });
    const deploy = async (version: string) => {
      const ns = uniqueName('td');
      const out = await service.install({
        target: w.target,
        release: 'web',
        namespace: ns,
        createNamespace: true,
        chart: { version, purpose: 'test' },
        wait: true,
        timeoutSeconds: 60,
      });
      return { ns, out };
    };
    try {
      const pass = await deploy('ver_pass');
      expect(pass.out.tests).toEqual({ outcome: 'passed', results: [{ name: 'web-test-a', phase: 'Succeeded' }] });
      expect(records.at(-1)).toMatchObject({ version: 'ver_pass', outcome: 'running', tests: pass.out.tests });
      expect(suites((await w.helm(['status', 'web', '-n', pass.ns])).stdout)).toMatch(/^TEST SUITE: {5}web-test-a\n.*\n.*\nPhase: {10}Succeeded\n/);

      const fail = await deploy('ver_fail');
      expect(records.at(-1)).toMatchObject({
        version: 'ver_fail',
        // the workloads are ready; the tests failed
        outcome: 'running',
        tests: {
          outcome: 'failed',
          error: `resource Pod/${fail.ns}/web-test-bad not ready. status: Failed, message: pod web-test-bad failed`,
          results: [{ name: 'web-test-bad', phase: 'Failed', log: 'wget (exit code 1): GET / answered 503', logSource: 'termination-message' }],
        },
      });
      // helm sees the same outcome in the release
      expect(suites((await w.helm(['status', 'web', '-n', fail.ns])).stdout)).toContain('TEST SUITE:     web-test-bad\n');

      // a watch of the deploy reports the tests' last run as the release records it
      await service.watch({ target: w.target, namespace: fail.ns, release: 'web' });
      service.unwatch(fail.ns, 'web');
      expect(records.at(-1)?.tests).toEqual({ outcome: 'failed', results: [{ name: 'web-test-bad', phase: 'Failed' }] });
    } finally {
      service.close();
    }
  });
});
