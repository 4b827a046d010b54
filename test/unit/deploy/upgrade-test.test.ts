/**
 * The upgrade test (as `ct install --upgrade`) on the harness: the app's previous active version
 * is installed, upgraded to the version under test, its tests run, and the outcome is recorded
 * on the tested version — then the report shows it. helm reads the release's history.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDeployRecord } from '../../../shared/types/review-tools';
import { buildReport } from '../../../src-main/review/build-report';
import { DeployService, type TestDeployOutcome } from '../../../src-main/deploy/service';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS } from '../../cluster/harness';
import { testEngine } from '../../services/engine';
import { chartPackage, deleteNamespaces, deployWorld, namesGiven, uniqueName, type DeployWorld } from './cluster-fixtures';

let w: DeployWorld;
// the releases' running pods would fill the harness's nodes for every later test
afterAll(() => deleteNamespaces(w?.harness, namesGiven()));
beforeAll(async () => {
  w = await deployWorld();
}, CLUSTER_START_TIMEOUT_MS);

function web(version: string, extra: Record<string, string> = {}): Buffer {
  return readFileSync(
    chartPackage(w.work, 'web', {
      'Chart.yaml': `apiVersion: v2\nname: web\nversion: ${version}\n`,
      'values.yaml': 'greeting: hello\n',
      'templates/configmap.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-web\ndata:\n  greeting: {{ .Values.greeting | quote }}\n  version: "${version}"\n`,
      ...extra,
    }),
  );
}

const failingTest = {
  'templates/tests/test.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-test\n  annotations:\n    helm.sh/hook: test\n    berth.test/outcome: fail\n' +
    "spec:\n  restartPolicy: Never\n  containers:\n  - name: t\n    image: busybox:1.36\n    command: ['true']\n",
};

describe('upgrade test (ct install --upgrade) on the harness', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it('installs the previous active version, upgrades to the tested one, and records it for the report', async () => {
    const packages: Record<string, Buffer> = { ver_010: web('0.1.0'), ver_020: web('0.2.0'), ver_030: web('0.3.0', failingTest) };
    const records: TestDeployOutcome[] = [];
    const service = new DeployService({
      engine: testEngine(),
      catalogPackage: async (v) => packages[v],
      previousActiveVersion: async () => ({ id: 'ver_010', name: '0.1.0' }),
      recordTestDeploy: async (r) => records.push(r),
    });
    try {
      const ns = uniqueName('upgrade');
      const ok = await service.upgradeTest({ target: w.target, release: 'web', namespace: ns, createNamespace: true, version: 'ver_020', timeoutSeconds: 60 });
      expect(ok).toMatchObject({ from: 'ver_010', fromName: '0.1.0', outcome: 'passed' });
      expect(records.at(-1)).toMatchObject({
        version: 'ver_020',
        release: 'web',
        namespace: ns,
        outcome: 'running',
        upgradeFrom: { version: 'ver_010', name: '0.1.0', outcome: 'passed' },
      });
      // helm sees the install of 0.1.0 superseded by the upgrade to 0.2.0
      const history = JSON.parse((await w.helm(['history', 'web', '-n', ns, '-o', 'json'])).stdout) as { revision: number; status: string; chart: string }[];
      expect(history.map((h) => [h.revision, h.status, h.chart])).toEqual([
        [1, 'superseded', 'web-0.1.0'],
        [2, 'deployed', 'web-0.2.0'],
      ]);

      // a version whose test fails after the upgrade: recorded as a failed upgrade test
      const ns2 = uniqueName('upgrade');
      const bad = await service.upgradeTest({
        target: w.target,
        release: 'web',
        namespace: ns2,
        createNamespace: true,
        version: 'ver_030',
        timeoutSeconds: 60,
      });
      expect(bad.outcome).toBe('failed');
      expect(bad.message).toBe(
        `The chart’s tests failed after the upgrade: resource Pod/${ns2}/web-test not ready. status: Failed, message: pod web-test failed`,
      );
      expect(records.at(-1)?.upgradeFrom).toEqual({ version: 'ver_010', name: '0.1.0', outcome: 'failed', message: bad.message });

      // the report's row, from the recorded upgrade test
      const at = new Date().toISOString();
      const row = async (r: TestDeployOutcome) => {
        const upgradeTest: TestDeployRecord = { ...r, at };
        const report = await buildReport(
          { app: 'a', version: r.version, versionName: 'x', package: packages[r.version], builtBy: 'b'.repeat(64), kubeVersions: ['1.33'], upgradeTest },
          {},
        );
        return report.checks.find((c) => c.id === 'upgrade-test');
      };
      expect(await row(records[records.length - 2])).toMatchObject({
        status: 'pass',
        summary: `Upgrading from 0.1.0 to this version on the test cluster (release web in namespace ${ns}) succeeded.`,
      });
      expect(await row(records[records.length - 1])).toMatchObject({
        status: 'fail',
        summarySay: { key: 'report.upgradeTestFailedWhy' },
        findings: [{ rule: 'upgrade.test' }],
      });
    } finally {
      service.close();
    }
  });

  it('says so when there is no earlier active version', async () => {
    const service = new DeployService({ engine: testEngine(), previousActiveVersion: async () => undefined });
    await expect(service.upgradeTest({ target: w.target, release: 'web', namespace: 'default', version: 'ver_x' })).rejects.toThrow(
      'This app has no earlier active version to upgrade from.',
    );
    service.close();
  });
});
