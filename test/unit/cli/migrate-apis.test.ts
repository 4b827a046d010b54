import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readChartArchive } from '../../../src-main/chart/archive';
import { runCli } from '../../../src-main/cli/main';

const EMQX_RC1 = join(__dirname, '../../../../shared/fixtures/charts/emqx-v1.0.0-rc.1.tgz');

async function berth(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

describe('berth migrate-apis', () => {
  it('writes a new package with the removed RBAC API moved to rbac.authorization.k8s.io/v1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-migrate-test-'));
    const r = await berth('migrate-apis', EMQX_RC1, '--kube-version', '1.22.0', '-d', dir, '--version', 'v1.0.0-rc.2');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^templates\/rbac\.yaml:\d+: Role rbac\.authorization\.k8s\.io\/v1beta1 → rbac\.authorization\.k8s\.io\/v1/);
    const written = join(dir, 'emqx-v1.0.0-rc.2.tgz');
    expect(r.out).toContain(`saved it to: ${written}`);
    const rbac = readChartArchive(readFileSync(written)).files.find((f) => f.path === 'templates/rbac.yaml');
    expect(Buffer.from(rbac!.data).toString()).not.toContain('v1beta1');
  });

  it('writes nothing when the chart uses no removed API', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-migrate-test-'));
    const r = await berth('migrate-apis', EMQX_RC1, '--kube-version', '1.16.0', '-d', dir, '--json');
    expect(JSON.parse(r.out)).toMatchObject({ changed: false, changes: [] });
    expect(existsSync(join(dir, 'emqx-v1.0.0-rc.1.tgz'))).toBe(false);
  });
});
