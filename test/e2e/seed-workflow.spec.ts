/**
 * The seed workflow of MISSION.md, clicked through the UI by two people on two machines
 * (two browser-mode instances with their own data dirs) sharing one folder store:
 * Ivy is the ISV (and the catalog's admin), Rex the reviewer.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfNeeded, fixturesDir, removeDir, startBerth, tempDir, type RunningBerth } from './harness/berth';
import { screenshot, type OpenBrowser } from './harness/browser';
import { openBrowsers, stopAfterFirstFailure, stopBerths } from './harness/team';
import { chooseFile, openWorkspace, selectTab, settle, shootBothLanguages, syncNow } from './harness/ui';

const chart1 = join(fixturesDir, 'emqx-v1.0.0-rc.1.tgz');
const chart2 = join(fixturesDir, 'emqx-v4.0.2.tgz');
const icon = join(fixturesDir, 'emqx-logo.png');
const dashboard = join(fixturesDir, 'emq-dashboard.png');

describe('the seed workflow through the UI (ISV and reviewer, one folder store)', () => {
  const storeDir = tempDir('store');
  let isvBerth: RunningBerth;
  let reviewerBerth: RunningBerth;
  let isvBrowser: OpenBrowser;
  let reviewerBrowser: OpenBrowser;
  let isv: Page;
  let reviewer: Page;

  beforeAll(async () => {
    buildIfNeeded();
    [isvBerth, reviewerBerth] = await Promise.all([startBerth(), startBerth()]);
    [isvBrowser, reviewerBrowser] = await openBrowsers([isvBerth.url, reviewerBerth.url], { width: 1280, height: 800 }, 30_000);
    isv = isvBrowser.page;
    reviewer = reviewerBrowser.page;
  });

  stopAfterFirstFailure(() => [
    [isv, 'failure-isv'],
    [reviewer, 'failure-reviewer'],
  ]);

  afterAll(async () => {
    await isvBrowser?.close();
    await reviewerBrowser?.close();
    await stopBerths([isvBerth, reviewerBerth]);
    removeDir(storeDir);
  });

  it('1. sets up the roles: Ivy creates the catalog and demo-workspace, Rex joins and becomes reviewer', async () => {
    await isv.getByRole('heading', { name: 'Welcome to Berth' }).waitFor();
    await shootBothLanguages(isv, 'welcome');
    await isv.getByLabel('Your name').fill('Ivy');
    await isv.getByLabel('Catalog name').fill('Demo catalog');
    await isv.getByLabel('Folder').first().fill(storeDir);
    await isv.getByTestId('create-catalog').click();
    await isv.getByTestId('sync-indicator').waitFor();

    await openWorkspace(isv, 'admin');
    await selectTab(isv, 'Workspaces');
    await isv.getByTestId('new-workspace').fill('demo-workspace');
    await isv.getByTestId('create-workspace').click();
    // whoever creates a workspace is its first ISV
    const workspaceCard = isv.locator('[data-workspace="demo-workspace"]');
    await workspaceCard.getByText('ISV', { exact: true }).waitFor();
    await syncNow(isv);

    await reviewer.getByLabel('Your name').fill('Rex');
    await reviewer.getByTestId('join-catalog').scrollIntoViewIfNeeded();
    await reviewer.getByRole('textbox', { name: 'Folder' }).last().fill(storeDir);
    await reviewer.getByTestId('join-catalog').click();
    await reviewer.getByTestId('sync-indicator').waitFor();
    await syncNow(reviewer);

    await syncNow(isv);
    await selectTab(isv, 'Members & roles');
    const reviewerRole = isv.getByRole('checkbox', { name: 'Reviewer role for Rex' });
    await reviewerRole.click();
    await expect.poll(() => reviewerRole.isChecked(), { timeout: 30_000 }).toBe(true);
    await syncNow(isv);
    await syncNow(reviewer);
    await reviewer.locator('nav a[data-workspace="review"]').waitFor();
  });

  it('2–3. Ivy uploads emqx-v1.0.0-rc.1.tgz, the icon and a screenshot, and edits the app info', async () => {
    await openWorkspace(isv, 'my-apps');
    await isv.getByTestId('create-app').click();
    await isv.getByTestId('chart-archive-input').setInputFiles(chart1);
    await isv.getByText('emqx-v1.0.0-rc.1.tgz').waitFor({ timeout: 120_000 });
    // the chart checks are shown before anything is saved
    await isv.locator('[data-testid="findings"], [data-testid="chart-valid"]').first().waitFor();
    await screenshot(isv, 'my-apps-create-en');
    await isv.getByTestId('confirm-create-app').click();
    await isv.getByRole('heading', { level: 1, name: 'emqx' }).waitFor();
    await isv.locator('[data-version="v1.0.0-rc.1"]').getByText('Draft').waitFor();

    await selectTab(isv, 'App information');
    await chooseFile(isv, isv.getByTestId('upload-icon'), icon);
    await isv.getByTestId('upload-icon').getByText('Replace icon').waitFor();
    await chooseFile(isv, isv.getByTestId('upload-screenshot'), dashboard);
    await isv.getByRole('button', { name: 'Open screenshot 1' }).waitFor();
    await isv.getByLabel('Short description').fill('EMQ X: a scalable MQTT broker for IoT, M2M and mobile apps.');
    await isv.getByLabel('Home page').fill('https://www.emqx.io');
    await isv.getByRole('textbox', { name: 'Introduction' }).fill('# EMQ X\n\nEMQ X is a **massively scalable** MQTT broker.\n\n- MQTT 3.1.1 and 5.0\n- Clustering\n\n![remote](https://example.com/banner.png)');
    await isv.getByTestId('save-info').click();
    await isv.getByText('The app information was saved.').waitFor();
    await selectTab(isv, 'Preview');
    const preview = isv.getByLabel('Preview of Introduction');
    await preview.getByText('massively scalable').waitFor();
    // the remote image is not loaded, and the user is told why
    expect(await isv.locator('img[src^="https://"]').count()).toBe(0);
    await isv.getByText(/image from the internet was not loaded/).waitFor();
    await selectTab(isv, 'Write');
    await shootBothLanguages(isv, 'my-apps-app-info');
  });

  it('5. Ivy submits v1.0.0-rc.1 for review with a changelog', async () => {
    await isv.getByRole('tab', { name: /Versions/ }).click();
    await isv.locator('[data-version="v1.0.0-rc.1"]').getByRole('button', { name: 'Submit for review' }).click();
    // an empty changelog is refused next to the field, before any check runs
    await isv.getByTestId('submit-version').click();
    await isv.getByText('Write what changed in this version').waitFor();
    await isv.getByRole('textbox', { name: 'Changelog' }).fill('First release of the EMQ X chart.\n\n- StatefulSet with 3 replicas');
    // no test deploy is recorded: the dialog says so, and submitting states it instead of claiming one
    await isv.locator('[data-testid="recorded-test-deploy"][data-outcome="none"]').waitFor();
    await isv.getByRole('checkbox', { name: /Submit without a test deploy/ }).check();
    await isv.getByTestId('submit-version').click();
    await isv.locator('[data-version="v1.0.0-rc.1"]').getByText('Waiting for review').waitFor();
    await shootBothLanguages(isv, 'my-apps-versions');
    await syncNow(isv);
  });

  it('6. Rex inspects the app info, values.yaml and changelog, and approves', async () => {
    await syncNow(reviewer);
    await openWorkspace(reviewer, 'review');
    await reviewer.getByTestId('review-queue').getByText('emqx').waitFor();
    await shootBothLanguages(reviewer, 'review-queue');
    await reviewer.getByTestId('review-queue').getByRole('link', { name: 'Review' }).click();
    await reviewer.getByText('First release of the EMQ X chart.').waitFor();
    await selectTab(reviewer, 'Chart files');
    await reviewer.getByTestId('open-file').filter({ hasText: 'values.yaml' }).waitFor();
    await reviewer.getByText('emqxAddressType').first().waitFor();
    await shootBothLanguages(reviewer, 'review-files');
    await selectTab(reviewer, 'Rendered manifests');
    await reviewer.getByText(/manifests? rendered with the chart’s default values/).waitFor();
    await reviewer.getByText('StatefulSet', { exact: true }).first().waitFor();
    await shootBothLanguages(reviewer, 'review-manifests');
    await selectTab(reviewer, 'Checks');
    // helm lint and the review checks, by their stable ids: EMQ X 1.0 still uses rbac v1beta1
    await reviewer.locator('[data-check="helm-lint"]').waitFor({ timeout: 120_000 });
    expect(await reviewer.locator('[data-check="api.removed"]').getAttribute('data-status')).toBe('fail');
    await reviewer.locator('[data-check="lint"]').waitFor();
    await shootBothLanguages(reviewer, 'review-checks');
    await reviewer.getByTestId('approve').click();
    await reviewer.getByTestId('confirm-decision').click();
    await reviewer.getByText(/was approved/).waitFor();
    await syncNow(reviewer);
  });

  it('7. the admin creates the IoT category and Ivy files the app under it', async () => {
    await syncNow(isv);
    await openWorkspace(isv, 'admin');
    await selectTab(isv, 'Categories');
    for (const name of ['IoT', 'Big data', 'Message queue', 'Middleware']) {
      await isv.getByTestId('new-category').fill(name);
      await isv.getByTestId('create-category').click();
      await isv.locator(`tr[data-category="${name}"]`).waitFor();
    }
    await shootBothLanguages(isv, 'admin-categories');

    await openWorkspace(isv, 'my-apps');
    await isv.getByRole('link', { name: 'emqx' }).click();
    await selectTab(isv, 'App information');
    await isv.getByTestId('category-select').click();
    await isv.getByRole('option', { name: 'IoT' }).click();
    await isv.getByTestId('save-info').click();
    await isv.getByText('The app information was saved.').waitFor();
  });

  it('8. Ivy releases to the store and the store shows emqx under IoT', async () => {
    await isv.getByRole('tab', { name: /Versions/ }).click();
    await isv.locator('[data-version="v1.0.0-rc.1"]').getByRole('button', { name: 'Release to store' }).click();
    await isv.getByRole('dialog').getByRole('button', { name: 'Release to store' }).click();
    await isv.locator('[data-version="v1.0.0-rc.1"]').getByText('In store').waitFor();
    await syncNow(isv);

    await openWorkspace(isv, 'store');
    await isv.locator('button[data-category="IoT"]').click();
    const card = isv.locator('[data-app="emqx"]');
    await card.waitFor();
    expect(await card.getByTestId('latest-version').innerText()).toBe('v1.0.0-rc.1');
    await shootBothLanguages(isv, 'store');
    await card.click();
    await isv.getByRole('heading', { level: 1, name: 'emqx' }).waitFor();
    await settle(isv);
    await shootBothLanguages(isv, 'store-app');

    // Rex sees the same store after a sync
    await syncNow(reviewer);
    await openWorkspace(reviewer, 'store');
    await reviewer.locator('[data-app="emqx"]').waitFor();
  });

  it('9. Ivy adds emqx-v4.0.2.tgz; it is reviewed with the diff against v1.0.0-rc.1 and released', async () => {
    await openWorkspace(isv, 'my-apps');
    await isv.getByRole('link', { name: 'emqx' }).click();
    await isv.getByTestId('add-version').click();
    await isv.getByTestId('chart-archive-input').setInputFiles(chart2);
    await isv.getByText('emqx-v4.0.2.tgz').waitFor({ timeout: 120_000 });
    await isv.getByTestId('confirm-add-version').click();
    const row = isv.locator('[data-version="v4.0.2"]');
    await row.getByText('Draft').waitFor();
    await row.getByRole('button', { name: 'Submit for review' }).click();
    await isv.getByRole('textbox', { name: 'Changelog' }).fill('Upgrade to EMQ X 4.0.2.\n\n- Chart apiVersion v2\n- README added');
    await isv.getByRole('checkbox', { name: /Submit without a test deploy/ }).check();
    await isv.getByTestId('submit-version').click();
    await row.getByText('Waiting for review').waitFor();
    await syncNow(isv);

    await syncNow(reviewer);
    await openWorkspace(reviewer, 'review');
    await reviewer.getByTestId('review-queue').getByText('compared with v1.0.0-rc.1').waitFor();
    await reviewer.getByTestId('review-queue').getByRole('link', { name: 'Review' }).click();
    await selectTab(reviewer, 'Changes');
    await reviewer.getByTestId('changed-file').filter({ hasText: 'values.yaml' }).click();
    await reviewer.getByRole('region', { name: 'Changes in values.yaml' }).waitFor();
    await shootBothLanguages(reviewer, 'review-diff');
    await reviewer.getByTestId('approve').click();
    await reviewer.getByTestId('confirm-decision').click();
    await reviewer.getByText(/was approved/).waitFor();
    await syncNow(reviewer);

    await syncNow(isv);
    await row.getByRole('button', { name: 'Release to store' }).click();
    await isv.getByRole('dialog').getByRole('button', { name: 'Release to store' }).click();
    await row.getByText('In store').waitFor();
    await syncNow(isv);
    await openWorkspace(isv, 'store');
    expect(await isv.locator('[data-app="emqx"]').getByTestId('latest-version').innerText()).toBe('v4.0.2');
  });

  it('10. Rex suspends v4.0.2 from the store and recovers it', async () => {
    await syncNow(reviewer);
    await openWorkspace(reviewer, 'review');
    await reviewer.getByText('Apps in the store').click();
    const row = reviewer.getByTestId('moderation').locator('[data-app="emqx"]');
    await row.getByRole('button', { name: 'Versions of emqx' }).click();
    await reviewer.getByRole('menuitem', { name: 'Suspend v4.0.2' }).click();
    await row.getByText('Some versions suspended').waitFor();
    await shootBothLanguages(reviewer, 'review-apps');
    await syncNow(reviewer);

    await syncNow(isv);
    await openWorkspace(isv, 'store');
    expect(await isv.locator('[data-app="emqx"]').getByTestId('latest-version').innerText()).toBe('v1.0.0-rc.1');

    await row.getByRole('button', { name: 'Versions of emqx' }).click();
    await reviewer.getByRole('menuitem', { name: 'Recover v4.0.2' }).click();
    await row.getByText('Some versions suspended').waitFor({ state: 'detached' });
    await syncNow(reviewer);

    await syncNow(isv);
    await openWorkspace(isv, 'my-apps');
    await isv.getByRole('link', { name: 'emqx' }).click();
    await isv.locator('[data-version="v4.0.2"]').getByText('In store').waitFor();
    await selectTab(isv, 'History');
    await isv.getByText('Version recovered').waitFor();
    await shootBothLanguages(isv, 'my-apps-history');
    await openWorkspace(isv, 'store');
    expect(await isv.locator('[data-app="emqx"]').getByTestId('latest-version').innerText()).toBe('v4.0.2');
  });

  it('shows every workspace in both languages, in dark theme, and at 1024×700', async () => {
    await openWorkspace(isv, 'my-apps');
    await shootBothLanguages(isv, 'my-apps');
    await openWorkspace(isv, 'admin');
    await selectTab(isv, 'Members & roles');
    await shootBothLanguages(isv, 'admin-members');
    await selectTab(isv, 'Catalog & sync');
    await shootBothLanguages(isv, 'admin-catalog');
    await openWorkspace(reviewer, 'review');
    await reviewer.getByText('All decisions').click();
    await shootBothLanguages(reviewer, 'review-decisions');

    await isv.getByTestId('theme-menu').click();
    await isv.getByRole('menuitem', { name: 'Dark' }).click();
    await openWorkspace(isv, 'store');
    await isv.locator('[data-app="emqx"]').click();
    await settle(isv);
    await screenshot(isv, 'store-app-dark-en');

    await isv.setViewportSize({ width: 1024, height: 700 });
    for (const id of ['store', 'my-apps', 'review', 'admin'] as const) {
      await openWorkspace(isv, id);
      await settle(isv);
      const overflow = await isv.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${id} overflows horizontally at 1024 px`).toBe(0);
    }
    await screenshot(isv, 'admin-1024-dark-en');
  });
});
