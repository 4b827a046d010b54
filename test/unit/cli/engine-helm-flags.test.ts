/**
 * `berth template|package|show` (the engine's command line, run by bin/berth without Node)
 * take helm's global flags, the install flags `helm template` accepts, its release-name flags
 * and `package --sign`, with helm's output: checked against the real helm v4.1.4 on Helm's own
 * test charts.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { binaryKeyring, binarySecretKeyring, generateSigningKey, type GeneratedSigningKey } from '../../../src-main/provenance/keys';
import { runHelm } from '../../services/helm';

const root = resolve(__dirname, '../../..');
const TESTCHARTS = join(root, '../shared/peer/helm-v4.1.4/pkg/cmd/testdata/testcharts');
const engine = join(root, 'dist/engine/berth-engine');
const home = mkdtempSync(join(tmpdir(), 'berth-engine-flags-'));

function berth(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) =>
    execFile(join(root, 'bin/berth'), args, { cwd: home, encoding: 'utf8' }, (error, stdout, stderr) =>
      done({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    ),
  );
}

beforeAll(() => {
  // the engine is built by `node scripts/build.mjs engine` (npm test builds it first)
  expect(existsSync(engine), 'dist/engine/berth-engine is built').toBe(true);
});

describe('berth template takes what helm template takes', () => {
  const chart = join(TESTCHARTS, 'alpine');
  const same: [string, string[]][] = [
    ['--name-template', ['template', chart, '--name-template', '{{ "rel" | upper | lower }}-x']],
    [
      'install flags helm template ignores',
      [
        'template',
        'r',
        chart,
        '--wait',
        '--timeout',
        '1m',
        '--atomic',
        '-l',
        'a=b',
        '--create-namespace',
        '--description',
        'd',
        '--dry-run',
        '--version',
        '0.1.0',
        '--devel',
        '--skip-crds',
        '--render-subchart-notes',
        '--dependency-update',
      ],
    ],
    ['a name and --generate-name', ['template', 'r', chart, '--generate-name']],
    ['global flags before the command', ['--kube-context', 'x', '--qps', '5', '--burst-limit', '9', 'template', 'r', chart]],
    ['show values with -n', ['show', 'values', chart, '-n', 'x', '--version', '0.1.0']],
    ['show chart with global flags', ['show', 'chart', chart, '--repository-config', '/nonexistent', '--debug']],
    ['package --sign without --key', ['package', chart, '--sign', '-d', home]],
    ['lint with no path', ['lint']],
    ['lint --strict=yes', ['lint', chart, '--strict=yes']],
    ['show values --jsonpath', ['show', 'values', chart, '--jsonpath', '{.Name}']],
    ['show values --jsonpath that does not parse', ['show', 'values', chart, '--jsonpath', '{.Name']],
    ['--post-renderer that names no plugin', ['template', 'r', chart, '--post-renderer', 'cat']],
    ['--post-renderer given twice', ['template', 'r', chart, '--post-renderer', 'a', '--post-renderer', 'b']],
  ];
  it.each(same)('%s: stdout, status and error as helm', async (_title, args) => {
    const h = await runHelm(args, join(home, 'helm'), { cwd: home });
    const b = await berth(args);
    expect(b.stdout).toBe(h.stdout);
    expect(b.status).toBe(h.status);
    if (h.status !== 0) expect(b.stderr).toBe(h.stderr.replace(/\bhelm\b/g, 'berth'));
  });

  it.each([
    ['--debug: the manifests rendered before the error, then the error', ['template', join(TESTCHARTS, 'chart-with-template-with-invalid-yaml'), '--debug']],
    ["--debug: helm's DEBUG lines", ['template', chart, '--debug']],
    ["a deprecated chart: helm's WARN line, without a time", ['template', join(TESTCHARTS, 'deprecated')]],
  ])('%s (stdout, stderr and status as helm)', async (_title, args) => {
    const h = await runHelm(args, join(home, 'helm'), { cwd: home });
    const b = await berth(args);
    expect(b.stdout).toBe(h.stdout);
    expect(b.stderr).toBe(h.stderr);
    expect(b.status).toBe(h.status);
  });

  it('runs a postrenderer/v1 plugin from HELM_PLUGINS with its arguments, as helm template does', async () => {
    // helm's own test plugin (pkg/cmd/testdata/helmhome/helm/plugins/postrenderer-v1)
    const plugins = mkdtempSync(join(tmpdir(), 'berth-plugins-'));
    const dir = join(plugins, 'postrenderer-v1');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'plugin.yaml'),
      '---\napiVersion: v1\nname: "postrenderer-v1"\nversion: "1.2.3"\ntype: postrenderer/v1\nruntime: subprocess\nruntimeConfig:\n  platformCommand:\n  - command: "${HELM_PLUGIN_DIR}/sed-test.sh"\n',
    );
    writeFileSync(join(dir, 'sed-test.sh'), '#!/bin/sh\nif [ $# -eq 0 ]; then\n  sed s/FOOTEST/BARTEST/g <&0\nelse\n  sed s/FOOTEST/"$*"/g <&0\nfi\n', {
      mode: 0o755,
    });
    const chartDir = mkdtempSync(join(tmpdir(), 'berth-pr-chart-'));
    mkdirSync(join(chartDir, 'templates'));
    writeFileSync(join(chartDir, 'Chart.yaml'), 'apiVersion: v2\nname: pr\nversion: 0.1.0\n');
    writeFileSync(
      join(chartDir, 'templates/cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: FOOTEST\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  annotations:\n    helm.sh/hook: pre-install\ndata:\n  y: FOOTEST\n',
    );
    const saved = process.env.HELM_PLUGINS;
    process.env.HELM_PLUGINS = plugins;
    try {
      for (const args of [
        ['template', 'r', chartDir, '--post-renderer', 'postrenderer-v1'],
        ['template', 'r', chartDir, '--post-renderer', 'postrenderer-v1', '--post-renderer-args', 'hello', '--post-renderer-args', 'world'],
      ]) {
        const h = await runHelm(args, join(home, 'helm'), { cwd: home });
        const b = await berth(args);
        expect(h.stdout).toContain(args.length > 5 ? 'hello world' : 'BARTEST');
        expect(b.stdout).toBe(h.stdout);
        expect(b.status).toBe(h.status);
      }
    } finally {
      if (saved === undefined) delete process.env.HELM_PLUGINS;
      else process.env.HELM_PLUGINS = saved;
    }
  });

  it('writes --output-dir as helm does: the same files, appended on a second run', async () => {
    const subchart = join(TESTCHARTS, 'subchart');
    const hDir = mkdtempSync(join(tmpdir(), 'berth-outdir-h-'));
    const bDir = mkdtempSync(join(tmpdir(), 'berth-outdir-b-'));
    for (const args of [
      ['template', 'r', subchart, '--output-dir', 'out', '--release-name'],
      ['template', 'r', subchart, '--output-dir', 'out', '--release-name'],
    ]) {
      const h = await runHelm(args, join(home, 'helm'), { cwd: hDir });
      const b = await new Promise<string>((done) => execFile(join(root, 'bin/berth'), args, { cwd: bDir, encoding: 'utf8' }, (_e, stdout) => done(stdout)));
      expect(b).toBe(h.stdout);
    }
    const files = (dir: string) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .sort()
        .map((f) => [f, statSync(join(dir, f)).isFile() ? readFileSync(join(dir, f), 'utf8') : '']);
    expect(files(bDir)).toEqual(files(hDir));
  });

  it('generates a name from the chart with --generate-name, as helm does', async () => {
    const b = await berth(['template', chart, '-g']);
    expect(b.status).toBe(0);
    expect(b.stdout).toMatch(/name: "alpine-\d{10}-my-alpine"/);
  });

  it('says which global flags change nothing', async () => {
    const b = await berth(['template', 'r', chart, '--kube-context', 'x']);
    expect(b.stderr).toBe('Flag --kube-context has no effect in Berth, whose chart commands never talk to a cluster\n');
  });
});

describe('berth package --sign', () => {
  let publisher: GeneratedSigningKey;
  beforeAll(async () => {
    publisher = await generateSigningKey({ name: 'Chart Publisher', email: 'charts@example.com' });
  });

  it('writes a .prov that helm verify accepts, as helm package --sign does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-sign-'));
    writeFileSync(join(dir, 'secring.gpg'), await binarySecretKeyring(publisher.armoredPrivateKey));
    writeFileSync(join(dir, 'pubring.gpg'), await binaryKeyring([publisher.armoredPublicKey]));
    const r = await berth(['package', join(TESTCHARTS, 'signtest'), '--sign', '--key', 'Chart Publisher', '--keyring', join(dir, 'secring.gpg'), '-d', dir]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Successfully packaged chart and saved it to: ${join(dir, 'signtest-0.1.0.tgz')}\n`);
    const verify = await runHelm(['verify', '--keyring', join(dir, 'pubring.gpg'), join(dir, 'signtest-0.1.0.tgz')], join(home, 'helm'));
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain('Signed by: Chart Publisher <charts@example.com>');
  });
});

describe('charts from a repository added with helm repo add', () => {
  it("renders acme/<chart> --version as helm template does, from helm's repositories.yaml and cache", async () => {
    const { serveFolder } = await import('../../services/static-http');
    const { mkdirSync, copyFileSync } = await import('node:fs');
    const repoDir = mkdtempSync(join(tmpdir(), 'berth-repo-'));
    mkdirSync(join(repoDir, 'charts'));
    copyFileSync(join(TESTCHARTS, 'test1-0.1.0.tgz'), join(repoDir, 'charts/test1-0.1.0.tgz'));
    copyFileSync(join(TESTCHARTS, 'compressedchart-0.2.0.tgz'), join(repoDir, 'charts/compressedchart-0.2.0.tgz'));
    copyFileSync(join(TESTCHARTS, 'compressedchart-0.1.0.tgz'), join(repoDir, 'charts/compressedchart-0.1.0.tgz'));
    const helmHome = join(home, 'repo-helm');
    expect((await runHelm(['repo', 'index', join(repoDir, 'charts')], helmHome)).status).toBe(0);
    const server = await serveFolder(join(repoDir, 'charts'));
    try {
      const added = await runHelm(['repo', 'add', 'acme', server.url], helmHome);
      expect(added.status, added.stderr).toBe(0);
      // the same files helm reads: its repositories.yaml and cache, named by helm's flags
      const where = ['--repository-config', join(helmHome, 'config', 'repositories.yaml'), '--repository-cache', join(helmHome, 'cache', 'repository')];
      for (const args of [
        ['template', 'web', 'acme/compressedchart', '--version', '0.1.0'],
        ['template', 'web', 'acme/compressedchart'],
        ['show', 'chart', 'acme/test1'],
        ['template', 'web', 'acme/nope'],
        ['template', 'web', 'other/test1'],
      ]) {
        const h = await runHelm(args, helmHome);
        const b = await berth([...args, ...where]);
        expect(b.stdout, args.join(' ')).toBe(h.stdout);
        expect(b.status, args.join(' ')).toBe(h.status);
      }
    } finally {
      await server.close();
    }
  });
});

describe('OCI chart references', () => {
  it("renders and shows oci://… --version as helm does, signed in through helm's registry.json", async () => {
    const { startRegistry } = await import('../../services/oci-registry');
    const auth = { username: 'ci', password: 'oci-secret' };
    const registry = await startRegistry({ auth });
    const helmHome = join(home, 'oci-helm');
    try {
      const login = await runHelm(['registry', 'login', registry.host, '--plain-http', '-u', auth.username, '--password-stdin'], helmHome, {
        input: auth.password,
      });
      expect(login.status, login.stderr).toBe(0);
      const pushed = await runHelm(['push', join(TESTCHARTS, 'signtest-0.1.0.tgz'), `oci://${registry.host}/charts`, '--plain-http'], helmHome);
      expect(pushed.status, pushed.stderr).toBe(0);
      const registryConfig = join(helmHome, 'config', 'registry.json');
      const ref = `oci://${registry.host}/charts/signtest`;
      const good = 4;
      for (const [i, args] of [
        ['template', 'web', ref, '--version', '0.1.0', '--plain-http'],
        ['show', 'chart', ref, '--version', '0.1.0', '--plain-http'],
        ['show', 'values', ref, '--plain-http'],
        ['template', 'web', `${ref}:0.1.0`, '--plain-http'],
        ['template', 'web', ref, '--version', '9.9.9', '--plain-http'],
        ['template', 'web', `oci://${registry.host}/charts/nope`, '--plain-http'],
      ].entries()) {
        const h = await runHelm(args, helmHome, { cwd: home });
        expect(h.status === 0, `${args.join(' ')}: ${h.stderr}`).toBe(i < good);
        // Berth reads the same registry.json, named by helm's flag; its own cache is elsewhere
        const b = await berth([...args, '--registry-config', registryConfig]);
        expect(b.stdout, args.join(' ')).toBe(h.stdout);
        expect(b.status, args.join(' ')).toBe(h.status);
        expect(b.stderr, args.join(' ')).toBe(h.stderr.replace(/"helm /g, '"berth '));
      }
      // without the credentials the registry refuses, as it refuses helm
      const anon = await berth(['show', 'chart', ref, '--version', '0.1.0', '--plain-http', '--registry-config', join(home, 'none.json')]);
      expect(anon.status).toBe(1);
    } finally {
      await registry.stop();
    }
  });
});
