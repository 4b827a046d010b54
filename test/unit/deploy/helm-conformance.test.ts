/**
 * Berth's release commands against the real helm v4.1.4 on the Kubernetes harness: the same
 * chart and flags through both, then (1) the release Secrets revision for revision, decoded and
 * compared field by field with only times masked, and (2) every read command's stdout byte for
 * byte, its exit status and its error text, each tool reading the releases both made.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import { releaseFromSecret, releaseSecretName } from '../../../src-main/deploy/release-record';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS } from '../../cluster/harness';
import { deleteNamespaces, deployWorld, kubectl, namesGiven, uniqueName, type DeployWorld } from './cluster-fixtures';

let w: DeployWorld;
// the releases' running pods would fill the harness's nodes for every later test
afterAll(() => deleteNamespaces(w?.harness, namesGiven()));
let chartV1: string;
let chartV2: string;

/** A chart with what a record carries: a condition-enabled subchart, a tag-disabled aliased one, a hook, notes, a schema, annotations. */
function conformanceChart(work: string, version: string): string {
  const root = mkdtempSync(join(work, 'conf-'));
  const c = join(root, 'conf');
  for (const d of ['templates', 'charts/sub/templates', 'charts/other/templates']) mkdirSync(join(c, d), { recursive: true });
  writeFileSync(
    join(c, 'Chart.yaml'),
    `apiVersion: v2\nname: conf\nversion: ${version}\nappVersion: "4.5"\ndescription: Helm conformance <&> chart\nannotations:\n  team: edge\n  a.b/c: "1"\nmaintainers:\n  - name: Ana\n    email: ana@example.com\ndependencies:\n  - name: sub\n    version: 0.1.0\n    repository: ""\n    condition: sub.enabled\n  - name: other\n    version: 0.1.0\n    repository: ""\n    alias: extra\n    tags: [extras]\n`,
  );
  writeFileSync(
    join(c, 'values.yaml'),
    'message: hello\ncount: 2\nsub:\n  enabled: true\n  greeting: hi\ntags:\n  extras: false\nnested:\n  list: [a, b]\n  empty: {}\n',
  );
  writeFileSync(join(c, 'values.schema.json'), '{"type":"object","properties":{"count":{"type":"integer"}}}\n');
  writeFileSync(
    join(c, 'templates/configmap.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  message: {{ .Values.message | quote }}\n  revision: "{{ .Release.Revision }}"\n',
  );
  writeFileSync(
    join(c, 'templates/hook.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-hook\n  annotations:\n    "helm.sh/hook": pre-install,pre-upgrade,pre-rollback\n    "helm.sh/hook-weight": "-5"\ndata:\n  at: "{{ .Release.Revision }}"\n',
  );
  writeFileSync(join(c, 'templates/NOTES.txt'), 'Thanks for installing {{ .Chart.Name }} as {{ .Release.Name }} & friends.\n');
  writeFileSync(join(c, 'charts/sub/Chart.yaml'), 'apiVersion: v2\nname: sub\nversion: 0.1.0\n');
  writeFileSync(join(c, 'charts/sub/values.yaml'), 'greeting: hello\n');
  writeFileSync(
    join(c, 'charts/sub/templates/cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-sub\ndata:\n  greeting: {{ .Values.greeting }}\n',
  );
  writeFileSync(join(c, 'charts/other/Chart.yaml'), 'apiVersion: v2\nname: other\nversion: 0.1.0\n');
  writeFileSync(join(c, 'charts/other/templates/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-other\n');
  const out = join(root, `conf-${version}.tgz`);
  // a fixed mtime, so both tools read the same modtimes from the package
  execFileSync('tar', ['czf', out, '--mtime=2026-01-02 03:04:05Z', '-C', root, 'conf']);
  return out;
}

async function berth(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli([...argv, '--kubeconfig', w.harness.kubeconfig, '--kube-context', w.harness.tokenContext], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { status, stdout, stderr };
}

/** The installed command: bin/berth runs list/history/get and status -o json|yaml in the native engine (helm's actions). */
function launcher(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const bin = join(__dirname, '../../../bin/berth');
  const args = [...argv, '--kubeconfig', w.harness.kubeconfig, '--kube-context', w.harness.tokenContext];
  return new Promise((done) =>
    execFile(bin, args, { encoding: 'utf8' }, (error, stdout, stderr) =>
      done({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    ),
  );
}

type Json = Record<string, unknown>;

/** The decoded record with every time masked (the only fields allowed to differ). */
function masked(ns: string, revision: number): { labels: Json; release: Json } {
  const secret = JSON.parse(kubectl(w.harness, ['get', 'secret', releaseSecretName('conf', revision), '-n', ns, '-o', 'json'])) as {
    metadata: { labels: Record<string, string> };
    data: Record<string, string>;
  };
  const release = JSON.parse(JSON.stringify(releaseFromSecret(secret))) as Json;
  const info = release.info as Json;
  for (const k of ['first_deployed', 'last_deployed', 'deleted']) if (info[k]) info[k] = 'TIME';
  for (const h of (release.hooks as { last_run?: Json }[] | undefined) ?? []) {
    for (const k of ['started_at', 'completed_at']) if (h.last_run?.[k]) h.last_run[k] = 'TIME';
  }
  release.namespace = 'NS';
  const labels: Json = { ...secret.metadata.labels };
  for (const k of ['createdAt', 'modifiedAt']) if (labels[k]) labels[k] = 'TIME';
  return { labels, release };
}

const helmNs = uniqueName('conf-h');
const berthNs = uniqueName('conf-b');

beforeAll(async () => {
  w = await deployWorld();
  chartV1 = conformanceChart(w.work, '1.2.3');
  chartV2 = conformanceChart(w.work, '1.3.0');
  // the same lifecycle through each tool: install, upgrade, roll back
  const steps = (ns: string) => [
    ['install', 'conf', chartV1, '-n', ns, '--create-namespace', '--set', 'message=one', '-f', join(w.work, 'extra.yaml'), '-l', 'team=blue,tier=edge'],
    ['upgrade', 'conf', chartV2, '-n', ns, '--set', 'message=two,count=3', '-l', 'tier=null'],
    ['rollback', 'conf', '1', '-n', ns],
  ];
  writeFileSync(join(w.work, 'extra.yaml'), 'nested:\n  list: [c]\n  html: "<b>&amp;</b>"\nsub:\n  greeting: hey\n');
  for (const step of steps(helmNs)) {
    const r = await w.helm(step);
    if (r.status !== 0) throw new Error(`helm ${step.join(' ')}: ${r.stderr}`);
  }
  for (const step of steps(berthNs)) {
    const r = await berth(step);
    if (r.status !== 0) throw new Error(`berth ${step.join(' ')}: ${r.stderr}`);
  }
}, CLUSTER_START_TIMEOUT_MS);

describe('release records as helm writes them', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it.each([1, 2, 3])("revision %i: the Secret equals helm's, field by field, but for times", (revision) => {
    const helm = masked(helmNs, revision);
    const ours = masked(berthNs, revision);
    expect(ours.labels).toEqual(helm.labels);
    expect(ours.release.info).toEqual(helm.release.info);
    expect(ours.release.config).toEqual(helm.release.config);
    expect(ours.release.manifest).toEqual(helm.release.manifest);
    expect(ours.release.hooks).toEqual(helm.release.hooks);
    expect((ours.release.chart as Json).metadata).toEqual((helm.release.chart as Json).metadata);
    expect(ours.release.chart).toEqual(helm.release.chart);
    expect(ours.release).toEqual(helm.release);
  });
});

describe('read commands print what helm prints', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  const cases: [string, (ns: string) => string[]][] = [
    ['list -o json', (ns) => ['list', '-n', ns, '-o', 'json']],
    ['list -o yaml', (ns) => ['list', '-n', ns, '-o', 'yaml']],
    ['list (table)', (ns) => ['list', '-n', ns]],
    ['list -q', (ns) => ['list', '-n', ns, '-q']],
    ['list --superseded -o json', (ns) => ['list', '-n', ns, '--superseded', '-o', 'json']],
    ['list --deployed --no-headers', (ns) => ['list', '-n', ns, '--deployed', '--no-headers']],
    ['list -l team=blue', (ns) => ['list', '-n', ns, '-l', 'team=blue', '-o', 'json']],
    ['history -o yaml --max 2', (ns) => ['history', 'conf', '-n', ns, '-o', 'yaml', '--max', '2']],
    ['history -o json', (ns) => ['history', 'conf', '-n', ns, '-o', 'json']],
    ['history (table)', (ns) => ['history', 'conf', '-n', ns]],
    ['get values --all -o json', (ns) => ['get', 'values', 'conf', '-n', ns, '--all', '-o', 'json']],
    ['get values', (ns) => ['get', 'values', 'conf', '-n', ns]],
    ['get values --revision 2 -o yaml', (ns) => ['get', 'values', 'conf', '-n', ns, '--revision', '2', '-o', 'yaml']],
    ['get values -a', (ns) => ['get', 'values', 'conf', '-n', ns, '-a']],
    ['get manifest', (ns) => ['get', 'manifest', 'conf', '-n', ns]],
    ['get notes', (ns) => ['get', 'notes', 'conf', '-n', ns]],
    ['get hooks', (ns) => ['get', 'hooks', 'conf', '-n', ns]],
    ['get metadata', (ns) => ['get', 'metadata', 'conf', '-n', ns]],
    ['get metadata -o json', (ns) => ['get', 'metadata', 'conf', '-n', ns, '-o', 'json']],
    ['get metadata -o yaml --revision 2', (ns) => ['get', 'metadata', 'conf', '-n', ns, '-o', 'yaml', '--revision', '2']],
    ['get all', (ns) => ['get', 'all', 'conf', '-n', ns]],
    ['history of a missing release', (ns) => ['history', 'nope', '-n', ns]],
    ['get values of a missing revision', (ns) => ['get', 'values', 'conf', '-n', ns, '--revision', '9']],
    ['status of a missing release', (ns) => ['status', 'nope', '-n', ns]],
    ['list with an unknown output', (ns) => ['list', '-n', ns, '-o', 'xml']],
    ['history without a name', (ns) => ['history', '-n', ns]],
    ['status -o json', (ns) => ['status', 'conf', '-n', ns, '-o', 'json']],
    ['status -o yaml --revision 2', (ns) => ['status', 'conf', '-n', ns, '-oyaml', '--revision', '2']],
    ['list --time-format', (ns) => ['list', '-n', ns, '--time-format', '2006-01-02']],
    ['get all --template', (ns) => ['get', 'all', 'conf', '-n', ns, '--template', '{{ .Release.Name }}-{{ .Release.Version }}']],
  ];
  // status -o json|yaml lists the live objects (helm's info.resources): the launcher runs helm's own action for it
  const launcherOnly = new Set(['status -o json', 'status -o yaml --revision 2', 'list --time-format', 'get all --template']);
  for (const [title, args] of cases) {
    it.each([
      ['helm', 'bin/berth', () => helmNs],
      ['Berth', 'bin/berth', () => berthNs],
      ['helm', 'node', () => helmNs],
      ['Berth', 'node', () => berthNs],
    ])(`${title} (release made by %s, through %s)`, async (_maker, via, ns) => {
      if (via === 'node' && launcherOnly.has(title)) return;
      const expected = await w.helm(args(ns()));
      const got = via === 'node' ? await berth(args(ns())) : await launcher(args(ns()));
      expect(got.stdout).toBe(expected.stdout);
      expect(got.status).toBe(expected.status);
      // helm's usage errors name helm; Berth's name berth
      expect(got.stderr).toBe(expected.stderr.replace(/\bhelm\b/g, 'berth'));
    });
  }
});

describe('install and upgrade take chart references as helm does', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it("oci://… --version with helm's registry.json: the same release as helm installs; a missing chart fails with helm's words", async () => {
    const { startRegistry } = await import('../../services/oci-registry');
    const { runHelm } = await import('../../services/helm');
    const auth = { username: 'ci', password: 'oci-secret' };
    const registry = await startRegistry({ auth });
    const home = mkdtempSync(join(w.work, 'oci-home-'));
    try {
      expect(
        (await runHelm(['registry', 'login', registry.host, '--plain-http', '-u', auth.username, '--password-stdin'], home, { input: auth.password })).status,
      ).toBe(0);
      expect((await runHelm(['push', chartV1, `oci://${registry.host}/charts`, '--plain-http'], home)).status).toBe(0);
      const registryConfig = join(home, 'config', 'registry.json');
      const ref = `oci://${registry.host}/charts/conf`;
      const ns = { helm: uniqueName('oci-h'), berth: uniqueName('oci-b') };
      const kube = ['--kubeconfig', w.harness.kubeconfig, '--kube-context', w.harness.tokenContext];
      const h = await runHelm(['install', 'conf', ref, '--version', '1.2.3', '--plain-http', '-n', ns.helm, '--create-namespace', ...kube], home);
      expect(h.status, h.stderr).toBe(0);
      const b = await launcher([
        'install',
        'conf',
        ref,
        '--version',
        '1.2.3',
        '--plain-http',
        '--registry-config',
        registryConfig,
        '-n',
        ns.berth,
        '--create-namespace',
      ]);
      expect(b.status, b.stderr).toBe(0);
      expect(b.stderr).toBe(h.stderr);
      const hm = await runHelm(['get', 'manifest', 'conf', '-n', ns.helm, ...kube], home);
      const bm = await launcher(['get', 'manifest', 'conf', '-n', ns.berth]);
      expect(bm.stdout).toBe(hm.stdout);
      const hl = await runHelm(['history', 'conf', '-n', ns.helm, '-o', 'json', ...kube], home);
      const bl = await launcher(['history', 'conf', '-n', ns.berth, '-o', 'json']);
      const strip = (t: string) => (JSON.parse(t) as Json[]).map(({ updated: _u, ...rest }) => rest);
      expect(strip(bl.stdout)).toEqual(strip(hl.stdout));
      // and an upgrade from the registry, the chart version given in the reference
      const up = await launcher(['upgrade', 'conf', `${ref}:1.2.3`, '--plain-http', '--registry-config', registryConfig, '-n', ns.berth]);
      expect(up.status, up.stderr).toBe(0);
      const missing = ['install', 'x', `oci://${registry.host}/charts/nope`, '--plain-http', '-n', ns.helm];
      const hm2 = await runHelm([...missing, ...kube], home);
      const bm2 = await launcher([...missing, '--registry-config', registryConfig]);
      expect(bm2.status).toBe(hm2.status);
      expect(bm2.stderr).toBe(hm2.stderr);
    } finally {
      await registry.stop();
    }
  });
});

describe('install --post-renderer as helm v4 runs it', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it("a postrenderer/v1 plugin from HELM_PLUGINS changes the recorded manifest and hooks as helm's does; a missing one is refused in helm's words", async () => {
    const { runHelm } = await import('../../services/helm');
    // helm's own test plugin (pkg/cmd/testdata/helmhome/helm/plugins/postrenderer-v1)
    const plugins = mkdtempSync(join(w.work, 'plugins-'));
    mkdirSync(join(plugins, 'postrenderer-v1'));
    writeFileSync(
      join(plugins, 'postrenderer-v1/plugin.yaml'),
      '---\napiVersion: v1\nname: "postrenderer-v1"\nversion: "1.2.3"\ntype: postrenderer/v1\nruntime: subprocess\nruntimeConfig:\n  platformCommand:\n  - command: "${HELM_PLUGIN_DIR}/sed-test.sh"\n',
    );
    writeFileSync(
      join(plugins, 'postrenderer-v1/sed-test.sh'),
      '#!/bin/sh\nif [ $# -eq 0 ]; then\n  sed s/one/BARTEST/g <&0\nelse\n  sed s/one/"$*"/g <&0\nfi\n',
      { mode: 0o755 },
    );
    const home = mkdtempSync(join(w.work, 'pr-home-'));
    const kube = ['--kubeconfig', w.harness.kubeconfig, '--kube-context', w.harness.tokenContext];
    const ns = { helm: uniqueName('pr-h'), berth: uniqueName('pr-b') };
    const saved = process.env.HELM_PLUGINS;
    process.env.HELM_PLUGINS = plugins;
    try {
      const args = (n: string) => [
        'install',
        'conf',
        chartV1,
        '-n',
        n,
        '--create-namespace',
        '--set',
        'message=one',
        '--post-renderer',
        'postrenderer-v1',
        '--post-renderer-args',
        'two words',
      ];
      const h = await runHelm([...args(ns.helm), ...kube], home);
      expect(h.status, h.stderr).toBe(0);
      const b = await launcher(args(ns.berth));
      expect(b.status, b.stderr).toBe(0);
      for (const read of [
        ['get', 'manifest', 'conf'],
        ['get', 'hooks', 'conf'],
      ]) {
        const hr = await runHelm([...read, '-n', ns.helm, ...kube], home);
        const br = await launcher([...read, '-n', ns.berth]);
        if (read[1] === 'manifest') expect(hr.stdout).toContain('two words');
        expect(br.stdout).toBe(hr.stdout);
      }
      const missing = ['install', 'x', chartV1, '-n', ns.helm, '--post-renderer', 'nope'];
      const hm = await runHelm([...missing, ...kube], home);
      const bm = await launcher(missing);
      expect(bm.status).toBe(hm.status);
      expect(bm.stderr).toBe(hm.stderr);
    } finally {
      if (saved === undefined) delete process.env.HELM_PLUGINS;
      else process.env.HELM_PLUGINS = saved;
    }
  });
});
