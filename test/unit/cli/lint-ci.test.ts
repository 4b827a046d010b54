/**
 * `berth lint CHART` runs the chart-testing matrix: each ci/*-values.yaml is linted as `ct lint`
 * lints it (helm lint --values FILE, announced by "Linting chart with values file …"), and a
 * ct-style summary names every file with its result. Each case's block is what the real
 * helm prints for `helm lint CHART --values FILE`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHelm } from '../../services/helm';

const BERTH = resolve(__dirname, '../../../bin/berth.cjs');

function berth(...argv: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BERTH, ...argv], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function chart(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'berth-ct-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'web', path)), { recursive: true });
    writeFileSync(join(root, 'web', path), text);
  }
  return join(root, 'web');
}

const WEB = {
  'Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\nicon: https://example.com/i.png\n',
  'values.yaml': 'replicaCount: 1\n',
  'templates/configmap.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-web\ndata:\n  replicas: {{ .Values.replicaCount | quote }}\n',
  // renders broken YAML when `broken` is set: helm lint's error
  'templates/check.yaml': '{{- if .Values.broken }}\napiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n{{- end }}\n',
};
const LINE = '-'.repeat(120);

describe('berth lint: the ci/*-values.yaml matrix, as ct lint', () => {
  it('names each values file with its result, each block as helm lint --values prints it, and fails when one fails', async () => {
    const dir = chart({ ...WEB, 'ci/a-values.yaml': 'replicaCount: 2\n', 'ci/b-values.yaml': 'broken: true\n', 'ci/readme.txt': 'not a case\n' });
    const r = berth('lint', dir);
    const home = mkdtempSync(join(tmpdir(), 'berth-ct-helm-'));
    const a = await runHelm(['lint', dir, '--values', join(dir, 'ci/a-values.yaml')], home);
    const b = await runHelm(['lint', dir, '--values', join(dir, 'ci/b-values.yaml')], home);
    // helm's block without its summary line (a failed lint puts the summary on stderr)
    const block = (out: string) => (out.includes('\n1 chart(s) linted') ? out.slice(0, out.lastIndexOf('\n1 chart(s) linted') + 1) : out);
    expect(r.stdout).toBe(
      `==> Linting ${dir}\n\n` +
        `Linting chart with values file "${dir}/ci/a-values.yaml"...\n\n${block(a.stdout)}` +
        `Linting chart with values file "${dir}/ci/b-values.yaml"...\n\n${block(b.stdout)}` +
        `${LINE}\n ✔︎ ${dir} => (values file: "ci/a-values.yaml")\n ✖︎ ${dir} => (values file: "ci/b-values.yaml")\n${LINE}\n`,
    );
    expect(b.stdout).toContain('[ERROR] templates/check.yaml: unable to parse YAML');
    expect(r.stderr).toBe('Error: 1 chart(s) linted, 0 chart(s) failed, 1 of 2 ci values file(s) failed\n');
    expect(r.code).toBe(1);
  });

  it('passes when every case passes, and a chart without ci/ prints exactly what helm lint prints', async () => {
    const ok = berth('lint', chart({ ...WEB, 'ci/a-values.yaml': 'replicaCount: 2\n' }));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/ ✔︎ .* => \(values file: "ci\/a-values.yaml"\)\n-{120}\n1 chart\(s\) linted, 0 chart\(s\) failed\n$/);
    const plain = chart(WEB);
    const helm = await runHelm(['lint', plain], mkdtempSync(join(tmpdir(), 'berth-ct-helm-')));
    expect(berth('lint', plain).stdout).toBe(helm.stdout);
  });
});
