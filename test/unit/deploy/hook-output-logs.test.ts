/**
 * helm v4's `helm.sh/hook-output-log-policy` (HIP-0019) against the real helm v4.1.4 on the
 * harness: the same chart installed, tested (`--logs`) and failed by Berth and by helm must give
 * the same stdout, stderr and exit code. kwok's nodes serve no pod logs, so on the harness helm
 * prints, for each hook whose policy matches, "error outputting logs for hook failure: failed to
 * stream pod logs for pod: P, container: C" as a slog INFO record on stderr — at the failure, or
 * (hook-succeeded) last hook first once all passed, and for `helm test` after the status and
 * the --logs text. What helm prints when logs are served is checked without a cluster, against
 * a session that serves them (strings verified with Go's log/slog).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSession } from '../../../src-main/deploy/cluster';
import { goQuote, hookNamespace, outputLogsByPolicy, slogInfo } from '../../../src-main/deploy/hook-logs';
import type { HelmHook } from '../../../src-main/deploy/manifests';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS } from '../../cluster/harness';
import { chartPackage, deleteNamespaces, deployWorld, kubectl, namesGiven, neutralOutput, uniqueName, type CliRun, type DeployWorld } from './cluster-fixtures';

describe('hook output as helm writes it (log/slog TextHandler over log.Writer())', () => {
  it('quotes and trims as Go does', () => {
    // each right-hand side is what Go 1.25's log.Writer().Write(left) printed under helm's slog set-up
    const cases: [string, string][] = [
      ['hello\n', 'level=INFO msg=hello\n'],
      ['two words\nsecond line\n', 'level=INFO msg="two words\\nsecond line"\n'],
      ['\n', 'level=INFO msg=""\n'],
      ['a=b', 'level=INFO msg="a=b"\n'],
      ['back\\slash', 'level=INFO msg=back\\slash\n'],
      ['quote"d', 'level=INFO msg="quote\\"d"\n'],
      ['tab\there\r\n', 'level=INFO msg="tab\\there\\r"\n'],
      ['naïve ✓ 日本', 'level=INFO msg="naïve ✓ 日本"\n'],
      ['bell\x07\x1b[0m', 'level=INFO msg="bell\\a\\x1b[0m"\n'],
      ['\u00a0nbsp', 'level=INFO msg="\\u00a0nbsp"\n'],
      ['x\n\n', 'level=INFO msg="x\\n"\n'],
      ['emoji 😀', 'level=INFO msg="emoji 😀"\n'],
      ['\u200b', 'level=INFO msg="\\u200b"\n'],
    ];
    for (const [input, want] of cases) expect(slogInfo(input)).toBe(want);
    expect(goQuote('\u{e0001}')).toBe('"\\U000e0001"');
  });

  it('reads a Job’s pods by job-name and a Pod by name, every container in order, in the manifest’s namespace', async () => {
    const calls: string[] = [];
    const out: string[] = [];
    const session = {
      hookOutput: (t: string) => out.push(t),
      client: {
        request: async (req: { path: string; query?: Record<string, string> }) => {
          calls.push(`${req.path}?${new URLSearchParams(req.query).toString()}`);
          if (req.path.endsWith('/pods'))
            return { items: ['p-1', 'p-2'].map((name) => ({ metadata: { name }, spec: { containers: [{ name: 'a' }, { name: 'b' }] } })) };
          if (req.path.includes('p-2') && req.query?.container === 'b') throw new Error('the server could not find the requested resource');
          return req.query?.container === 'a' ? `said ${req.path.split('/')[6]}\n` : '';
        },
      },
    } as unknown as ClusterSession;
    const job: HelmHook = {
      name: 'migrate',
      kind: 'Job',
      path: 'c/templates/job.yaml',
      manifest: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  namespace: other\n',
      events: ['post-install'],
      last_run: { phase: '' },
      output_log_policies: ['hook-failed'],
    };
    expect(hookNamespace(job, 'rel')).toBe('other');
    await outputLogsByPolicy(session, job, 'rel', 'hook-succeeded');
    expect(calls).toEqual([]);
    await outputLogsByPolicy(session, job, 'rel', 'hook-failed');
    expect(calls).toEqual([
      '/api/v1/namespaces/other/pods?labelSelector=job-name%3Dmigrate',
      '/api/v1/namespaces/other/pods/p-1/log?container=a',
      '/api/v1/namespaces/other/pods/p-1/log?container=b',
      '/api/v1/namespaces/other/pods/p-2/log?container=a',
      '/api/v1/namespaces/other/pods/p-2/log?container=b',
    ]);
    // an empty log writes nothing; the first unreadable one ends the hook's output with helm's sentence
    expect(out).toEqual([
      'level=INFO msg="said p-1"\n',
      'level=INFO msg="said p-2"\n',
      'level=INFO msg="error outputting logs for hook failure: failed to stream pod logs for pod: p-2, container: b"\n',
    ]);
    calls.length = 0;
    await outputLogsByPolicy(session, { ...job, kind: 'Pod', manifest: 'kind: Pod\nmetadata:\n  name: migrate\n' }, 'rel', 'hook-failed');
    expect(calls[0]).toBe('/api/v1/namespaces/rel/pods?fieldSelector=metadata.name%3Dmigrate');
    calls.length = 0;
    await outputLogsByPolicy(session, { ...job, kind: 'ConfigMap' }, 'rel', 'hook-failed');
    expect(calls).toEqual([]);
  });
});

let w: DeployWorld;
// the releases' running pods would fill the harness's nodes for every later test
afterAll(() => deleteNamespaces(w?.harness, namesGiven()));

const berth = (...argv: string[]): Promise<CliRun> => w.berth(argv);

/** Output with the namespace, the times and a Job pod's random suffix made neutral. */
function neutral(text: string, ns: string): string {
  return neutralOutput(text, ns).replace(/\b(web-job\d?)-[a-z0-9]{5}\b/g, '$1-XXXXX');
}

function pod(name: string, events: string, annotations: Record<string, string>, containers = ['main']): string {
  const lines = Object.entries(annotations)
    .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`)
    .join('');
  return (
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-${name}\n  annotations:\n    helm.sh/hook: ${events}\n${lines}` +
    `spec:\n  restartPolicy: Never\n  containers:\n${containers.map((c) => `  - name: ${c}\n    image: busybox:1.36\n`).join('')}`
  );
}

function job(name: string, events: string, annotations: Record<string, string>): string {
  const lines = Object.entries(annotations)
    .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`)
    .join('');
  return (
    `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}-${name}\n  annotations:\n    helm.sh/hook: ${events}\n${lines}` +
    `spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: run\n        image: busybox:1.36\n`
  );
}

function chart(name: string, hooks: Record<string, string>): string {
  return chartPackage(w.work, name, {
    'Chart.yaml': `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`,
    'templates/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-web\n',
    ...Object.fromEntries(Object.entries(hooks).map(([file, text]) => [`templates/${file}`, text])),
  });
}

const BOTH = { 'helm.sh/hook-output-log-policy': 'hook-succeeded,hook-failed' };

describe('helm.sh/hook-output-log-policy on the harness, against helm', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  beforeAll(async () => {
    w = await deployWorld();
  }, CLUSTER_START_TIMEOUT_MS);

  it('install, then test --logs: the same lines as helm, when and where helm prints them', async () => {
    const pkg = chart('hooklog', {
      // two containers: the first unreadable log ends that hook's output
      'pre.yaml': pod('pre', 'pre-install', { ...BOTH, 'helm.sh/hook-weight': '-1' }, ['a', 'b']),
      'pre-quiet.yaml': pod('pre-quiet', 'pre-install', {}),
      'pre-failed-only.yaml': pod('pre-failed-only', 'pre-install', { 'helm.sh/hook-output-log-policy': 'hook-failed' }),
      'job.yaml': job('job', 'post-install', { 'helm.sh/hook-output-log-policy': ' Hook-Succeeded ', 'helm.sh/hook-delete-policy': 'hook-succeeded' }),
      'job2.yaml': job('job2', 'post-install', { 'helm.sh/hook-output-log-policy': 'hook-succeeded', 'helm.sh/hook-weight': '3' }),
      'up.yaml': pod('up', 'pre-upgrade,post-rollback,pre-delete', BOTH),
      'tests/a.yaml': pod('test-a', 'test', { 'helm.sh/hook-output-log-policy': 'hook-succeeded', 'helm.sh/hook-weight': '1' }),
      'tests/b.yaml': pod('test-b', 'test', { ...BOTH, 'helm.sh/hook-delete-policy': 'hook-succeeded' }),
    });
    const b = uniqueName('hlog-b');
    const h = uniqueName('hlog-h');
    const ours = await berth('install', 'web', pkg, '-n', b, '--create-namespace');
    const theirs = await w.helm(['install', 'web', pkg, '-n', h, '--create-namespace']);
    expect([ours.code, theirs.status]).toEqual([0, 0]);
    expect(neutral(ours.out, b)).toBe(neutral(theirs.stdout, h));
    // pre-install: only web-pre (its first container); post-install: last first, job2 then job
    expect(neutral(ours.err, b)).toBe(
      [
        'level=INFO msg="error outputting logs for hook failure: failed to stream pod logs for pod: web-pre, container: a"',
        'level=INFO msg="error outputting logs for hook failure: failed to stream pod logs for pod: web-job2-XXXXX, container: run"',
        'level=INFO msg="error outputting logs for hook failure: failed to stream pod logs for pod: web-job-XXXXX, container: run"',
        '',
      ].join('\n'),
    );
    expect(neutral(ours.err, b)).toBe(neutral(theirs.stderr, h));

    // test --logs: the status and "POD LOGS" on stdout; the hook-succeeded output after both
    // (helm's deferred shutdown), last test first (test-b runs first, weight 0), then helm's error about the logs
    const test = await berth('test', 'web', '-n', b, '--logs');
    const helmTest = await w.helm(['test', 'web', '-n', h, '--logs']);
    expect([test.code, helmTest.status]).toEqual([1, 1]);
    expect(neutral(test.out, b)).toBe(neutral(helmTest.stdout, h));
    expect(neutral(test.err, b)).toBe(neutral(helmTest.stderr, h));
    expect(test.err).toBe(
      'level=INFO msg="error outputting logs for hook failure: failed to stream pod logs for pod: web-test-a, container: main"\n' +
        'level=INFO msg="error outputting logs for hook failure: failed to stream pod logs for pod: web-test-b, container: main"\n' +
        'Error: unable to get pod logs for web-test-b: the server could not find the requested resource ( pods/log web-test-b)\n',
    );

    // without --logs: the same stderr lines, exit 0
    const plain = await berth('test', 'web', '-n', b);
    const helmPlain = await w.helm(['test', 'web', '-n', h]);
    expect([plain.code, helmPlain.status]).toEqual([0, 0]);
    expect(neutral(plain.err, b)).toBe(neutral(helmPlain.stderr, h));
    expect(neutral(plain.out, b)).toBe(neutral(helmPlain.stdout, h));

    // upgrade (pre-upgrade), rollback (post-rollback) and uninstall (pre-delete) run the same hooks the same way
    for (const argv of [
      ['upgrade', 'web', pkg],
      ['rollback', 'web', '1'],
      ['uninstall', 'web'],
    ]) {
      const o = await berth(...argv, '-n', b);
      const t = await w.helm([...argv, '-n', h]);
      expect([o.code, t.status]).toEqual([0, 0]);
      expect(neutral(o.out, b)).toBe(neutral(t.stdout, h));
      expect(neutral(o.err, b)).toBe(neutral(t.stderr, h));
      expect(o.err).toBe('level=INFO msg="error outputting logs for hook failure: failed to stream pod logs for pod: web-up, container: main"\n');
    }
  });

  it('a failing hook: hook-failed output at the failure, none for the hooks that passed before it', async () => {
    const pkg = chart('hookfail', {
      'tests/ok.yaml': pod('test-ok', 'test', { ...BOTH, 'helm.sh/hook-weight': '-1' }),
      'tests/bad.yaml': pod('test-bad', 'test', { ...BOTH, 'berth.test/outcome': 'fail' }),
      'tests/quiet.yaml': pod('test-quiet', 'test', { 'helm.sh/hook-output-log-policy': 'hook-succeeded', 'berth.test/outcome': 'fail', 'helm.sh/hook-weight': '2' }),
    });
    const b = uniqueName('hlogf-b');
    const h = uniqueName('hlogf-h');
    expect((await berth('install', 'web', pkg, '-n', b, '--create-namespace')).code).toBe(0);
    expect((await w.helm(['install', 'web', pkg, '-n', h, '--create-namespace'])).status).toBe(0);
    const test = await berth('test', 'web', '-n', b);
    const helmTest = await w.helm(['test', 'web', '-n', h]);
    expect([test.code, helmTest.status]).toEqual([1, 1]);
    expect(neutral(test.out, b)).toBe(neutral(helmTest.stdout, h));
    expect(neutral(test.err, b)).toBe(neutral(helmTest.stderr, h));
    expect(test.err).toBe(
      'level=INFO msg="error outputting logs for hook failure: failed to stream pod logs for pod: web-test-bad, container: main"\n' +
        `Error: resource Pod/${b}/web-test-bad not ready. status: Failed, message: pod web-test-bad failed\n`,
    );

    // a failing pre-install hook: the same hook output as helm (the install errors are each tool's own)
    const failing = chart('prefail', {
      'ok.yaml': pod('ok', 'pre-install', { ...BOTH, 'helm.sh/hook-weight': '-1', 'helm.sh/hook-delete-policy': 'hook-succeeded' }),
      'bad.yaml': pod('bad', 'pre-install', { ...BOTH, 'berth.test/outcome': 'fail', 'helm.sh/hook-delete-policy': 'hook-failed' }),
    });
    const b2 = uniqueName('hlogp-b');
    const h2 = uniqueName('hlogp-h');
    const ours = await berth('install', 'web', failing, '-n', b2, '--create-namespace');
    const theirs = await w.helm(['install', 'web', failing, '-n', h2, '--create-namespace']);
    expect([ours.code, theirs.status]).toEqual([1, 1]);
    const hookLines = (t: string) => t.split('\n').filter((l) => l.startsWith('level=INFO msg="error outputting logs'));
    expect(hookLines(neutral(ours.err, b2))).toEqual(hookLines(neutral(theirs.stderr, h2)));
    expect(hookLines(ours.err)).toEqual([
      'level=INFO msg="error outputting logs for hook failure: failed to stream pod logs for pod: web-bad, container: main"',
    ]);
    // helm deletes the failed hook (hook-failed) and the one that passed before it (hook-succeeded)
    const pods = (ns: string) => kubectl(w.harness, ['get', 'pods', '-n', ns, '-o', 'name']).trim();
    expect(pods(b2)).toBe(pods(h2));
    expect(pods(b2)).toBe('');
  });
});
