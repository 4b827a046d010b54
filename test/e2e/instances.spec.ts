/**
 * The instances page and upgrades that keep overrides, in real Chromium against the Kubernetes
 * harness (test/cluster) and the real helm: helm installs EMQX 1.0.0-rc.1 with a changed value
 * and Berth's instances page shows it; Berth upgrades it to 4.0.2 from the store, carrying the
 * changed value across a renamed key (the conflict shown and settled), with the manifest
 * preview before applying and the rollout followed to green; then rolls it back and
 * uninstalls it. helm history / helm list confirm each step.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS, ensureCluster, type Harness } from '../cluster/harness';
import { runHelm, type HelmRun } from '../services/helm';
import { chartPackage, deleteNamespaces, kubectl, migratedChart } from '../unit/deploy/cluster-fixtures';
import { api, base64, keepScreenshot, switchLanguage } from './harness/api';
import { buildIfNeeded, fixturesDir, removeDir, startBerth, tempDir, type RunningBerth } from './harness/berth';
import { openBrowser, type OpenBrowser } from './harness/browser';
import { stopAfterFirstFailure } from './harness/team';
import { selectTab } from './harness/ui';

const namespace = `emqx-inst-${Date.now().toString(36)}`;
const keepNamespace = `keep-inst-${Date.now().toString(36)}`;
const DOC_SHOTS = ['instances-list-zh-CN', 'instances-history-en', 'upgrade-conflict-en', 'upgrade-preview-en', 'upgrade-green-en'];

/** Saves a screenshot under test-results/screenshots; the ones docs/ui.md shows are copied to docs/screenshots/<name>.png. */
const keep = (page: Page, name: string) => keepScreenshot(page, name, DOC_SHOTS);

describe('instances and upgrades on the Kubernetes harness (helm installs, Berth upgrades, rolls back, uninstalls)', () => {
  const storeDir = tempDir('instances-store');
  const work = mkdtempSync(join(tmpdir(), 'berth-e2e-instances-'));
  let cluster: Harness;
  let berth: RunningBerth;
  let browser: OpenBrowser;
  let page: Page;
  let rc1 = '';
  const helm = (args: string[]): Promise<HelmRun> =>
    runHelm([...args, '--kubeconfig', cluster.kubeconfig, '--kube-context', cluster.tokenContext], join(work, 'helm-home'));
  const history = async () =>
    (
      JSON.parse((await helm(['history', 'emqx', '-n', namespace, '-o', 'json'])).stdout) as {
        revision: number;
        status: string;
        chart: string;
        description: string;
      }[]
    ).map((r) => [r.revision, r.status, r.chart, r.description]);

  beforeAll(async () => {
    buildIfNeeded();
    cluster = await ensureCluster();
    berth = await startBerth({ env: { KUBECONFIG: cluster.kubeconfig } });
    // the store holds both EMQX versions with the API-migration fix applied (what the ISV's quick fix does)
    rc1 = migratedChart(join(fixturesDir, 'emqx-v1.0.0-rc.1.tgz'), work);
    const v402 = migratedChart(join(fixturesDir, 'emqx-v4.0.2.tgz'), work);
    await api(berth, 'identity.rename', { displayName: 'Iris' });
    await api(berth, 'catalog.init', { name: 'Demo', store: { kind: 'folder', path: storeDir } });
    const ws = await api(berth, 'workspace.create', { name: 'demo-workspace' });
    const app = await api(berth, 'app.create', { workspace: ws.id, chart: base64(rc1) });
    const versions = [app.versions[0].id, (await api(berth, 'version.add', { app: app.id, chart: base64(v402) })).id];
    for (const version of versions) {
      await api(berth, 'version.submit', { version, changelog: 'EMQX for the store.' });
      await api(berth, 'version.approve', { version });
      await api(berth, 'version.release', { version });
    }
    browser = await openBrowser(berth.url, { width: 1400, height: 960 });
    page = browser.page;
    page.setDefaultTimeout(60_000);
  }, CLUSTER_START_TIMEOUT_MS);

  stopAfterFirstFailure(() => [[page, 'instances-failure']]);

  afterAll(async () => {
    await browser?.close();
    if (berth) {
      await berth.stop();
      removeDir(berth.dataDir);
    }
    removeDir(storeDir);
    deleteNamespaces(cluster, [namespace, keepNamespace]);
    removeDir(work);
  });

  it(
    '(a) shows a release the real helm installed, across namespaces, with its status, chart and app version',
    { timeout: CLUSTER_TEST_TIMEOUT_MS },
    async () => {
      const install = await helm(['install', 'emqx', rc1, '-n', namespace, '--create-namespace', '--set', `namespace=${namespace}`, '--set', 'replicas=2']);
      expect(install.status, install.stderr).toBe(0);

      await page.locator('nav a[data-workspace="instances"]').click();
      await page.getByRole('heading', { name: 'Instances', level: 1 }).waitFor();
      const row = page.locator(`[data-release="${namespace}/emqx"]`);
      await row.waitFor();
      expect(await row.getByTestId('release-status').getAttribute('data-status')).toBe('deployed');
      await row.getByText('Helm', { exact: true }).waitFor();
      expect(await row.textContent()).toContain('emqx');
      expect(await row.textContent()).toContain('v1.0.0-rc.1');
      await page.getByTestId('cluster-version').waitFor();
      // the harness holds other tests' releases too
      await page.getByRole('textbox', { name: 'Filter by name, namespace or chart' }).fill('emqx');
      await keep(page, 'instances-list-en');
      await switchLanguage(berth, page, 'zh-CN');
      await page.getByRole('heading', { name: '实例', level: 1 }).waitFor();
      await keep(page, 'instances-list-zh-CN');
      await switchLanguage(berth, page, 'en');

      await row.getByRole('link', { name: 'emqx' }).click();
      await page.getByRole('heading', { name: 'emqx', level: 1 }).waitFor();
      // live health from deploy.watch: the two pods helm created become ready
      await page.locator('[data-testid="release-health"] [data-health="green"]').waitFor({ timeout: CLUSTER_TEST_TIMEOUT_MS - 60_000 });
      // helm wrote no catalog labels: the store app is found by the chart's name
      await page.getByText('chart found in the store as emqx').waitFor();
      await keep(page, 'instances-detail-en');
    },
  );

  it(
    '(b) upgrades to 4.0.2 from the store: the renamed replicas setting is settled, the manifest change previewed, the rollout green',
    { timeout: CLUSTER_TEST_TIMEOUT_MS },
    async () => {
      await page.getByTestId('upgrade').click();
      await page.getByRole('menuitem', { name: /v4\.0\.2/ }).click();
      const wizard = page.getByRole('dialog');
      const conflict = wizard.locator('[data-conflict="renamed:replicas"]');
      await conflict.getByText('replicas seems to have become replicaCount in the new version.').waitFor();
      await conflict.getByRole('radio', { name: 'Move my value to replicaCount' }).check();
      await keep(page, 'upgrade-conflict-en');
      await wizard.getByTestId('settle').click();

      const yaml = wizard.getByTestId('values-yaml');
      await expect.poll(() => yaml.inputValue()).toContain('replicaCount: 2');
      expect(await yaml.inputValue()).not.toMatch(/^replicas:/m);
      await wizard.getByTestId('preview-upgrade').click();
      const sts = wizard.locator(`[data-resource="StatefulSet ${namespace}/emqx"]`);
      await sts.waitFor();
      expect(await sts.getAttribute('data-change')).toBe('changed');
      expect(await sts.textContent()).toContain('+    helm.sh/chart: emqx-v4.0.2');
      await keep(page, 'upgrade-preview-en');

      await wizard.getByTestId('apply-upgrade').click();
      const outcome = wizard.locator('[data-testid="upgrade-outcome"]');
      await outcome.and(page.locator('[data-state="green"]')).waitFor({ timeout: CLUSTER_TEST_TIMEOUT_MS - 60_000 });
      await keep(page, 'upgrade-green-en');
      await wizard.getByTestId('close-upgrade').click();

      expect(await history()).toEqual([
        [1, 'superseded', 'emqx-v1.0.0-rc.1', 'Install complete'],
        [2, 'deployed', 'emqx-v4.0.2', 'Upgrade complete'],
      ]);
      const values = JSON.parse((await helm(['get', 'values', 'emqx', '-n', namespace, '-o', 'json'])).stdout) as Record<string, unknown>;
      expect(values.replicaCount).toBe(2);
      expect(values).not.toHaveProperty('replicas');
    },
  );

  it('(c) compares the values of two revisions and rolls back to revision 1', { timeout: CLUSTER_TEST_TIMEOUT_MS }, async () => {
    await selectTab(page, 'History');
    const table = page.getByTestId('revision-history');
    await table.locator('[data-revision="2"]').getByTestId('release-status').and(page.locator('[data-status="deployed"]')).waitFor();
    await page.getByTestId('compare-a').click();
    await page.getByRole('option', { name: /^Revision 1 ·/ }).click();
    await page.getByTestId('compare-b').click();
    await page.getByRole('option', { name: /^Revision 2 ·/ }).click();
    const diff = page.getByTestId('revision-diff');
    await diff.locator('[data-path="replicaCount"]').getByText('added').waitFor();
    await diff.locator('[data-path="replicas"]').getByText('removed').waitFor();
    await table.locator('[data-revision="1"]').getByTestId('show-values').click();
    await page.locator('[data-testid="revision-values"][data-revision="1"]').getByText('replicas').first().waitFor();
    await keep(page, 'instances-history-en');
    await switchLanguage(berth, page, 'zh-CN');
    await page.getByText('比较两个修订版本的配置值').waitFor();
    await keep(page, 'instances-history-zh-CN');
    await switchLanguage(berth, page, 'en');

    await table.locator('[data-revision="1"]').getByTestId('rollback').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Roll back to 1' }).click();
    await page.getByText('emqx was rolled back to revision 1.').waitFor({ timeout: CLUSTER_TEST_TIMEOUT_MS - 60_000 });
    await table.locator('[data-revision="3"]').waitFor();
    expect(await history()).toEqual([
      [1, 'superseded', 'emqx-v1.0.0-rc.1', 'Install complete'],
      [2, 'superseded', 'emqx-v4.0.2', 'Upgrade complete'],
      [3, 'deployed', 'emqx-v1.0.0-rc.1', 'Rollback to 1'],
    ]);
  });

  it('(d) uninstalls after a confirmation that names the keep policy; helm no longer lists it', { timeout: CLUSTER_TEST_TIMEOUT_MS }, async () => {
    await page.getByTestId('uninstall').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('helm.sh/resource-policy: keep', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Uninstall' }).click();
    await page.getByText('emqx was uninstalled.').waitFor();
    await page.getByRole('heading', { name: 'Instances', level: 1 }).waitFor();
    await page.getByTestId('instances-table').or(page.getByText('No releases on this cluster yet')).first().waitFor();
    expect(await page.locator(`[data-release="${namespace}/emqx"]`).count()).toBe(0);
    const list = JSON.parse((await helm(['list', '-A', '-o', 'json'])).stdout) as { name: string; namespace: string }[];
    expect(list.filter((r) => r.namespace === namespace)).toEqual([]);
  });

  it('(e) names what stays after an uninstall because of helm.sh/resource-policy: keep', { timeout: CLUSTER_TEST_TIMEOUT_MS }, async () => {
    const chart = chartPackage(work, 'keeper', {
      'Chart.yaml': 'apiVersion: v2\nname: keeper\nversion: 0.1.0\n',
      'templates/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keeper-settings\ndata:\n  a: "1"\n',
      'templates/kept.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keeper-data\n  annotations:\n    helm.sh/resource-policy: keep\ndata:\n  b: "2"\n',
    });
    const install = await helm(['install', 'keeper', chart, '-n', keepNamespace, '--create-namespace']);
    expect(install.status, install.stderr).toBe(0);
    await page.getByTestId('refresh-instances').click();
    await page.getByRole('textbox', { name: 'Filter by name, namespace or chart' }).fill('keeper');
    await page.locator(`[data-release="${keepNamespace}/keeper"]`).getByRole('link', { name: 'keeper' }).click();
    await page.getByRole('heading', { name: 'keeper', level: 1 }).waitFor();
    // a chart the store does not hold has nothing to upgrade to, and says so
    expect(await page.getByTestId('upgrade').isDisabled()).toBe(true);
    await page.getByTestId('uninstall').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Uninstall' }).click();
    await page.getByText(`keeper was uninstalled. 1 resource stays because of its keep policy: ConfigMap ${keepNamespace}/keeper-data`).waitFor();
    expect(
      kubectl(cluster, ['get', 'configmap', '-n', keepNamespace, '-o', 'name'])
        .split('\n')
        .filter((l) => l.includes('keeper')),
    ).toEqual(['configmap/keeper-data']);
    const list = JSON.parse((await helm(['list', '-A', '-o', 'json'])).stdout) as { name: string; namespace: string }[];
    expect(list.filter((r) => r.namespace === keepNamespace)).toEqual([]);
  });
});
