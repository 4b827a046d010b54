/**
 * The seed's EMQ X on a real control plane (test/cluster): the removed RBAC API refused plainly,
 * the test deploy turning green after the API quick fix, the upgrade to 4.0.2 with its preview,
 * rollback and uninstall — each checked with the real helm as well.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthFailure } from '../../../shared/result';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS } from '../../cluster/harness';
import { deleteNamespaces, deployWorld, EMQX_402, EMQX_RC1, kubectl, migratedChart, namesGiven, uniqueName, type DeployWorld } from './cluster-fixtures';

let w: DeployWorld;
// the releases' running pods would fill the harness's nodes for every later test
afterAll(() => deleteNamespaces(w?.harness, namesGiven()));
let ns: string;
let rc1: string;
let v402: string;

beforeAll(async () => {
  w = await deployWorld();
  ns = uniqueName('emqx');
  rc1 = migratedChart(EMQX_RC1, w.work);
  v402 = migratedChart(EMQX_402, w.work);
}, CLUSTER_START_TIMEOUT_MS);

describe('EMQ X test deploy, upgrade, rollback and uninstall', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it('refuses the packages as uploaded: both use rbac.authorization.k8s.io/v1beta1, which the cluster no longer serves', async () => {
    const report = await w.service.preflight({
      target: w.target,
      release: 'emqx',
      namespace: ns,
      createNamespace: true,
      chart: { path: EMQX_RC1 },
      values: { namespace: ns },
    });
    expect(report.ok).toBe(false);
    expect(report.serverVersion).toBe(w.harness.version);
    const removed = report.problems.filter((p) => p.kind === 'removed-api');
    expect(removed.map((p) => p.resource)).toEqual([`Role ${ns}/emqx`, `RoleBinding ${ns}/emqx`]);
    expect(removed[0].message).toContain('rbac.authorization.k8s.io/v1beta1');
    expect(removed[0].message).toContain('1.22');
    expect(removed[0].fix).toEqual({
      kind: 'api-migration',
      from: 'rbac.authorization.k8s.io/v1beta1',
      to: 'rbac.authorization.k8s.io/v1',
      resourceKind: 'Role',
    });
    expect(removed[0].source).toBe('emqx/templates/rbac.yaml');

    const failure = await w.service
      .install({ target: w.target, release: 'emqx', namespace: ns, createNamespace: true, chart: { path: EMQX_402 }, values: { namespace: ns } })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BerthFailure);
    expect((failure as BerthFailure).code).toBe('deploy.preflight-failed');
    expect((failure as BerthFailure).message).toMatch(/^Role .*\/emqx uses rbac\.authorization\.k8s\.io\/v1beta1, which Kubernetes stopped serving in 1\.22/);
    expect((failure as BerthFailure).detail).toMatchObject({ removedApis: 2, quickFix: 'api-migration' });
    // nothing was changed: no namespace, no release record
    expect((await w.service.cluster(w.target)).namespaces).not.toContain(ns);
  });

  it('names a missing namespace plainly when not asked to create it', async () => {
    const report = await w.service.preflight({ target: w.target, release: 'emqx', namespace: ns, chart: { path: rc1 }, values: { namespace: ns } });
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'missing-namespace', message: expect.stringContaining(`Namespace ${ns} does not exist`) }),
    ]);
  });

  it('test-deploys EMQ X 1.0.0-rc.1 after the API quick fix and turns green', async () => {
    const before = w.statuses.length;
    const out = await w.service.install({
      target: w.target,
      release: 'emqx',
      namespace: ns,
      createNamespace: true,
      chart: { path: rc1 },
      values: { namespace: ns },
      wait: true,
      timeoutSeconds: 120,
    });
    expect(out.release).toMatchObject({
      name: 'emqx',
      namespace: ns,
      revision: 1,
      status: 'deployed',
      chart: 'emqx-v1.0.0-rc.1',
      description: 'Install complete',
    });
    expect(out.health?.health).toBe('green');
    expect(out.health?.workloads).toEqual([expect.objectContaining({ kind: 'StatefulSet', name: 'emqx', desired: 3, ready: 3, isReady: true })]);
    expect(out.health?.pods.map((p) => [p.name, p.phase, p.ready])).toEqual([
      ['emqx-0', 'Running', true],
      ['emqx-1', 'Running', true],
      ['emqx-2', 'Running', true],
    ]);
    const pushed = w.statuses.slice(before).filter((h) => h.release === 'emqx' && h.namespace === ns);
    expect(pushed[pushed.length - 1].health).toBe('green');

    const list = await w.helm(['list', '-n', ns, '-o', 'json']);
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ name: 'emqx', namespace: ns, revision: '1', status: 'deployed', chart: 'emqx-v1.0.0-rc.1', app_version: 'v1.0.0-rc.1' }),
    ]);
    const values = await w.helm(['get', 'values', 'emqx', '-n', ns, '-o', 'json']);
    expect(JSON.parse(values.stdout)).toEqual({ namespace: ns });
    const manifest = await w.helm(['get', 'manifest', 'emqx', '-n', ns]);
    expect(manifest.stdout).toBe(`${out.manifest}\n`);
    // objects carry Helm's ownership marks, applied with Helm's field manager
    const sts = JSON.parse(kubectl(w.harness, ['get', 'statefulset', 'emqx', '-n', ns, '-o', 'json', '--show-managed-fields'])) as {
      metadata: { labels: Record<string, string>; annotations: Record<string, string>; managedFields: { manager: string; operation: string }[] };
    };
    expect(sts.metadata.labels['app.kubernetes.io/managed-by']).toBe('Helm');
    expect(sts.metadata.annotations).toMatchObject({ 'meta.helm.sh/release-name': 'emqx', 'meta.helm.sh/release-namespace': ns });
    expect(sts.metadata.managedFields).toContainEqual(expect.objectContaining({ manager: 'helm', operation: 'Apply' }));
  });

  it('previews the upgrade to 4.0.2 as a per-object diff, then upgrades carrying the values over', async () => {
    const preview = await w.service.previewUpgrade({ target: w.target, release: 'emqx', namespace: ns, chart: { path: v402 } });
    expect(preview).toMatchObject({ fromRevision: 1, fromChart: 'emqx-v1.0.0-rc.1', toChart: 'emqx-v4.0.2', values: { namespace: ns } });
    const sts = preview.changes.find((c) => c.resource === `StatefulSet ${ns}/emqx`);
    expect(sts?.change).toBe('changed');
    expect(sts?.diff).toContain('-    helm.sh/chart: emqx-v1.0.0-rc.1');
    expect(sts?.diff).toContain('+    helm.sh/chart: emqx-v4.0.2');

    const out = await w.service.upgrade({ target: w.target, release: 'emqx', namespace: ns, chart: { path: v402 }, wait: true, timeoutSeconds: 120 });
    expect(out.release).toMatchObject({ revision: 2, status: 'deployed', chart: 'emqx-v4.0.2', description: 'Upgrade complete' });
    expect(out.health?.health).toBe('green');

    const history = await w.helm(['history', 'emqx', '-n', ns, '-o', 'json']);
    expect(JSON.parse(history.stdout)).toEqual([
      expect.objectContaining({ revision: 1, status: 'superseded', chart: 'emqx-v1.0.0-rc.1', description: 'Install complete' }),
      expect.objectContaining({ revision: 2, status: 'deployed', chart: 'emqx-v4.0.2', description: 'Upgrade complete' }),
    ]);
    const values = await w.helm(['get', 'values', 'emqx', '-n', ns, '-o', 'json']);
    expect(JSON.parse(values.stdout)).toEqual({ namespace: ns });
    const live = kubectl(w.harness, ['get', 'statefulset', 'emqx', '-n', ns, '-o', 'jsonpath={.metadata.labels.helm\\.sh/chart}']);
    expect(live).toBe('emqx-v4.0.2');
  });

  it('rolls back to 1.0.0-rc.1 as a new revision', async () => {
    const out = await w.service.rollback({ target: w.target, release: 'emqx', namespace: ns, wait: true, timeoutSeconds: 120 });
    expect(out.release).toMatchObject({ revision: 3, status: 'deployed', chart: 'emqx-v1.0.0-rc.1', description: 'Rollback to 1' });
    const history = await w.service.history({ target: w.target, namespace: ns, release: 'emqx' });
    expect(history.map((r) => [r.revision, r.status])).toEqual([
      [1, 'superseded'],
      [2, 'superseded'],
      [3, 'deployed'],
    ]);
    const helmStatus = await w.helm(['status', 'emqx', '-n', ns, '-o', 'json']);
    expect(JSON.parse(helmStatus.stdout)).toMatchObject({ version: 3, info: { status: 'deployed', description: 'Rollback to 1' } });
    expect(kubectl(w.harness, ['get', 'statefulset', 'emqx', '-n', ns, '-o', 'jsonpath={.metadata.labels.helm\\.sh/chart}'])).toBe('emqx-v1.0.0-rc.1');
  });

  it('uninstalls: objects go in reverse order and the history with them', async () => {
    const out = await w.service.uninstall({ target: w.target, release: 'emqx', namespace: ns });
    expect(out.deleted).toEqual(
      [
        `Service ${ns}/emqx`,
        `Service ${ns}/emqx-headless`,
        `StatefulSet ${ns}/emqx`,
        `RoleBinding ${ns}/emqx`,
        `Role ${ns}/emqx`,
        `ConfigMap ${ns}/emqx-env`,
        `ServiceAccount ${ns}/emqx`,
      ].sort((a, b) => order(a) - order(b)),
    );
    expect(out.kept).toEqual([]);
    const list = await w.helm(['list', '-n', ns, '-o', 'json']);
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([]);
    expect(
      kubectl(w.harness, ['get', 'statefulset,configmap,role', '-n', ns, '-o', 'name'])
        .split('\n')
        .filter((l) => l && !l.includes('kube-root-ca')),
    ).toEqual([]);
  });
});

function order(resource: string): number {
  return ['Service', 'StatefulSet', 'RoleBinding', 'Role', 'ConfigMap', 'ServiceAccount'].indexOf(resource.split(' ')[0]);
}
