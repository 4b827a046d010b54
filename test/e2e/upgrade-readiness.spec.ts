/**
 * Instances → "Ready for a cluster upgrade?" in real Chromium on the Kubernetes harness: a
 * release whose record still says policy/v1beta1 (as a 1.24 cluster left it) is listed for 1.25,
 * repaired from the page, and the real `helm upgrade` that failed before now succeeds.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectForRecords } from '../../src-main/deploy/cluster';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS, ensureCluster, type Harness } from '../cluster/harness';
import { runHelm, type HelmRun } from '../services/helm';
import { chartPackage, kubectl, uniqueName } from '../unit/deploy/cluster-fixtures';
import { api, go, switchLanguage } from './harness/api';
import { buildIfNeeded, removeDir, startBerth, type RunningBerth } from './harness/berth';
import { openBrowser, screenshot, type OpenBrowser } from './harness/browser';
import { settle } from './harness/ui';

const PDB =
  'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: ledger\n';

describe('cluster-upgrade readiness on the Instances page', () => {
  const work = mkdtempSync(join(tmpdir(), 'berth-e2e-readiness-'));
  const ns = uniqueName('ready');
  let cluster: Harness;
  let berth: RunningBerth;
  let browser: OpenBrowser;
  const helm = (args: string[]): Promise<HelmRun> =>
    runHelm([...args, '--kubeconfig', cluster.kubeconfig, '--kube-context', cluster.tokenContext], join(work, 'helm-home'));

  beforeAll(async () => {
    buildIfNeeded();
    cluster = await ensureCluster();
    berth = await startBerth({ env: { KUBECONFIG: cluster.kubeconfig } });
    await api(berth, 'catalog.init', { name: 'Readiness', store: { kind: 'folder', path: join(work, 'store') } });
    browser = await openBrowser(berth.url, { width: 1400, height: 960 });
    browser.page.setDefaultTimeout(60_000);
  }, CLUSTER_START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    if (berth) {
      await berth.stop();
      removeDir(berth.dataDir);
    }
    if (cluster) kubectl(cluster, ['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
    removeDir(work);
  });

  it('lists the release for 1.25, repairs its record, and helm upgrade works again', { timeout: CLUSTER_TEST_TIMEOUT_MS }, async () => {
    const chart = chartPackage(work, 'ledger', { 'Chart.yaml': 'apiVersion: v2\nname: ledger\nversion: 1.0.0\n', 'templates/pdb.yaml': PDB });
    expect((await helm(['install', 'ledger', chart, '-n', ns, '--create-namespace'])).status).toBe(0);
    const { releases } = connectForRecords({ kubeconfig: cluster.kubeconfig, context: cluster.tokenContext });
    const stored = (await releases.latest('ledger', ns))!;
    await releases.update({ ...stored.release, manifest: stored.release.manifest!.replace('apiVersion: policy/v1\n', 'apiVersion: policy/v1beta1\n') }, {});
    expect((await helm(['upgrade', 'ledger', chart, '-n', ns])).stderr).toContain('unable to build kubernetes objects from current release manifest');

    const page = browser.page;
    await go(page, '#/instances');
    await page.getByTestId('cluster-version').waitFor();
    const card = page.getByTestId('upgrade-readiness');
    await card.getByTestId('upgrade-kube-version').fill('1.25');
    await card.getByTestId('upgrade-check').click();
    const row = card.locator(`[data-finding="${ns}/ledger"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('PodDisruptionBudget/ledger: policy/v1beta1 (removed in 1.25) becomes policy/v1');
    await settle(page);
    await screenshot(page, 'upgrade-readiness-en');
    await switchLanguage(berth, page, 'zh-CN');
    await expect.poll(() => row.innerText()).toContain('将改为 policy/v1');
    await switchLanguage(berth, page, 'en');
    await row.getByRole('button', { name: 'Repair record' }).click();
    await row.getByText('Repaired', { exact: true }).waitFor();

    const after = await helm(['upgrade', 'ledger', chart, '-n', ns]);
    expect(after.status, after.stderr).toBe(0);
    expect((await helm(['history', 'ledger', '-n', ns, '-o', 'json'])).stdout).toContain(
      'Kubernetes deprecated API upgrade - DO NOT rollback from this version',
    );
  });
});
