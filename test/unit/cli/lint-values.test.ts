import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import { chartDir, WEB_CHART } from '../values/usage-charts';

async function berth(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('berth lint judges the values given', () => {
  const schema = JSON.stringify({ type: 'object', properties: { nameOverride: { type: 'string', description: 'Deprecated: set fullnameOverride instead.' } } });
  const dir = chartDir({ ...WEB_CHART, 'values.schema.json': schema });

  it('reports a key no template reads with "did you mean", and a key read through index as not judged', async () => {
    const r = await berth('lint', dir, '--set', 'replicaCont=2', '--set', 'extra.mode=b', '--set', 'nameOverride=x');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`==> Linting ${dir}\n[INFO] Chart.yaml: icon is recommended\n`);
    expect(r.stdout).toContain('[WARNING] values: replicaCont is set, but no template reads it; did you mean replicaCount? [values.unused]\n');
    expect(r.stdout).toContain('[INFO] values: Whether extra.mode is read cannot be told: templates/deployment.yaml reads extra through index. [values.not-judged]\n');
    expect(r.stdout).toContain('[WARNING] values: nameOverride is deprecated: set fullnameOverride instead. [values.deprecated]\n');
    expect(r.stdout).toMatch(/\[values\.deprecated\]\n\n1 chart\(s\) linted, 0 chart\(s\) failed\n$/);
  });

  it('fails under --strict when a value is read by no template', async () => {
    const r = await berth('lint', dir, '--strict', '--set', 'replicaCont=2');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: 1 chart(s) linted, 1 chart(s) failed\n');
    expect(r.stdout).not.toContain('chart(s) linted');
  });

  it('prints exactly Helm\'s output when every value is read', async () => {
    const r = await berth('lint', dir, '--set', 'replicaCount=2');
    expect(r.stdout).toBe(`==> Linting ${dir}\n[INFO] Chart.yaml: icon is recommended\n\n1 chart(s) linted, 0 chart(s) failed\n`);
  });
});
