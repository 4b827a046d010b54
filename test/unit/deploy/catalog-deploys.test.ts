/**
 * Deploys of catalog versions: a draft's test deploy records its outcome on the version (for the
 * reviewer), the store deploys only what the catalog hands out, and releases carry the version.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthFailure } from '../../../shared/result';
import { DeployService, type TestDeployOutcome } from '../../../src-main/deploy/service';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS } from '../../cluster/harness';
import { deleteNamespaces, deployWorld, EMQX_402, EMQX_RC1, migratedChart, namesGiven, uniqueName, type DeployWorld } from './cluster-fixtures';
import { testEngine } from '../../services/engine';

let w: DeployWorld;
let draft: Uint8Array;
let released: Record<string, Uint8Array>;
let v402Path: string;
const recorded: TestDeployOutcome[] = [];
let service: DeployService;

beforeAll(async () => {
  w = await deployWorld();
  draft = readFileSync(migratedChart(EMQX_RC1, w.work));
  v402Path = migratedChart(EMQX_402, w.work);
  released = { ver_rc1: draft, ver_402: readFileSync(v402Path) };
  service = new DeployService({
    engine: testEngine(),
    // stands in for the catalog's version.package: drafts only for test deploys
    catalogPackage: async (version, purpose) => {
      if (purpose === 'store') throw new BerthFailure('catalog.wrong-state', `Version ${version} is not released to the store.`);
      return draft;
    },
    catalogApp: async () => 'app_emqx',
    recordTestDeploy: async (r) => recorded.push(r),
  });
}, CLUSTER_START_TIMEOUT_MS);
afterAll(() => deleteNamespaces(w?.harness, namesGiven()));

describe('catalog deploys', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it('records a test deploy that turned green on its version', async () => {
    const ns = uniqueName('isv');
    const out = await service.install({
      target: w.target,
      release: 'emqx',
      namespace: ns,
      createNamespace: true,
      chart: { version: 'ver_0123abcd', purpose: 'test' },
      values: { namespace: ns, replicas: 1 },
      wait: true,
      timeoutSeconds: 60,
    });
    expect(out.release.labels).toEqual({ 'berth.dev/purpose': 'test', 'berth.dev/app': 'app_emqx', 'berth.dev/version': 'ver_0123abcd' });
    expect(out.release).toMatchObject({ catalogApp: 'app_emqx', catalogVersion: 'ver_0123abcd' });
    expect(recorded.at(-1)).toEqual({
      version: 'ver_0123abcd',
      release: 'emqx',
      namespace: ns,
      context: 'berth-harness',
      kubeVersion: w.harness.version,
      outcome: 'running',
      // EMQ X ships no helm.sh/hook: test templates
      tests: { outcome: 'none', results: [] },
    });
    // helm sees the custom labels on its record too
    const list = await w.helm(['list', '-n', ns, '-l', 'berth.dev/purpose=test', '-o', 'json']);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ name: 'emqx' })]);
  });

  it('records a refused test deploy as failed, with the reason', async () => {
    const ns = uniqueName('isv');
    const asUploaded = new DeployService({
      engine: testEngine(),
      catalogPackage: async () => readFileSync(EMQX_RC1),
      recordTestDeploy: async (r) => recorded.push(r),
    });
    await expect(
      asUploaded.install({
        target: w.target,
        release: 'emqx',
        namespace: ns,
        createNamespace: true,
        chart: { version: 'ver_rc1', purpose: 'test' },
        values: { namespace: ns },
      }),
    ).rejects.toThrow(/rbac\.authorization\.k8s\.io\/v1beta1/);
    expect(recorded.at(-1)).toMatchObject({ version: 'ver_rc1', outcome: 'failed', message: expect.stringContaining('stopped serving in 1.22') });
  });

  it('records a watched test deploy once it settles', async () => {
    const ns = uniqueName('isv');
    await service.install({
      target: w.target,
      release: 'emqx',
      namespace: ns,
      createNamespace: true,
      chart: { version: 'ver_watch', purpose: 'test' },
      values: { namespace: ns, replicas: 2 },
    });
    expect(recorded.at(-1)).toMatchObject({ version: 'ver_watch', outcome: 'pending' });
    await service.watch({ target: w.target, namespace: ns, release: 'emqx' });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && recorded.at(-1)?.outcome !== 'running') await new Promise((r) => setTimeout(r, 250));
    service.unwatch(ns, 'emqx');
    expect(recorded.at(-1)).toMatchObject({ version: 'ver_watch', namespace: ns, outcome: 'running' });
  });

  it('deploys to the store only what the catalog hands out', async () => {
    const e = await service
      .install({ target: w.target, release: 'emqx', namespace: 'default', chart: { version: 'ver_draft', purpose: 'store' } })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BerthFailure);
    expect((e as BerthFailure).code).toBe('catalog.wrong-state');
  });

  it('links a release to its catalog app and version through upgrades and rollbacks, and helm keeps the link', async () => {
    const ns = uniqueName('store');
    const store = new DeployService({ engine: testEngine(), catalogPackage: async (version) => released[version], catalogApp: async () => 'app_emqx' });
    const link = async () => (await store.list({ target: w.target, namespace: ns }))[0];
    const values = { namespace: ns, replicas: 1 };

    await store.install({ target: w.target, release: 'mqtt', namespace: ns, createNamespace: true, chart: { version: 'ver_rc1', purpose: 'store' }, values });
    expect(await link()).toMatchObject({ revision: 1, catalogApp: 'app_emqx', catalogVersion: 'ver_rc1', labels: { 'berth.dev/purpose': 'store' } });
    const byApp = await w.helm(['list', '-n', ns, '-l', 'berth.dev/app=app_emqx', '-o', 'json']);
    expect(JSON.parse(byApp.stdout)).toEqual([expect.objectContaining({ name: 'mqtt', revision: '1' })]);

    await store.upgrade({ target: w.target, release: 'mqtt', namespace: ns, chart: { version: 'ver_402', purpose: 'store' } });
    expect(await link()).toMatchObject({ revision: 2, chart: 'emqx-v4.0.2', catalogApp: 'app_emqx', catalogVersion: 'ver_402' });

    // the real helm upgrades Berth's release and carries the labels, as it does for --labels
    const up = await w.helm(['upgrade', 'mqtt', v402Path, '-n', ns, '--reuse-values']);
    expect(up.stderr).toBe('');
    expect(await link()).toMatchObject({ revision: 3, catalogApp: 'app_emqx', catalogVersion: 'ver_402' });
    const byVersion = await w.helm(['list', '-n', ns, '-l', 'berth.dev/version=ver_402', '-o', 'json']);
    expect(JSON.parse(byVersion.stdout)).toEqual([expect.objectContaining({ name: 'mqtt', revision: '3' })]);

    // a rollback runs the earlier revision's version again
    await store.rollback({ target: w.target, release: 'mqtt', namespace: ns, revision: 1 });
    expect(await link()).toMatchObject({ revision: 4, chart: 'emqx-v1.0.0-rc.1', catalogVersion: 'ver_rc1' });

    // a chart file is no catalog version: the link goes
    const off = await store.upgrade({ target: w.target, release: 'mqtt', namespace: ns, chart: { path: v402Path } });
    expect(off.release.labels).toEqual({});
    expect(off.release.catalogApp).toBeUndefined();
    expect(off.release.catalogVersion).toBeUndefined();
    const history = await w.helm(['history', 'mqtt', '-n', ns, '-o', 'json']);
    expect(JSON.parse(history.stdout).map((r: { revision: number; status: string }) => [r.revision, r.status])).toEqual([
      [1, 'superseded'],
      [2, 'superseded'],
      [3, 'superseded'],
      [4, 'superseded'],
      [5, 'deployed'],
    ]);
    expect((await w.helm(['uninstall', 'mqtt', '-n', ns])).status).toBe(0);
  });

  it("refuses custom labels named like Helm's own", async () => {
    await expect(
      service.install({
        target: w.target,
        release: 'x',
        namespace: 'default',
        chart: { version: 'ver_x', purpose: 'test' },
        labels: { owner: 'me' },
        dryRun: true,
      }),
    ).rejects.toThrow(/owner are Helm's own/);
  });
});
