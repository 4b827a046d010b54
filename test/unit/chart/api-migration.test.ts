import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateRemovedApis } from '../../../src-main/chart/api-migration';
import { readChartArchive } from '../../../src-main/chart/archive';
import { inspectChartPackage } from '../../../src-main/chart/inspect';
import { reviewChart } from '../../../src-main/review/chart-review';
import { runHelm } from '../../services/helm';
import { chartTgz } from './tar-builder';
import { testEngine } from '../../services/engine';

const FIXTURES = '/work/shared/fixtures/charts';
const work = mkdtempSync(join(tmpdir(), 'berth-migrate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('removed-API quick fix', () => {
  it('moves the EMQ X RBAC objects to rbac.authorization.k8s.io/v1 in a new package', async () => {
    const original = readFileSync(`${FIXTURES}/emqx-v4.0.2.tgz`);
    const before = Buffer.from(original);
    const result = migrateRemovedApis(original, { version: 'v4.0.3' });
    expect(Buffer.from(original).equals(before)).toBe(true); // the original is never edited
    expect(result.changed).toBe(true);
    expect(result.fileName).toBe('emqx-v4.0.3.tgz');
    expect(result.changes).toEqual([
      { file: 'templates/rbac.yaml', line: 8, kind: 'Role', from: 'rbac.authorization.k8s.io/v1beta1', to: 'rbac.authorization.k8s.io/v1' },
      { file: 'templates/rbac.yaml', line: 23, kind: 'RoleBinding', from: 'rbac.authorization.k8s.io/v1beta1', to: 'rbac.authorization.k8s.io/v1' },
    ]);
    expect((await inspectChartPackage(result.archive)).version).toBe('v4.0.3');

    const review = await reviewChart(result.archive, {}, testEngine());
    expect(review.checks.find((c) => c.id === 'api.removed')?.status).toBe('pass');

    // the real helm reads the new package and renders the new API version
    const file = join(work, result.fileName);
    writeFileSync(file, result.archive);
    const helm = await runHelm(['template', 'emqx', file], join(work, 'home'));
    expect(helm.status, helm.stderr).toBe(0);
    expect(helm.stdout).toContain('kind: Role\napiVersion: rbac.authorization.k8s.io/v1\n');
    expect(helm.stdout).not.toContain('v1beta1');
    // everything else in the package is unchanged
    const a = readChartArchive(original).files;
    const b = readChartArchive(result.archive).files;
    expect(b.map((f) => f.path)).toEqual(a.map((f) => f.path));
    for (const f of a)
      if (!['templates/rbac.yaml', 'Chart.yaml'].includes(f.path))
        expect(Buffer.from(b.find((x) => x.path === f.path)!.data).equals(Buffer.from(f.data))).toBe(true);
  });

  it('leaves objects whose schema changed alone and says why', () => {
    const pkg = chartTgz([
      { name: 'demo/templates/ing.yaml', data: 'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: x\n' },
      { name: 'demo/templates/dep.yaml', data: 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template: {}\n' },
    ]);
    const result = migrateRemovedApis(pkg);
    expect(result.changed).toBe(false);
    expect(result.archive).toBe(pkg);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'networking.k8s.io/v1 Ingress has a different schema; the fields must be migrated by hand.',
      'apps/v1 requires spec.selector, which this Deployment does not set.',
    ]);
  });

  it('leaves templated apiVersions (already capability-aware) alone', () => {
    const pkg = chartTgz([{ name: 'demo/templates/r.yaml', data: 'apiVersion: {{ template "rbac.apiVersion" . }}\nkind: Role\nmetadata:\n  name: x\n' }]);
    const result = migrateRemovedApis(pkg);
    expect(result.changes).toEqual([]);
    expect(result.skipped).toEqual([]);
  });
});
