/**
 * The edges of a deploy on a real control plane: pods that never get ready, objects kept on
 * uninstall, chart hooks, and every kind of kubeconfig credential.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthFailure } from '../../../shared/result';
import { DeployService } from '../../../src-main/deploy/service';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS, harnessCA, harnessToken } from '../../cluster/harness';
import { chartPackage, deleteNamespaces, deployWorld, kubectl, namesGiven, uniqueName, type DeployWorld } from './cluster-fixtures';
import { testEngine } from '../../services/engine';

let w: DeployWorld;
beforeAll(async () => {
  w = await deployWorld();
}, CLUSTER_START_TIMEOUT_MS);
afterAll(() => deleteNamespaces(w?.harness, namesGiven()));

const chartYaml = (name: string, version = '0.1.0') => `apiVersion: v2\nname: ${name}\nversion: ${version}\nappVersion: "1.0"\n`;

function deployment(name: string, extra: Record<string, unknown> = {}): string {
  return stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'example/app:1', ...extra }] } },
    },
  });
}

describe('deploy edges', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it('reports a chart whose pods never get ready with a timeout that says why', async () => {
    const ns = uniqueName('hungry');
    const chart = chartPackage(w.work, 'hungry', {
      'Chart.yaml': chartYaml('hungry'),
      'templates/deploy.yaml': deployment('{{ .Release.Name }}', { resources: { requests: { cpu: '{{ .Values.cpu }}' } } }),
      'values.yaml': 'cpu: "64"\n',
    });
    const failure = await w.service
      .install({ target: w.target, release: 'hungry', namespace: ns, createNamespace: true, chart: { path: chart }, wait: true, timeoutSeconds: 8 })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BerthFailure);
    expect((failure as BerthFailure).code).toBe('deploy.timeout');
    const message = (failure as BerthFailure).message;
    expect(message).toMatch(/^Timed out after 8 s waiting for release hungry to become ready\. Deployment .*\/hungry: 0 of 2 pods ready/);
    expect(message).toMatch(/is Pending: Unschedulable: 0\/2 nodes are available: 2 Insufficient cpu/);

    const status = await w.helm(['status', 'hungry', '-n', ns, '-o', 'json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ info: { status: 'failed' } });
    expect(JSON.parse(status.stdout).info.description).toContain('Timed out after 8 s');
    const health = await w.service.health({ target: w.target, namespace: ns, release: 'hungry' });
    expect(health.health).toBe('red');
    expect(health.pods.every((p) => p.phase === 'Pending' && /Insufficient cpu/.test(p.reason ?? ''))).toBe(true);
    expect(health.events.some((e) => e.reason === 'FailedScheduling')).toBe(true);

    // a fix through upgrade turns it green
    const fixed = await w.service.upgrade({
      target: w.target,
      release: 'hungry',
      namespace: ns,
      chart: { path: chart },
      values: { cpu: '100m' },
      wait: true,
      timeoutSeconds: 60,
    });
    expect(fixed.health?.health).toBe('green');
    expect(fixed.release).toMatchObject({ revision: 2, status: 'deployed' });
  });

  it('keeps objects marked helm.sh/resource-policy: keep on uninstall and prunes dropped objects on upgrade', async () => {
    const ns = uniqueName('keeper');
    const files = (withExtra: boolean) => ({
      'Chart.yaml': chartYaml('keeper'),
      'templates/config.yaml': [
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept-data\n  annotations:\n    helm.sh/resource-policy: keep\ndata:\n  a: "1"',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  b: "2"',
        ...(withExtra ? ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  c: "3"'] : []),
      ].join('\n---\n'),
      'templates/deploy.yaml': deployment('keeper'),
    });
    await w.service.install({
      target: w.target,
      release: 'keeper',
      namespace: ns,
      createNamespace: true,
      chart: { path: chartPackage(w.work, 'keeper', files(true)) },
      wait: true,
      timeoutSeconds: 60,
    });
    await w.service.upgrade({ target: w.target, release: 'keeper', namespace: ns, chart: { path: chartPackage(w.work, 'keeper', files(false)) } });
    expect(
      kubectl(w.harness, ['get', 'configmap', '-n', ns, '-o', 'name'])
        .split('\n')
        .filter((l) => l.includes('configmap/') && !l.includes('kube-root-ca'))
        .sort(),
    ).toEqual(['configmap/kept-data', 'configmap/plain']);

    const out = await w.service.uninstall({ target: w.target, release: 'keeper', namespace: ns });
    expect(out.kept).toEqual([`ConfigMap ${ns}/kept-data`]);
    expect(out.deleted).toEqual([`Deployment ${ns}/keeper`, `ConfigMap ${ns}/plain`]);
    expect(kubectl(w.harness, ['get', 'configmap', 'kept-data', '-n', ns, '-o', 'jsonpath={.data.a}'])).toBe('1');
    expect(await w.service.list({ target: w.target, namespace: ns })).toEqual([]);
  });

  it('runs hooks in weight order and honours their delete policies', async () => {
    const ns = uniqueName('hooks');
    const job = (name: string, weight: string, policy: string) =>
      stringify({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name, annotations: { 'helm.sh/hook': 'pre-install', 'helm.sh/hook-weight': weight, 'helm.sh/hook-delete-policy': policy } },
        spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'example/migrate:1' }] } } },
      });
    const chart = chartPackage(w.work, 'hooked', {
      'Chart.yaml': chartYaml('hooked'),
      'templates/a-migrate.yaml': job('migrate', '-1', 'before-hook-creation'),
      'templates/b-cleanup.yaml': job('seed', '5', 'hook-succeeded'),
      'templates/deploy.yaml': deployment('hooked'),
    });
    const out = await w.service.install({
      target: w.target,
      release: 'hooked',
      namespace: ns,
      createNamespace: true,
      chart: { path: chart },
      wait: true,
      timeoutSeconds: 90,
    });
    expect(out.release.status).toBe('deployed');
    const jobs = kubectl(w.harness, ['get', 'jobs', '-n', ns, '-o', 'name']).trim().split('\n');
    expect(jobs).toEqual(['job.batch/migrate']);
    const status = await w.helm(['status', 'hooked', '-n', ns, '-o', 'json']);
    const hooks = (JSON.parse(status.stdout).hooks as { name: string; last_run: { phase: string } }[]).map((h) => [h.name, h.last_run.phase]);
    expect(hooks).toEqual([
      ['migrate', 'Succeeded'],
      ['seed', 'Succeeded'],
    ]);
  });

  it("installs the chart's CRDs first, so its custom resources apply, and leaves them on uninstall", async () => {
    const ns = uniqueName('crd');
    const group = `${ns}.example.com`;
    const crd = stringify({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `widgets.${group}` },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } },
          },
        ],
      },
    });
    const chart = chartPackage(w.work, 'widgets', {
      'Chart.yaml': chartYaml('widgets'),
      'crds/widget.yaml': crd,
      'templates/widget.yaml': `apiVersion: ${group}/v1\nkind: Widget\nmetadata:\n  name: first\nspec:\n  size: 3\n`,
    });
    const out = await w.service.install({ target: w.target, release: 'widgets', namespace: ns, createNamespace: true, chart: { path: chart } });
    expect(out.release.status).toBe('deployed');
    expect(kubectl(w.harness, ['get', `widgets.${group}`, 'first', '-n', ns, '-o', 'jsonpath={.spec.size}'])).toBe('3');
    const gone = await w.service.uninstall({ target: w.target, release: 'widgets', namespace: ns });
    expect(gone.deleted).toEqual([`Widget ${ns}/first`]);
    expect(kubectl(w.harness, ['get', 'crd', `widgets.${group}`, '-o', 'name'])).toBe(`customresourcedefinition.apiextensions.k8s.io/widgets.${group}\n`);
    kubectl(w.harness, ['delete', 'crd', `widgets.${group}`]);
  });

  it('pushes live status while a release is watched', async () => {
    const ns = uniqueName('watch');
    const chart = chartPackage(w.work, 'watched', { 'Chart.yaml': chartYaml('watched'), 'templates/deploy.yaml': deployment('watched') });
    await w.service.install({
      target: w.target,
      release: 'watched',
      namespace: ns,
      createNamespace: true,
      chart: { path: chart },
      wait: true,
      timeoutSeconds: 60,
    });
    const first = await w.service.watch({ target: w.target, namespace: ns, release: 'watched' });
    expect(first.workloads).toEqual([expect.objectContaining({ name: 'watched', desired: 2, ready: 2 })]);
    kubectl(w.harness, ['scale', 'deployment', 'watched', '-n', ns, '--replicas', '4']);
    const deadline = Date.now() + 30_000;
    let seen;
    while (Date.now() < deadline && !seen) {
      seen = w.statuses.find((h) => h.namespace === ns && h.workloads.some((x) => x.desired === 4 && x.ready === 4));
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(w.service.unwatch(ns, 'watched').watching).toBe(0);
    expect(seen?.health).toBe('green');
    expect(seen?.pods).toHaveLength(4);
  });

  it('reaches the cluster with a client certificate and with an exec credential plugin', async () => {
    const viaCert = await w.service.cluster({ kubeconfig: w.harness.kubeconfig, context: w.harness.certContext });
    expect(viaCert.version).toBe(w.harness.version);
    expect(viaCert.namespaces).toContain('kube-system');

    const plugin = join(w.work, 'token-plugin.sh');
    writeFileSync(
      plugin,
      `#!/bin/sh\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$(cat ${join(w.work, 'token')})"\n`,
    );
    chmodSync(plugin, 0o755);
    writeFileSync(join(w.work, 'token'), harnessToken());
    const kubeconfig = join(w.work, 'exec-kubeconfig.yaml');
    writeFileSync(
      kubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'exec',
        clusters: [{ name: 'h', cluster: { server: w.harness.server, 'certificate-authority-data': Buffer.from(harnessCA()).toString('base64') } }],
        users: [{ name: 'e', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: './token-plugin.sh', interactiveMode: 'Never' } } }],
        contexts: [{ name: 'exec', context: { cluster: 'h', user: 'e', namespace: 'kube-public' } }],
      }),
    );
    const contexts = w.service.kubeconfig({ kubeconfig });
    expect(contexts.contexts).toEqual([expect.objectContaining({ name: 'exec', auth: 'exec', namespace: 'kube-public', current: true })]);
    const viaExec = await w.service.cluster({ kubeconfig });
    expect(viaExec.namespaces).toContain('default');

    // a plugin handing out a token the cluster does not know is refused plainly
    writeFileSync(join(w.work, 'token'), 'not-a-valid-token');
    const fresh = await new DeployService({ engine: testEngine() }).cluster({ kubeconfig }).catch((e: unknown) => e);
    expect(fresh).toBeInstanceOf(BerthFailure);
    expect((fresh as BerthFailure).code).toBe('cluster.unreachable');
    expect((fresh as BerthFailure).message).toMatch(/did not accept the credentials of context “exec”/);
  });

  it('says plainly when nothing listens at the cluster address', async () => {
    const kubeconfig = join(w.work, 'dead-kubeconfig.yaml');
    writeFileSync(
      kubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'dead',
        clusters: [{ name: 'd', cluster: { server: 'https://127.0.0.1:1' } }],
        users: [{ name: 'u', user: { token: 'x' } }],
        contexts: [{ name: 'dead', context: { cluster: 'd', user: 'u' } }],
      }),
    );
    const e = await w.service.cluster({ kubeconfig }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BerthFailure);
    expect((e as BerthFailure).message).toBe(
      'Berth could not reach the cluster at https://127.0.0.1:1 (context “dead”): nothing is listening there; is the cluster running?',
    );
  });
});
