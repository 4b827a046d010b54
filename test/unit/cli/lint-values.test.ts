import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartDir, WEB_CHART } from '../values/usage-charts';

const BERTH = resolve(__dirname, '../../../bin/berth.cjs');

function berth(...argv: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BERTH, ...argv], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('berth lint judges the values given', () => {
  const schema = JSON.stringify({ type: 'object', properties: { nameOverride: { type: 'string', description: 'Deprecated: set fullnameOverride instead.' } } });
  const dir = chartDir({ ...WEB_CHART, 'values.schema.json': schema });

  it('reports a key no template reads with "did you mean", and a key read through index as not judged', () => {
    const r = berth('lint', dir, '--set', 'replicaCont=2', '--set', 'extra.mode=b', '--set', 'nameOverride=x');
    expect(r.stdout).toBe(
      `==> Linting ${dir}\n[INFO] Chart.yaml: icon is recommended\n` +
        '[INFO] values: Whether extra.mode is read cannot be told: templates/deployment.yaml reads extra through index. [values.not-judged]\n' +
        '[WARNING] values: replicaCont is set, but no template reads it; did you mean replicaCount? [values.unused]\n' +
        '[WARNING] values: nameOverride is deprecated: set fullnameOverride instead. [values.deprecated]\n' +
        '\n1 chart(s) linted, 0 chart(s) failed\n',
    );
    expect(r.code).toBe(0);
  });

  it('fails under --strict when a value is read by no template', () => {
    const r = berth('lint', dir, '--strict', '--set', 'replicaCont=2');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: 1 chart(s) linted, 1 chart(s) failed\n');
    expect(r.stdout).toContain('[values.unused]');
  });

  it("prints exactly Helm's output when every value is read", () => {
    const r = berth('lint', dir, '--set', 'replicaCount=2');
    expect(r.stdout).toBe(`==> Linting ${dir}\n[INFO] Chart.yaml: icon is recommended\n\n1 chart(s) linted, 0 chart(s) failed\n`);
  });
});
