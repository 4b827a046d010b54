/**
 * Releases are Helm's: the real helm upgrades, rolls back and uninstalls what Berth installed,
 * and Berth lists, watches, upgrades and uninstalls what helm installed. The release records are
 * read byte for byte in both directions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseFromSecret, releaseSecretName } from '../../../src-main/deploy/release-record';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS } from '../../cluster/harness';
import { deleteNamespaces, deployWorld, EMQX_402, EMQX_RC1, kubectl, migratedChart, namesGiven, uniqueName, type DeployWorld } from './cluster-fixtures';

let w: DeployWorld;
// the releases' running pods would fill the harness's nodes for every later test
afterAll(() => deleteNamespaces(w?.harness, namesGiven()));
let rc1: string;
let v402: string;

beforeAll(async () => {
  w = await deployWorld();
  rc1 = migratedChart(EMQX_RC1, w.work);
  v402 = migratedChart(EMQX_402, w.work);
}, CLUSTER_START_TIMEOUT_MS);

function secretJson(ns: string, name: string, revision: number): { metadata: { labels: Record<string, string> }; type: string; data: Record<string, string> } {
  return JSON.parse(kubectl(w.harness, ['get', 'secret', releaseSecretName(name, revision), '-n', ns, '-o', 'json']));
}

describe('Helm interoperability', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it('lets helm upgrade, roll back and uninstall a release Berth installed', async () => {
    const ns = uniqueName('interop-b');
    await w.service.install({
      target: w.target,
      release: 'broker',
      namespace: ns,
      createNamespace: true,
      chart: { path: rc1 },
      values: { namespace: ns, replicas: 1 },
    });
    const secret = secretJson(ns, 'broker', 1);
    expect(secret.type).toBe('helm.sh/release.v1');
    expect(secret.metadata.labels).toMatchObject({ name: 'broker', owner: 'helm', status: 'deployed', version: '1' });

    const up = await w.helm(['upgrade', 'broker', v402, '-n', ns, '--wait', '--timeout', '2m']);
    expect(up.stderr).toBe('');
    expect(up.status).toBe(0);
    const values = await w.helm(['get', 'values', 'broker', '-n', ns, '-o', 'json']);
    expect(JSON.parse(values.stdout)).toEqual({ namespace: ns, replicas: 1 });
    expect(kubectl(w.harness, ['get', 'statefulset', 'broker-emqx', '-n', ns, '-o', 'jsonpath={.metadata.labels.helm\\.sh/chart}'])).toBe('emqx-v4.0.2');

    const history = await w.service.history({ target: w.target, namespace: ns, release: 'broker' });
    expect(history.map((r) => [r.revision, r.status, r.chart, r.description])).toEqual([
      [1, 'superseded', 'emqx-v1.0.0-rc.1', 'Install complete'],
      [2, 'deployed', 'emqx-v4.0.2', 'Upgrade complete'],
    ]);

    const back = await w.helm(['rollback', 'broker', '1', '-n', ns, '--wait']);
    expect(back.status).toBe(0);
    const health = await w.service.health({ target: w.target, namespace: ns, release: 'broker' });
    expect(health).toMatchObject({ revision: 3, status: 'deployed', health: 'green' });

    const gone = await w.helm(['uninstall', 'broker', '-n', ns]);
    expect(gone.status).toBe(0);
    expect(await w.service.list({ target: w.target, namespace: ns })).toEqual([]);
    expect(kubectl(w.harness, ['get', 'statefulset', '-n', ns, '-o', 'name'])).toBe('');
  });

  it('lists, watches, upgrades and uninstalls a release helm installed', async () => {
    const ns = uniqueName('interop-h');
    const inst = await w.helm(['install', 'mqtt', rc1, '-n', ns, '--create-namespace', '--set', `namespace=${ns}`, '--set', 'replicas=2', '--wait']);
    expect(inst.status).toBe(0);

    // the record helm wrote decodes to what helm itself reports
    const rel = releaseFromSecret(secretJson(ns, 'mqtt', 1));
    expect(rel).toMatchObject({
      name: 'mqtt',
      namespace: ns,
      version: 1,
      config: { namespace: ns, replicas: 2 },
      apply_method: 'ssa',
      info: { status: 'deployed', description: 'Install complete' },
    });
    expect(rel.chart?.metadata).toEqual({
      name: 'emqx',
      version: 'v1.0.0-rc.1',
      description: 'A Helm chart for EMQ X',
      apiVersion: 'v1',
      appVersion: 'v1.0.0-rc.1',
    });
    const helmManifest = await w.helm(['get', 'manifest', 'mqtt', '-n', ns]);
    expect(`${rel.manifest}\n`).toBe(helmManifest.stdout);

    const all = await w.service.list({ target: w.target, allNamespaces: true });
    expect(all).toContainEqual(
      expect.objectContaining({ name: 'mqtt', namespace: ns, revision: 1, status: 'deployed', chart: 'emqx-v1.0.0-rc.1', appVersion: 'v1.0.0-rc.1' }),
    );
    const health = await w.service.watch({ target: w.target, namespace: ns, release: 'mqtt' });
    expect(health.health).toBe('green');
    expect(health.workloads).toEqual([expect.objectContaining({ kind: 'StatefulSet', name: 'mqtt-emqx', ready: 2, desired: 2 })]);
    w.service.unwatch(ns, 'mqtt');

    const up = await w.service.upgrade({ target: w.target, release: 'mqtt', namespace: ns, chart: { path: v402 }, wait: true, timeoutSeconds: 120 });
    expect(up.release).toMatchObject({ revision: 2, chart: 'emqx-v4.0.2', status: 'deployed' });
    const status = await w.helm(['status', 'mqtt', '-n', ns, '-o', 'json']);
    expect(JSON.parse(status.stdout)).toMatchObject({
      version: 2,
      config: { namespace: ns, replicas: 2 },
      info: { status: 'deployed', description: 'Upgrade complete' },
    });
    const helmHistory = await w.helm(['history', 'mqtt', '-n', ns, '-o', 'json']);
    expect(JSON.parse(helmHistory.stdout).map((r: { revision: number; status: string }) => [r.revision, r.status])).toEqual([
      [1, 'superseded'],
      [2, 'deployed'],
    ]);

    const out = await w.service.uninstall({ target: w.target, release: 'mqtt', namespace: ns, keepHistory: true });
    expect(out.deleted).toContain(`StatefulSet ${ns}/mqtt-emqx`);
    const kept = await w.helm(['list', '-n', ns, '--uninstalled', '-o', 'json']);
    expect(JSON.parse(kept.stdout)).toEqual([expect.objectContaining({ name: 'mqtt', status: 'uninstalled', revision: '2' })]);
    // as with helm, a name with kept history is still taken
    await expect(w.service.install({ target: w.target, release: 'mqtt', namespace: ns, chart: { path: rc1 } })).rejects.toThrow(/its history is kept/);
    const purge = await w.helm(['uninstall', 'mqtt', '-n', ns]);
    expect(purge.status).toBe(0);
  });
});
