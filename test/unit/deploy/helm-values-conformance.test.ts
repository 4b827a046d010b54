/**
 * Values given on the command line and the release's revision, against the real helm v4.1.4 on
 * the Kubernetes harness: the same chart and the same --set, --set-string, --set-json,
 * --set-file and --set-literal flags through both tools, then an upgrade that reuses the values
 * and a rollback. The release Secrets' config must be helm's JSON text byte for byte (an int64
 * keeps every digit), and every stored manifest equal helm's (.Release.Revision, IsInstall and
 * IsUpgrade, numbers as helm's template prints them).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import { releaseSecretName } from '../../../src-main/deploy/release-record';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS } from '../../cluster/harness';
import { deleteNamespaces, deployWorld, kubectl, namesGiven, uniqueName, type DeployWorld } from './cluster-fixtures';

let w: DeployWorld;
// the releases' running pods would fill the harness's nodes for every later test
afterAll(() => deleteNamespaces(w?.harness, namesGiven()));
let chart: string;

function valuesChart(work: string): string {
  const root = mkdtempSync(join(work, 'vals-'));
  const c = join(root, 'vals');
  mkdirSync(join(c, 'templates'), { recursive: true });
  writeFileSync(join(c, 'Chart.yaml'), 'apiVersion: v2\nname: vals\nversion: 0.1.0\n');
  writeFileSync(join(c, 'values.yaml'), 'n: 1\nfromChart: 2.5\n');
  writeFileSync(
    join(c, 'templates/cm.yaml'),
    [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: {{ .Release.Name }}-vals',
      'data:',
      '  revision: "{{ .Release.Revision }}"',
      '  install: "{{ .Release.IsInstall }}"',
      '  upgrade: "{{ .Release.IsUpgrade }}"',
      '  n: "{{ .Values.n }}"',
      '  big: "{{ .Values.big }}"',
      '  {{- if .Values.a }}',
      '  c: "{{ (index .Values.a.b 0).c }}"',
      '  s: "{{ .Values.s }}"',
      '  l: "{{ .Values.l }}"',
      '  slash: "{{ index .Values.an "n.o/p" }}"',
      '  {{- end }}',
      '  z: "{{ hasKey .Values "z" }}"',
      '  j: {{ .Values.j | toJson | quote }}',
      '  f: {{ .Values.f | quote }}',
      '  lit: {{ .Values.lit | quote }}',
      '  all: {{ .Values | toJson | quote }}',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(c, 'templates/hook.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-hook\n  annotations:\n    "helm.sh/hook": pre-install,pre-upgrade\ndata:\n  at: "{{ .Release.Revision }}/{{ .Release.IsInstall }}/{{ .Release.IsUpgrade }}"\n',
  );
  const out = join(root, 'vals-0.1.0.tgz');
  execFileSync('tar', ['czf', out, '--mtime=2026-01-02 03:04:05Z', '-C', root, 'vals']);
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

/** The stored release's JSON text, exactly as the tool wrote it (gunzipped). */
function recordText(ns: string, revision: number, release = 'vals'): string {
  const secret = JSON.parse(kubectl(w.harness, ['get', 'secret', releaseSecretName(release, revision), '-n', ns, '-o', 'json'])) as {
    data: { release: string };
  };
  return gunzipSync(Buffer.from(Buffer.from(secret.data.release, 'base64').toString('utf8'), 'base64')).toString('utf8');
}

/** The config field's raw JSON text (the record's fields are name, info, chart, config, manifest, …). */
function configText(record: string): string {
  const start = record.indexOf('"config":');
  if (start < 0) return '';
  const end = record.indexOf(',"manifest":', start);
  return record.slice(start + '"config":'.length, end);
}

function manifestOf(record: string): { manifest: string; hooks: string } {
  const r = JSON.parse(record) as { manifest?: string; hooks?: { manifest: string }[] };
  return { manifest: r.manifest ?? '', hooks: (r.hooks ?? []).map((h) => h.manifest).join('\n---\n') };
}

const helmNs = uniqueName('vals-h');
const berthNs = uniqueName('vals-b');

beforeAll(async () => {
  w = await deployWorld();
  chart = valuesChart(w.work);
  const file = join(w.work, 'file-value.txt');
  writeFileSync(file, 'from a file\nline two\n');
  const setFlags = [
    '--set',
    'a.b[0].c=1',
    '--set-string',
    's=007',
    '--set',
    'l={p,q}',
    '--set',
    'an.n\\.o/p=1',
    '--set',
    'z=null',
    '--set-json',
    'j={"k":[1,2.5,"x"],"m":{"n":null},"h":"<&>"}',
    '--set-json',
    'jj.x=[3,{"y":true}]',
    '--set',
    'n=1000000',
    '--set',
    'big=9223372036854775807',
    '--set-file',
    `f=${file}`,
    '--set-literal',
    'lit=a,b={c}',
  ];
  const steps = (ns: string) => [
    ['install', 'vals', chart, '-n', ns, '--create-namespace', ...setFlags],
    ['upgrade', 'vals', chart, '-n', ns, '--reuse-values', '--set', 'n=2000000'],
    ['upgrade', 'vals', chart, '-n', ns, '--set', 'n=3', '--set', 'big=-9223372036854775808'],
    ['rollback', 'vals', '1', '-n', ns],
    // a record nothing supersedes (superseding re-encodes the config from its decoded form, in helm too)
    ['install', 'once', chart, '-n', ns, ...setFlags],
  ];
  for (const step of steps(helmNs)) {
    const r = await w.helm(step);
    if (r.status !== 0) throw new Error(`helm ${step.join(' ')}: ${r.stderr}`);
  }
  for (const step of steps(berthNs)) {
    const r = await berth(step);
    if (r.status !== 0) throw new Error(`berth ${step.join(' ')}: ${r.stderr}`);
  }
}, CLUSTER_START_TIMEOUT_MS);

describe('values from the command line, stored and rendered as helm does', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it.each([1, 2, 3, 4])("revision %i: the config is helm's JSON text and the manifests are helm's", (revision) => {
    const helm = recordText(helmNs, revision);
    const ours = recordText(berthNs, revision);
    expect(configText(ours)).toBe(configText(helm));
    expect(manifestOf(ours)).toEqual(manifestOf(helm));
  });

  it('keeps --set integers whole: 1000000 and every digit of 9223372036854775807', () => {
    const once = recordText(berthNs, 1, 'once');
    expect(configText(once)).toBe(configText(recordText(helmNs, 1, 'once')));
    expect(configText(once)).toContain('"big":9223372036854775807');
    expect(configText(once)).toContain('"n":1000000');
    const { manifest, hooks } = manifestOf(recordText(berthNs, 1));
    expect(manifest).toContain('n: "1000000"');
    expect(manifest).toContain('big: "9223372036854775807"');
    expect(manifest).toContain('revision: "1"');
    expect(manifest).toContain('install: "true"');
    expect(hooks).toContain('at: "1/true/false"');
    const third = manifestOf(recordText(berthNs, 3));
    expect(third.manifest).toContain('big: "-9223372036854775808"');
    expect(third.manifest).toContain('revision: "3"');
    expect(third.manifest).toContain('upgrade: "true"');
  });
});
