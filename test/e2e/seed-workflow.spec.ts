/**
 * The seed workflow of MISSION.md, clicked through the UI by two people on two machines
 * (two browser-mode instances with their own data dirs) sharing one folder store:
 * Ivy is the ISV (and the catalog's admin), Rex the reviewer.
 *
 * One walk, run once in 简体中文 and once in English: each browser is set to the language, so
 * the first run picks it, and every click, fill and check finds Berth's words as a reader of
 * that language sees them (./harness/words). Both pages are watched from the first screen to the
 * last (./harness/language): in 简体中文 an English sentence or ASCII punctuation standing in for
 * Chinese, in English full-width punctuation in Latin text or unmarked Chinese, fails the walk, wherever it showed
 * (a screen, a dialog, a toast, a tooltip, the sync indicator).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfNeeded, fixturesDir, removeDir, startBerth, tempDir, type RunningBerth } from './harness/berth';
import { screenshot, type OpenBrowser } from './harness/browser';
import { openBrowsers, stopAfterFirstFailure, stopBerths } from './harness/team';
import { languageProblemsSeen, watchLanguage, type WalkLanguage } from './harness/language';
import { chooseFile, openWorkspace, selectTab, settle, syncNow } from './harness/ui';
import { keepScreenshot } from './harness/api';
import { wordsIn } from './harness/words';

const chart1 = join(fixturesDir, 'emqx-v1.0.0-rc.1.tgz');
const chart2 = join(fixturesDir, 'emqx-v4.0.2.tgz');
const icon = join(fixturesDir, 'emqx-logo.png');
const dashboard = join(fixturesDir, 'emq-dashboard.png');

/** What the people of the walk type, in their language: it stays as written. */
const TYPED: Record<WalkLanguage, {
  catalog: string;
  description: string;
  introduction: string;
  /** A phrase of the introduction, bold in its preview. */
  introductionBold: string;
  changelog1: string;
  changelog2: string;
  /** IoT first: the category the app is filed under. */
  categories: string[];
}> = {
  en: {
    catalog: 'Demo catalog',
    description: 'EMQ X: a scalable MQTT broker for IoT, M2M and mobile apps.',
    introduction: '# EMQ X\n\nEMQ X is a **massively scalable** MQTT broker.\n\n- MQTT 3.1.1 and 5.0\n- Clustering\n\n![remote](https://example.com/banner.png)',
    introductionBold: 'massively scalable',
    changelog1: 'First release of the EMQ X chart.\n\n- StatefulSet with 3 replicas',
    changelog2: 'Upgrade to EMQ X 4.0.2.\n\n- Chart apiVersion v2\n- README added',
    categories: ['IoT', 'Big data', 'Message queue', 'Middleware'],
  },
  'zh-CN': {
    catalog: '演示目录',
    description: 'EMQ X：面向物联网、M2M 和移动应用的可扩展 MQTT 消息服务器。',
    introduction: '# EMQ X\n\nEMQ X 是一款**大规模可扩展**的 MQTT 消息服务器。\n\n- 支持 MQTT 3.1.1 和 5.0\n- 集群\n\n![远程图片](https://example.com/banner.png)',
    introductionBold: '大规模可扩展',
    changelog1: 'EMQ X Chart 的首个版本。\n\n- StatefulSet，3 个副本',
    changelog2: '升级到 EMQ X 4.0.2。\n\n- Chart apiVersion v2\n- 新增 README',
    categories: ['物联网', '大数据', '消息队列', '中间件'],
  },
};

/** The walk's screens docs/ui.md and issue 16's points show, kept in docs/screenshots in both languages. */
const DOC_SHOTS = [
  'welcome',
  'newcomer-invitation',
  'admin-members',
  'my-apps-create',
  'my-apps-app-info',
  'submit-dialog',
  'my-apps-add-version-blocked',
  'review-checks',
  'review-diff',
  'admin-categories',
  'store-app',
  'review-suspend-version',
  'review-apps',
  'my-apps-history',
].flatMap((n) => [`${n}-en`, `${n}-zh-CN`]);

describe.each(['zh-CN', 'en'] as const)('the seed workflow through the UI in %s (ISV and reviewer, one folder store)', (language) => {
  const say = wordsIn(language);
  const typed = TYPED[language];
  const storeDir = tempDir('store');
  let isvBerth: RunningBerth;
  let reviewerBerth: RunningBerth;
  let isvBrowser: OpenBrowser;
  let reviewerBrowser: OpenBrowser;
  let isv: Page;
  let reviewer: Page;

  /** Reads the screen now (the watch reads it too, as it changes) and saves it as `<name>-<language>.png`. */
  async function look(page: Page, name: string): Promise<void> {
    await page.mouse.move(0, 0);
    await watchLanguage(page, language);
    await keepScreenshot(page, `${name}-${language}`, DOC_SHOTS);
  }

  beforeAll(async () => {
    buildIfNeeded();
    // no cluster for Ivy: the test deploy of step 4 edits values and previews the manifests offline
    [isvBerth, reviewerBerth] = await Promise.all([startBerth({ env: { KUBECONFIG: join(storeDir, 'no-kubeconfig') } }), startBerth()]);
    // each browser speaks the walk's language: nobody picks one, the first run follows the browser
    [isvBrowser, reviewerBrowser] = await openBrowsers([isvBerth.url, reviewerBerth.url], { width: 1280, height: 800 }, 30_000, {
      locale: language === 'en' ? 'en-US' : 'zh-CN',
    });
    isv = isvBrowser.page;
    reviewer = reviewerBrowser.page;
    for (const page of [isv, reviewer]) {
      await page.waitForFunction((l) => document.documentElement.lang === l, language);
      await watchLanguage(page, language);
    }
  });

  stopAfterFirstFailure(() => [
    [isv, `failure-isv-${language}`],
    [reviewer, `failure-reviewer-${language}`],
  ]);

  afterAll(async () => {
    await isvBrowser?.close();
    await reviewerBrowser?.close();
    await stopBerths([isvBerth, reviewerBerth]);
    removeDir(storeDir);
  });

  it('1. sets up the roles: Ivy creates the catalog and demo-workspace, Rex joins and becomes reviewer', async () => {
    await isv.getByRole('heading', { name: say('welcome.title') }).waitFor();
    await look(isv, 'welcome');
    await isv.getByLabel(say('welcome.yourName')).fill('Ivy');
    await isv.getByLabel(say('welcome.catalogName')).fill(typed.catalog);
    await isv.getByLabel(say('welcome.folder')).first().fill(storeDir);
    await isv.getByTestId('create-catalog').click();
    await isv.getByTestId('sync-indicator').waitFor();

    await openWorkspace(isv, 'admin');
    await selectTab(isv, say('admin.tabs.workspaces'));
    await isv.getByTestId('new-workspace').fill('demo-workspace');
    await isv.getByTestId('create-workspace').click();
    // whoever creates a workspace is its first ISV
    const workspaceCard = isv.locator('[data-workspace="demo-workspace"]');
    await workspaceCard.getByText(say('roles.isv'), { exact: true }).waitFor();
    await syncNow(isv);

    await reviewer.getByLabel(say('welcome.yourName')).fill('Rex');
    await reviewer.getByTestId('join-catalog').scrollIntoViewIfNeeded();
    await reviewer.getByRole('textbox', { name: say('welcome.folder') }).last().fill(storeDir);
    await reviewer.getByTestId('join-catalog').click();
    await reviewer.getByTestId('sync-indicator').waitFor();
    await syncNow(reviewer);

    // the newcomer is told what to send to an admin, and copies it
    const invitation = reviewer.getByTestId('invitation');
    await invitation.waitFor();
    const shortId = (await invitation.getAttribute('data-short-id'))!;
    const invitationLine = say.like('invitation.line', { catalog: typed.catalog, name: 'Rex' }, { key: `${shortId}[0-9a-f]{52}` });
    expect(await reviewer.getByTestId('invitation-line').innerText()).toMatch(invitationLine);
    await reviewerBrowser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await reviewer.getByTestId('copy-invitation').click();
    await reviewer.locator('[data-testid="copy-invitation"][data-copied="true"]').waitFor();
    await look(reviewer, 'newcomer-invitation');

    // the admin gives the role by the 12-character short id the newcomer sent
    await syncNow(isv);
    await selectTab(isv, say('admin.tabs.members'));
    await isv.getByTestId('grant-key').fill(shortId);
    await isv.getByTestId('grant-by-key').click();
    const reviewerRole = isv.getByRole('checkbox', { name: say('members.roleFor', { role: say('roles.reviewer'), name: 'Rex' }) });
    await expect.poll(() => reviewerRole.isChecked(), { timeout: 30_000 }).toBe(true);
    // and it reaches Rex without anyone clicking sync on his side
    await reviewer.locator('nav a[data-workspace="review"]').waitFor({ timeout: 30_000 });
    await invitation.waitFor({ state: 'detached' });
  });

  it('2–3. Ivy uploads emqx-v1.0.0-rc.1.tgz, the icon and a screenshot, and edits the app info', async () => {
    await openWorkspace(isv, 'my-apps');
    await isv.getByTestId('create-app').click();
    await isv.getByTestId('chart-archive-input').setInputFiles(chart1);
    await isv.getByText('emqx-v1.0.0-rc.1.tgz').waitFor({ timeout: 120_000 });
    // the chart checks are shown before anything is saved
    await isv.locator('[data-testid="advisory-findings"], [data-testid="chart-valid"]').first().waitFor();
    // unfolded, so every Berth finding of the upload checks table is read
    await isv.getByTestId('advisory-findings').getByRole('button').first().click();
    await isv.getByTestId('findings').waitFor();
    await look(isv, 'my-apps-create');
    await isv.getByTestId('confirm-create-app').click();
    await isv.getByRole('heading', { level: 1, name: 'emqx' }).waitFor();
    await isv.locator('[data-version="v1.0.0-rc.1"]').getByText(say('versionStates.draft')).waitFor();

    await selectTab(isv, say('myApps.tabs.info'));
    await chooseFile(isv, isv.getByTestId('upload-icon'), icon);
    await isv.getByTestId('upload-icon').getByText(say('media.replaceIcon')).waitFor();
    await chooseFile(isv, isv.getByTestId('upload-screenshot'), dashboard);
    await isv.getByRole('button', { name: say('common.openScreenshot', { n: 1 }) }).waitFor();
    await isv.getByLabel(say('appInfo.description')).fill(typed.description);
    // the limit is counted as people type, not cut silently
    expect(await isv.getByTestId('description-count').innerText()).toBe(`${typed.description.length}/1000`);
    await isv.getByLabel(say('appInfo.home')).fill('https://www.emqx.io');
    await isv.getByRole('textbox', { name: say('appInfo.introduction') }).fill(typed.introduction);
    await isv.getByTestId('save-info').click();
    await isv.getByText(say('appInfo.saved')).waitFor();
    await selectTab(isv, say('editor.preview'));
    const preview = isv.getByLabel(say('editor.previewOf', { label: say('appInfo.introduction') }));
    await preview.getByText(typed.introductionBold).waitFor();
    // the remote image is not loaded, and the user is told why
    expect(await isv.locator('img[src^="https://"]').count()).toBe(0);
    await isv.getByText(say('common.remoteImagesBlocked', { count: 1 })).waitFor();
    await selectTab(isv, say('editor.write'));
    await look(isv, 'my-apps-app-info');
  });

  it('4. Ivy opens the test deploy without a cluster: edits the namespace value and previews the rendered manifests', async () => {
    await selectTab(isv, say('myApps.tabs.versions', { count: 1 }));
    await isv.locator('[data-version="v1.0.0-rc.1"]').getByRole('button', { name: say('deploy.test.action') }).click();
    const dialog = isv.getByRole('dialog');
    await dialog.getByTestId('deploy-offline').waitFor();
    await dialog.getByRole('button', { name: say('deploy.next') }).click();
    await dialog.locator('input[data-path="namespace"]').fill('iot');
    await dialog.getByTestId('values-valid').waitFor();
    await look(isv, 'test-deploy-values');
    await dialog.getByRole('button', { name: say('deploy.next') }).click();
    await dialog.getByTestId('offline-preview').waitFor({ timeout: 120_000 });
    expect(await dialog.getByRole('button', { name: say('deploy.deployNow'), exact: true }).isDisabled()).toBe(true);
    await look(isv, 'test-deploy-preview');
    await dialog.getByRole('button', { name: say('common.close') }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('5. Ivy submits v1.0.0-rc.1 for review with a changelog', async () => {
    await selectTab(isv, say('myApps.tabs.versions', { count: 1 }));
    await isv.locator('[data-version="v1.0.0-rc.1"]').getByRole('button', { name: say('versions.submit') }).click();
    // no test deploy is recorded: the dialog says so, and submitting states it instead of claiming one
    await isv.locator('[data-testid="recorded-test-deploy"][data-outcome="none"]').waitFor();
    expect(await isv.getByTestId('submit-version').isDisabled()).toBe(true);
    await isv.getByRole('checkbox', { name: say('versions.testDeployAckNone') }).check();
    // an empty changelog is refused next to the field, before any check runs
    await isv.getByTestId('submit-version').click();
    await isv.getByText(say('versions.changelogRequired')).waitFor();
    await look(isv, 'submit-dialog');
    await isv.getByRole('textbox', { name: say('versions.changelog') }).fill(typed.changelog1);
    await isv.getByTestId('submit-version').click();
    await isv.locator('[data-version="v1.0.0-rc.1"]').getByText(say('versionStates.submitted')).waitFor();
    await look(isv, 'my-apps-versions');
    await syncNow(isv);
  });

  it('6. Rex inspects the app info, values.yaml and changelog, and approves', async () => {
    await syncNow(reviewer);
    await openWorkspace(reviewer, 'review');
    await reviewer.getByTestId('review-queue').getByText('emqx').waitFor();
    await look(reviewer, 'review-queue');
    await reviewer.getByTestId('review-queue').getByRole('link', { name: say('review.open') }).click();
    await reviewer.getByText(typed.changelog1.split('\n')[0]).waitFor();
    await selectTab(reviewer, say('review.tabs.files'));
    await reviewer.getByTestId('open-file').filter({ hasText: 'values.yaml' }).waitFor();
    await reviewer.getByText('emqxAddressType').first().waitFor();
    await look(reviewer, 'review-files');
    await selectTab(reviewer, say('review.tabs.manifests'));
    await reviewer.getByText(say.like('review.manifestsIntro', {}, { count: '\\d+' })).waitFor();
    await reviewer.getByText('StatefulSet', { exact: true }).first().waitFor();
    await look(reviewer, 'review-manifests');
    await selectTab(reviewer, say('review.tabs.checks'));
    // helm lint and the review checks, by their stable ids: EMQ X 1.0 still uses rbac v1beta1
    await reviewer.locator('[data-check="helm-lint"]').waitFor({ timeout: 120_000 });
    expect(await reviewer.locator('[data-check="api.removed"]').getAttribute('data-status')).toBe('fail');
    await reviewer.locator('[data-check="lint"]').waitFor();
    await look(reviewer, 'review-checks');
    await reviewer.getByTestId('approve').click();
    await reviewer.getByTestId('confirm-decision').click();
    await reviewer.getByText(say('review.approved', { app: 'emqx', version: 'v1.0.0-rc.1' })).waitFor();
    await syncNow(reviewer);
  });

  it('7. the admin creates the IoT category and Ivy files the app under it', async () => {
    await syncNow(isv);
    await openWorkspace(isv, 'admin');
    await selectTab(isv, say('admin.tabs.categories'));
    for (const name of typed.categories) {
      await isv.getByTestId('new-category').fill(name);
      expect(await isv.getByTestId('category-name-count').innerText()).toBe(`${name.length}/40`);
      await isv.getByTestId('create-category').click();
      await isv.locator(`tr[data-category="${name}"]`).waitFor();
    }
    await look(isv, 'admin-categories');

    await openWorkspace(isv, 'my-apps');
    await isv.getByRole('link', { name: 'emqx' }).click();
    await selectTab(isv, say('myApps.tabs.info'));
    await isv.getByTestId('category-select').click();
    await isv.getByRole('option', { name: typed.categories[0] }).click();
    await isv.getByTestId('save-info').click();
    await isv.getByText(say('appInfo.saved')).waitFor();
  });

  it('8. Ivy releases to the store and the store shows emqx under IoT', async () => {
    await selectTab(isv, say('myApps.tabs.versions', { count: 1 }));
    await isv.locator('[data-version="v1.0.0-rc.1"]').getByRole('button', { name: say('versions.release') }).click();
    await isv.getByRole('dialog').getByRole('button', { name: say('versions.release') }).click();
    await isv.locator('[data-version="v1.0.0-rc.1"]').getByText(say('versionStates.active')).waitFor();
    await syncNow(isv);

    await openWorkspace(isv, 'store');
    await isv.locator(`button[data-category="${typed.categories[0]}"]`).click();
    const card = isv.locator('[data-app="emqx"]');
    await card.waitFor();
    expect(await card.getByTestId('latest-version').innerText()).toBe('v1.0.0-rc.1');
    await look(isv, 'store');
    await card.click();
    await isv.getByRole('heading', { level: 1, name: 'emqx' }).waitFor();
    await settle(isv);
    await look(isv, 'store-app');
    await selectTab(isv, say('store.tabs.versions', { count: 1 }));
    await isv.getByText(say('store.latest')).first().waitFor();
    await selectTab(isv, say('store.tabs.chart'));
    await isv.getByText('values.yaml').first().waitFor();

    // Rex sees the same store after a sync
    await syncNow(reviewer);
    await openWorkspace(reviewer, 'store');
    await reviewer.locator('[data-app="emqx"]').waitFor();
  });

  it('9. Ivy adds emqx-v4.0.2.tgz; it is reviewed with the diff against v1.0.0-rc.1 and released', async () => {
    await openWorkspace(isv, 'my-apps');
    await isv.getByRole('link', { name: 'emqx' }).click();
    await isv.getByTestId('add-version').click();
    // a version that exists already: said first, next to the file; the advisory checks stay folded
    await isv.getByTestId('chart-archive-input').setInputFiles(chart1);
    const blocking = isv.getByTestId('blocking-problems');
    await blocking.waitFor({ timeout: 120_000 });
    expect(await blocking.innerText()).toContain('v1.0.0-rc.1');
    expect(await isv.getByTestId('findings').isVisible()).toBe(false);
    const [blockingBox, advisoryBox] = [await blocking.boundingBox(), await isv.getByTestId('advisory-findings').boundingBox()];
    expect(blockingBox!.y).toBeLessThan(advisoryBox!.y);
    expect(await isv.getByTestId('confirm-add-version').isDisabled()).toBe(true);
    await look(isv, 'my-apps-add-version-blocked');
    await isv.getByRole('button', { name: say('chartPicker.chooseAnother') }).click();
    await isv.getByTestId('chart-archive-input').setInputFiles(chart2);
    await isv.getByText('emqx-v4.0.2.tgz').waitFor({ timeout: 120_000 });
    await isv.getByTestId('confirm-add-version').click();
    const row = isv.locator('[data-version="v4.0.2"]');
    await row.getByText(say('versionStates.draft')).waitFor();
    await row.getByRole('button', { name: say('versions.submit') }).click();
    await isv.getByRole('textbox', { name: say('versions.changelog') }).fill(typed.changelog2);
    await isv.getByRole('checkbox', { name: say('versions.testDeployAckNone') }).check();
    await isv.getByTestId('submit-version').click();
    await row.getByText(say('versionStates.submitted')).waitFor();
    await syncNow(isv);

    await syncNow(reviewer);
    await openWorkspace(reviewer, 'review');
    await reviewer.getByTestId('review-queue').getByText(say('review.comparedWith', { version: 'v1.0.0-rc.1' })).waitFor();
    await reviewer.getByTestId('review-queue').getByRole('link', { name: say('review.open') }).click();
    await selectTab(reviewer, say('review.tabs.changes'));
    await reviewer.getByTestId('changed-file').filter({ hasText: 'values.yaml' }).click();
    await reviewer.getByRole('region', { name: say('review.diff.of', { file: 'values.yaml' }) }).waitFor();
    await look(reviewer, 'review-diff');
    // the rest of what a reviewer reads before deciding: the README, the report, the version's history
    await selectTab(reviewer, say('review.tabs.readme'));
    await reviewer.getByRole('heading', { name: 'Prerequisites' }).waitFor();
    await selectTab(reviewer, say('review.tabs.report'));
    await reviewer.getByTestId('report-overall').waitFor({ timeout: 120_000 });
    await selectTab(reviewer, say('review.tabs.history'));
    await reviewer.getByText(say('auditActions.version_submit')).first().waitFor();
    await reviewer.getByTestId('approve').click();
    await reviewer.getByTestId('confirm-decision').click();
    await reviewer.getByText(say('review.approved', { app: 'emqx', version: 'v4.0.2' })).waitFor();
    await syncNow(reviewer);

    await syncNow(isv);
    await row.getByRole('button', { name: say('versions.release') }).click();
    await isv.getByRole('dialog').getByRole('button', { name: say('versions.release') }).click();
    await row.getByText(say('versionStates.active')).waitFor();
    await syncNow(isv);
    await openWorkspace(isv, 'store');
    // the list refetches after the sync: wait for it rather than read the first paint
    await expect.poll(() => isv.locator('[data-app="emqx"]').getByTestId('latest-version').innerText()).toBe('v4.0.2');
  });

  it('10. Rex suspends v4.0.2 from the store and recovers it', async () => {
    await syncNow(reviewer);
    await openWorkspace(reviewer, 'review');
    await reviewer.getByText(say('review.filters.apps')).click();
    const row = reviewer.getByTestId('moderation').locator('[data-app="emqx"]');
    const versionsMenu = row.getByRole('button', { name: say('moderation.versionsOf', { app: 'emqx' }) });
    await versionsMenu.click();
    await reviewer.getByRole('menuitem', { name: say('moderation.suspendVersion', { version: 'v4.0.2' }) }).click();
    // like suspending the whole app, suspending a version asks first
    const confirm = reviewer.getByRole('dialog', { name: say('versions.suspendTitle', { version: 'v4.0.2' }) });
    await confirm.waitFor();
    await look(reviewer, 'review-suspend-version');
    await confirm.getByRole('button', { name: say('versions.suspend') }).click();
    await row.getByText(say('moderation.someSuspended')).waitFor();
    expect(await row.getByTestId('latest-in-store').innerText()).toBe('v1.0.0-rc.1');
    await look(reviewer, 'review-apps');
    await syncNow(reviewer);

    await syncNow(isv);
    await openWorkspace(isv, 'store');
    // the list refetches after the sync: wait for it rather than read the first paint
    await expect.poll(() => isv.locator('[data-app="emqx"]').getByTestId('latest-version').innerText()).toBe('v1.0.0-rc.1');

    await versionsMenu.click();
    await reviewer.getByRole('menuitem', { name: say('moderation.recoverVersion', { version: 'v4.0.2' }) }).click();
    await row.getByText(say('moderation.someSuspended')).waitFor({ state: 'detached' });
    await syncNow(reviewer);

    await syncNow(isv);
    await openWorkspace(isv, 'my-apps');
    await isv.getByRole('link', { name: 'emqx' }).click();
    await isv.locator('[data-version="v4.0.2"]').getByText(say('versionStates.active')).waitFor();
    await selectTab(isv, say('myApps.tabs.history'));
    await isv.getByText(say('auditActions.version_recover')).waitFor();
    // History states what the catalog recorded about test deploys, not a claim
    await isv.getByText(say('auditDetails.submittedTestNone')).first().waitFor();
    await look(isv, 'my-apps-history');
    await openWorkspace(isv, 'store');
    // the list refetches after the sync: wait for it rather than read the first paint
    await expect.poll(() => isv.locator('[data-app="emqx"]').getByTestId('latest-version').innerText()).toBe('v4.0.2');
  });

  it('shows the other workspaces, in dark theme, and at 1024×700', async () => {
    await openWorkspace(isv, 'my-apps');
    await look(isv, 'my-apps');
    await openWorkspace(isv, 'admin');
    await selectTab(isv, say('admin.tabs.members'));
    await look(isv, 'admin-members');
    await selectTab(isv, say('admin.tabs.catalog'));
    await look(isv, 'admin-catalog');
    await openWorkspace(reviewer, 'review');
    await reviewer.getByText(say('review.filters.all')).click();
    await look(reviewer, 'review-decisions');

    await isv.getByTestId('theme-menu').click();
    await isv.getByRole('menuitem', { name: say('settings.themes.dark') }).click();
    await openWorkspace(isv, 'store');
    await isv.locator('[data-app="emqx"]').click();
    await settle(isv);
    await screenshot(isv, `store-app-dark-${language}`);

    await isv.setViewportSize({ width: 1024, height: 700 });
    for (const id of ['store', 'my-apps', 'review', 'admin'] as const) {
      await openWorkspace(isv, id);
      await settle(isv);
      const overflow = await isv.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${id} overflows horizontally at 1024 px`).toBe(0);
    }
    await screenshot(isv, `admin-1024-dark-${language}`);
  });

  it(
    language === 'en'
      ? 'said every screen, dialog, toast and tooltip of the walk in English: no full-width punctuation in Latin text, no unmarked Chinese'
      : 'said every screen, dialog, toast and tooltip of the walk in 简体中文: no English sentence, no ASCII punctuation in Chinese',
    async () => {
      const problems = [
        ...(await languageProblemsSeen(isv, language)).map((p) => `Ivy ${p}`),
        ...(await languageProblemsSeen(reviewer, language)).map((p) => `Rex ${p}`),
      ];
      expect(problems).toEqual([]);
    },
  );

  it('kept the browser’s language from the first screen to the last, with lang on the document', async () => {
    for (const page of [isv, reviewer]) expect(await page.locator('html').getAttribute('lang')).toBe(language);
    if (language !== 'en') return;
    // the width of ’ in the page's own font, against the font size: a CJK font makes it a full em
    const quoteWidth = await isv.evaluate(() => {
      const span = document.createElement('span');
      span.textContent = '’’’’’’’’’’';
      document.body.appendChild(span);
      const ratio = span.getBoundingClientRect().width / 10 / parseFloat(getComputedStyle(span).fontSize);
      span.remove();
      return ratio;
    });
    expect(quoteWidth).toBeLessThan(0.6);
  });
});
