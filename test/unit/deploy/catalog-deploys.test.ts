/**
 * Deploys of catalog versions: a draft's test deploy records its outcome on the version (for the
 * reviewer), the store deploys only what the catalog hands out, and releases carry the version.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BerthFailure } from '../../../shared/result';
import { DeployService, type TestDeployOutcome } from '../../../src-main/deploy/service';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS } from '../../cluster/harness';
import { deployWorld, EMQX_RC1, migratedChart, uniqueName, type DeployWorld } from './cluster-fixtures';

let w: DeployWorld;
let draft: Uint8Array;
const recorded: TestDeployOutcome[] = [];
let service: DeployService;

beforeAll(async () => {
  w = await deployWorld();
  draft = readFileSync(migratedChart(EMQX_RC1, w.work));
  service = new DeployService({
    // stands in for the catalog's version.package: drafts only for test deploys
    catalogPackage: async (version, purpose) => {
      if (purpose === 'store') throw new BerthFailure('catalog.wrong-state', `Version ${version} is not released to the store.`);
      return draft;
    },
    recordTestDeploy: async (r) => recorded.push(r),
  });
}, CLUSTER_START_TIMEOUT_MS);

describe('catalog deploys', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it('records a test deploy that turned green on its version', async () => {
    const ns = uniqueName('isv');
    const out = await service.install({ target: w.target, release: 'emqx', namespace: ns, createNamespace: true, chart: { kind: 'catalog', version: 'ver_0123abcd', purpose: 'test' }, values: { namespace: ns, replicas: 1 }, wait: true, timeoutSeconds: 60 });
    expect(out.release.labels).toEqual({ 'berth.dev/purpose': 'test', 'berth.dev/version': 'ver_0123abcd' });
    expect(recorded.at(-1)).toEqual({ version: 'ver_0123abcd', release: 'emqx', namespace: ns, context: 'berth-harness', kubeVersion: w.harness.version, outcome: 'running' });
    // helm sees the custom labels on its record too
    const list = await w.helm(['list', '-n', ns, '-l', 'berth.dev/purpose=test', '-o', 'json']);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ name: 'emqx' })]);
  });

  it('records a refused test deploy as failed, with the reason', async () => {
    const ns = uniqueName('isv');
    const asUploaded = new DeployService({ catalogPackage: async () => readFileSync(EMQX_RC1), recordTestDeploy: async (r) => recorded.push(r) });
    await expect(asUploaded.install({ target: w.target, release: 'emqx', namespace: ns, createNamespace: true, chart: { kind: 'catalog', version: 'ver_rc1', purpose: 'test' }, values: { namespace: ns } })).rejects.toThrow(/rbac\.authorization\.k8s\.io\/v1beta1/);
    expect(recorded.at(-1)).toMatchObject({ version: 'ver_rc1', outcome: 'failed', message: expect.stringContaining('stopped serving in 1.22') });
  });

  it('records a watched test deploy once it settles', async () => {
    const ns = uniqueName('isv');
    await service.install({ target: w.target, release: 'emqx', namespace: ns, createNamespace: true, chart: { kind: 'catalog', version: 'ver_watch', purpose: 'test' }, values: { namespace: ns, replicas: 2 } });
    expect(recorded.at(-1)).toMatchObject({ version: 'ver_watch', outcome: 'pending' });
    await service.watch({ target: w.target, namespace: ns, release: 'emqx' });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && recorded.at(-1)?.outcome !== 'running') await new Promise((r) => setTimeout(r, 250));
    service.unwatch(ns, 'emqx');
    expect(recorded.at(-1)).toMatchObject({ version: 'ver_watch', namespace: ns, outcome: 'running' });
  });

  it('deploys to the store only what the catalog hands out', async () => {
    const e = await service.install({ target: w.target, release: 'emqx', namespace: 'default', chart: { kind: 'catalog', version: 'ver_draft', purpose: 'store' } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BerthFailure);
    expect((e as BerthFailure).code).toBe('catalog.wrong-state');
  });
});
