/**
 * Two paths the seed workflow does not take: an app created from a chart folder (packaged on
 * the fly by Helm's own `helm package`), and a sync while the shared store is unreachable.
 */
import { execFileSync } from 'node:child_process';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfNeeded, fixturesDir, removeDir, startBerth, tempDir, type RunningBerth } from './harness/berth';
import { openBrowser, screenshot, type OpenBrowser } from './harness/browser';
import { openWorkspace, selectTab } from './harness/ui';

describe('a chart folder and an unreachable store', () => {
  const storeDir = tempDir('store');
  const chartDir = tempDir('chart');
  let berth: RunningBerth;
  let browser: OpenBrowser;

  beforeAll(async () => {
    buildIfNeeded();
    execFileSync('tar', ['xzf', join(fixturesDir, 'emqx-v4.0.2.tgz'), '-C', chartDir]);
    berth = await startBerth();
    browser = await openBrowser(berth.url);
    browser.page.setDefaultTimeout(30_000);
  });

  afterAll(async () => {
    await browser?.close();
    await berth?.stop();
    if (berth) removeDir(berth.dataDir);
    removeDir(chartDir);
    removeDir(storeDir);
    removeDir(`${storeDir}-moved`);
  });

  it('creates an app from a chart folder, packaged on the fly and checked before saving', async () => {
    const { page } = browser;
    await page.getByLabel('Catalog name').fill('Folder test');
    await page.getByLabel('Folder').first().fill(storeDir);
    await page.getByTestId('create-catalog').click();
    await openWorkspace(page, 'admin');
    await selectTab(page, 'Workspaces');
    await page.getByTestId('new-workspace').fill('team');
    await page.getByTestId('create-workspace').click();
    await page.locator('[data-workspace="team"]').getByText('ISV', { exact: true }).waitFor();

    await openWorkspace(page, 'my-apps');
    await page.getByTestId('create-app').click();
    await page.getByTestId('chart-folder-input').setInputFiles(join(chartDir, 'emqx'));
    // the packaged file is named by the chart, as helm package names it
    await page.getByText('emqx-v4.0.2.tgz').waitFor({ timeout: 120_000 });
    await page.locator('[data-testid="advisory-findings"], [data-testid="chart-valid"]').first().waitFor();
    await page.getByTestId('confirm-create-app').click();
    await page.getByRole('heading', { level: 1, name: 'emqx' }).waitFor();
    await page.locator('[data-version="v4.0.2"]').getByText('Draft').waitFor();
  });

  it('rejects with a required reason, and the ISV sees the reason next to the version', async () => {
    const { page } = browser;
    const row = page.locator('[data-version="v4.0.2"]');
    await row.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByRole('textbox', { name: 'Changelog' }).fill('EMQ X 4.0.2.');
    await page.getByRole('checkbox', { name: /Submit without a test deploy/ }).check();
    await page.getByTestId('submit-version').click();
    await row.getByText('Waiting for review').waitFor();

    // the creator of the catalog is its admin, who may review too
    await openWorkspace(page, 'review');
    await page.getByTestId('review-queue').getByRole('link', { name: 'Review' }).click();
    await page.getByTestId('reject').click();
    expect(await page.getByTestId('confirm-decision').isDisabled()).toBe(true);
    // a disabled Reject says why next to it
    expect(await page.getByTestId('reject-why').innerText()).toBe('Write the reason first: the ISV reads it to know what to fix.');
    await page.getByTestId('decision-text').fill('Set resource requests for the StatefulSet.');
    await page.getByTestId('confirm-decision').click();
    await page.getByText(/was rejected/).waitFor();

    await openWorkspace(page, 'my-apps');
    await page.getByRole('link', { name: 'emqx' }).click();
    await row.getByText('Rejected', { exact: true }).waitFor();
    expect(await row.getByTestId('reject-reason').innerText()).toBe('Set resource requests for the StatefulSet.');
    await screenshot(page, 'my-apps-rejected-en');
  });

  it('says plainly when the shared store is unreachable, and keeps the changes', async () => {
    const { page } = browser;
    renameSync(storeDir, `${storeDir}-moved`);
    await page.getByTestId('sync-indicator').click();
    await page.getByText('The shared store is unreachable').first().waitFor();
    await page.getByText('Your changes are kept on this computer').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="sync-indicator"]')?.getAttribute('data-sync-state') !== 'syncing');
    expect(['offline', 'error']).toContain(await page.getByTestId('sync-indicator').getAttribute('data-sync-state'));
    await screenshot(page, 'sync-offline-en');

    renameSync(`${storeDir}-moved`, storeDir);
    await page.getByTestId('sync-indicator').click();
    await page.locator('[data-testid="sync-indicator"][data-sync-state="synced"]').waitFor();
  });
});
