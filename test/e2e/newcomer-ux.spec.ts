/**
 * Issue 16's remaining UX points, clicked through real Chromium against one browser-mode Berth
 * with no cluster at all (KUBECONFIG points at a file that does not exist): Iris is the
 * catalog's admin and the ISV of demo-workspace, with the EMQ X v1.0.0-rc.1 draft.
 * Every dialog photographed here is checked in both languages (no English sentence in 简体中文,
 * no full-width punctuation in English) and saved to docs/screenshots.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, base64, go, keepScreenshot, switchLanguage } from './harness/api';
import { buildIfNeeded, fixturesDir, removeDir, repoRoot, startBerth, tempDir, type RunningBerth } from './harness/berth';
import { openBrowser, type OpenBrowser } from './harness/browser';
import { asciiPunctuationInChinese, englishInChinese, fullWidthInEnglish } from './harness/language';
import { openBrowsers, stopAfterFirstFailure, stopBerths } from './harness/team';

const DOC_SHOTS = [
  'deploy-offline-values-en',
  'deploy-offline-values-zh-CN',
  'deploy-offline-preview-en',
  'deploy-offline-preview-zh-CN',
  'my-apps-api-fix-en',
  'my-apps-api-fix-zh-CN',
  'welcome-join-no-folder-en',
  'welcome-join-no-folder-zh-CN',
  'my-apps-publish-info-en',
  'my-apps-publish-info-zh-CN',
  'review-tabs-1280-en',
  'review-tabs-1280-zh-CN',
  'admin-info-review-en',
  'admin-info-review-zh-CN',
  'my-apps-info-asked-en',
  'my-apps-info-asked-zh-CN',
  'review-info-request-en',
  'review-info-request-zh-CN',
  'my-apps-limits-en',
  'my-apps-limits-zh-CN',
  'review-reject-why-en',
  'review-reject-why-zh-CN',
];

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('issue 16: the newcomer’s way through Berth without a cluster', () => {
  const storeDir = tempDir('ux-store');
  let iris: RunningBerth;
  let nina: RunningBerth;
  let browser: OpenBrowser;
  let page: Page;
  let ninaBrowser: OpenBrowser;
  let app = '';
  const languageProblems: string[] = [];

  /** Photographs the current view (dialogs included) in English and 简体中文 and checks each language. */
  async function shootBothLanguages(name: string, own: readonly string[] = [], who = { berth: iris, page }): Promise<void> {
    const { berth, page: p } = who;
    await p.mouse.move(0, 0);
    await switchLanguage(berth, p, 'en');
    await keepScreenshot(p, `${name}-en`, DOC_SHOTS);
    for (const t of await fullWidthInEnglish(p)) languageProblems.push(`${name} (en): full-width punctuation in “${t}”`);
    await switchLanguage(berth, p, 'zh-CN');
    await keepScreenshot(p, `${name}-zh-CN`, DOC_SHOTS);
    for (const t of await englishInChinese(p, own)) languageProblems.push(`${name} (zh-CN): English sentence “${t}”`);
    for (const t of await asciiPunctuationInChinese(p, own)) languageProblems.push(`${name} (zh-CN): ASCII punctuation in “${t}”`);
    await switchLanguage(berth, p, 'en');
  }

  beforeAll(async () => {
    buildIfNeeded();
    iris = await startBerth({ env: { KUBECONFIG: join(storeDir, 'no-such-kubeconfig') } });
    await api(iris, 'identity.rename', { displayName: 'Iris' });
    await api(iris, 'catalog.init', { name: 'Demo', store: { kind: 'folder', path: storeDir } });
    const ws = await api(iris, 'workspace.create', { name: 'demo-workspace' });
    app = (await api(iris, 'app.create', { workspace: ws.id, chart: base64(join(fixturesDir, 'emqx-v1.0.0-rc.1.tgz')) })).id;
    nina = await startBerth();
    [browser, ninaBrowser] = await openBrowsers([iris.url, nina.url], { width: 1366, height: 860 });
    page = browser.page;
  });

  stopAfterFirstFailure(() => [
    [page, 'ux-failure-iris'],
    [ninaBrowser?.page, 'ux-failure-nina'],
  ]);

  afterAll(async () => {
    await browser?.close();
    await ninaBrowser?.close();
    await stopBerths([iris, nina]);
    removeDir(storeDir);
  });

  it('point 2: My apps offers the removed-API quick fix on a draft, with no cluster', async () => {
    await go(page, `#/my-apps/app/${app}`);
    const row = page.locator('[data-version="v1.0.0-rc.1"]');
    await row.getByRole('button', { name: 'More actions for v1.0.0-rc.1' }).click();
    await page.getByRole('menuitem', { name: 'Fix removed APIs…' }).click();
    const dialog = page.getByTestId('api-fix');
    const changes = dialog.getByTestId('api-fix-changes');
    await changes.waitFor();
    expect(await changes.textContent()).toContain('rbac.authorization.k8s.io/v1beta1 → rbac.authorization.k8s.io/v1');
    await shootBothLanguages('my-apps-api-fix');
    // not now: the test deploy dialog below applies it
    await page.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('point 2: the test deploy dialog edits values and previews the rendered manifests without a cluster; deploying itself is refused', async () => {
    const row = page.locator('[data-version="v1.0.0-rc.1"]');
    await row.getByRole('button', { name: 'Test deploy' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('deploy-offline').waitFor();
    await dialog.getByRole('textbox', { name: 'Release name' }).fill('emqx-preview');
    await dialog.getByRole('textbox', { name: 'Namespace' }).fill('iot-preview');
    const next = dialog.getByRole('button', { name: 'Next' });
    expect(await next.isEnabled()).toBe(true);
    await next.click();
    // values: the seed edits `namespace`; the form and the YAML follow each other
    await dialog.locator('input[data-path="namespace"]').fill('iot-preview');
    await dialog.locator('input[data-path="replicas"]').fill('1');
    await expect.poll(() => dialog.getByTestId('values-yaml').inputValue()).toContain('replicas: 1');
    await dialog.getByTestId('values-valid').waitFor();
    await shootBothLanguages('deploy-offline-values');
    await dialog.getByRole('button', { name: 'Next' }).click();
    // preview: Helm's engine renders locally with the edited value; the removed APIs are named
    const preview = dialog.getByTestId('offline-preview');
    await preview.waitFor({ timeout: 120_000 });
    await dialog.getByText('Preview', { exact: true }).waitFor();
    await dialog.getByTestId('deploy-needs-cluster').getByText('Deploying needs a cluster.').waitFor();
    await shootBothLanguages('deploy-offline-preview');
    await dialog.getByRole('button', { name: /templates\/rbac\.yaml/ }).click();
    await dialog.getByRole('button', { name: /templates\/StatefulSet\.yaml/ }).click();
    const manifests = await dialog.getByTestId('offline-manifests').textContent();
    expect(manifests).toContain('templates/rbac.yaml');
    expect(manifests).toContain('namespace: iot-preview');
    expect(manifests).toContain('replicas: 1');
    expect(await dialog.getByTestId('quick-fix').textContent()).toContain('rbac.authorization.k8s.io/v1beta1 → rbac.authorization.k8s.io/v1');
    expect(await dialog.getByRole('button', { name: 'Deploy', exact: true }).isDisabled()).toBe(true);
    // the quick fix, offline: the draft gets the migrated package and the warning goes away
    await dialog.getByRole('button', { name: 'Fix the chart' }).click();
    await dialog
      .getByTestId('quick-fix-note')
      .getByText(/is now the draft’s package/)
      .waitFor({ timeout: 120_000 });
    await expect.poll(() => dialog.getByTestId('quick-fix').count(), { timeout: 60_000 }).toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('point 2: after the fix My apps finds nothing left to fix', async () => {
    const row = page.locator('[data-version="v1.0.0-rc.1"]');
    await row.getByRole('button', { name: 'More actions for v1.0.0-rc.1' }).click();
    await page.getByRole('menuitem', { name: 'Fix removed APIs…' }).click();
    await page.getByTestId('api-fix-none').waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
  });

  it('point 4: edited app information waits for the next release, or goes to the store now with “Publish info changes”', async () => {
    const version = (await api(iris, 'app.get', { app })).versions[0].id;
    await api(iris, 'version.submit', { version, changelog: 'First release of EMQ X on Berth.' });
    await api(iris, 'version.approve', { version });
    await api(iris, 'version.release', { version });
    await go(page, `#/my-apps/app/${app}`);
    await page.getByRole('tab', { name: 'App information' }).click();
    // where the ISV edits, it says when edits reach the store
    await page.getByText('Saved changes reach the store at the next release or recover, or when you publish them.').waitFor();
    await page.getByLabel('Short description').fill('The EMQ X MQTT broker, packaged for Berth.');
    await page.getByTestId('save-info').click();
    const outdated = page.getByTestId('store-copy-outdated');
    await outdated.waitFor();
    expect((await api(iris, 'store.app', { app })).description).not.toBe('The EMQ X MQTT broker, packaged for Berth.');
    await shootBothLanguages('my-apps-publish-info', ['The EMQ X MQTT broker, packaged for Berth.', 'First release of EMQ X on Berth.']);
    // an introduction with a remote image: the note about it is for the ISV, not for the store's readers
    await api(iris, 'app.updateInfo', { app, introduction: '# EMQ X\n\n![banner](https://example.com/banner.png)' });
    await outdated.getByRole('button', { name: 'Publish info changes' }).click();
    await outdated.waitFor({ state: 'detached' });
    expect((await api(iris, 'store.app', { app })).description).toBe('The EMQ X MQTT broker, packaged for Berth.');
    // the store shows it, and History says who published it
    await go(page, `#/store/app/${app}`);
    await page.getByText('The EMQ X MQTT broker, packaged for Berth.').first().waitFor();
    await page.getByRole('heading', { name: 'EMQ X' }).waitFor();
    // point 9: the store shows neither the ISV's remote-image note nor “Attach .prov” (Iris is an admin, too)
    await page.getByTestId('provenance').waitFor();
    expect(await page.getByText(/image from the internet was not loaded/).count()).toBe(0);
    expect(await page.getByTestId('attach-provenance').count()).toBe(0);
    expect(await page.locator('img[src^="https://"]').count()).toBe(0);
    const history = await api(iris, 'audit.list', { app });
    expect(history.records.map((r) => r.action)).toContain('app.publishInfo');
  });

  it('point 4: an admin can have published information reviewed first; a reviewer publishes it from the review queue', async () => {
    const own = ['The EMQ X MQTT broker, packaged for Berth.', 'An MQTT 3.1.1 and 5.0 broker, packaged for Berth.'];
    await go(page, '#/admin/catalog');
    const rule = page.getByRole('switch', { name: 'Published app information waits for a reviewer' });
    await rule.waitFor({ state: 'attached' });
    // Mantine's switch input lies over its track: checked as a person's click on the track would
    await rule.click({ force: true });
    await expect.poll(async () => (await api(iris, 'catalog.status', {})).catalog?.infoReview).toBe(true);
    await expect.poll(() => rule.isChecked()).toBe(true);
    await shootBothLanguages('admin-info-review');

    await go(page, `#/my-apps/app/${app}`);
    await page.getByRole('tab', { name: 'App information' }).click();
    await page.getByLabel('Short description').fill(own[1]);
    await page.getByTestId('save-info').click();
    const outdated = page.getByTestId('store-copy-outdated');
    await outdated.getByText(/this catalog has reviewers check information changes/).waitFor();
    await outdated.getByRole('button', { name: 'Ask a reviewer to publish' }).click();
    await outdated.getByTestId('publish-info-note').getByText(/Iris asked a reviewer to publish these changes/).waitFor();
    // the store keeps the old copy until a reviewer publishes it
    expect((await api(iris, 'store.app', { app })).description).toBe(own[0]);
    await shootBothLanguages('my-apps-info-asked', own);

    // Iris is an admin, so a reviewer too: the request is in her review queue, the store's copy beside the asked one
    await go(page, '#/review');
    const requests = page.getByTestId('info-requests');
    await requests.locator('[data-field="description"]').getByText(own[1]).waitFor();
    await shootBothLanguages('review-info-request', own);
    await requests.getByTestId('publish-asked-info').click();
    await requests.waitFor({ state: 'detached' });
    expect((await api(iris, 'store.app', { app })).description).toBe(own[1]);
    const history = await api(iris, 'audit.list', { app });
    expect(history.records.map((r) => r.action)).toContain('app.reviewInfo');
    // back to publishing at once for the points below
    await api(iris, 'catalog.setPolicy', { infoReview: false });
  });

  it('point 9: the review page’s tabs fit on one row at 1280 px in both languages, and “Diff” and “Compare versions” read apart', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const version = (await api(iris, 'app.get', { app })).versions[0].id;
    await go(page, `#/review/version/${version}`);
    const tabs = page.getByTestId('review-tabs');
    await tabs.getByRole('tab', { name: 'Compare versions' }).waitFor();
    for (const language of ['en', 'zh-CN'] as const) {
      await switchLanguage(iris, page, language);
      const rows = await tabs.getByRole('tab').evaluateAll((els) => [...new Set(els.map((e) => Math.round(e.getBoundingClientRect().top)))]);
      expect(rows, `the tabs wrap in ${language}`).toHaveLength(1);
      const overflow = await tabs.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, `the tabs overflow in ${language}`).toBeLessThanOrEqual(0);
    }
    await switchLanguage(iris, page, 'zh-CN');
    await tabs.getByRole('tab', { name: '与上一版差异' }).waitFor();
    await tabs.getByRole('tab', { name: '任选版本比较' }).waitFor();
    await switchLanguage(iris, page, 'en');
    await shootBothLanguages('review-tabs-1280', ['The EMQ X MQTT broker, packaged for Berth.', 'An MQTT 3.1.1 and 5.0 broker, packaged for Berth.', 'First release of EMQ X on Berth.']);
    await page.setViewportSize({ width: 1366, height: 860 });
  });

  it('points 6 and 9: Reject says why it is disabled; state badges are never cut at 1366 px (a rejected version in My apps)', async () => {
    const added = await api(iris, 'version.add', { app, chart: base64(join(fixturesDir, 'emqx-v4.0.2.tgz')) });
    await api(iris, 'version.submit', { version: added.id, changelog: 'Upgrade to EMQ X 4.0.2.' });
    // point 6: Reject stays disabled until there is a reason, and says so next to it
    await go(page, `#/review/version/${added.id}`);
    await page.getByTestId('reject').click();
    expect(await page.getByTestId('confirm-decision').isDisabled()).toBe(true);
    await page.getByTestId('reject-why').waitFor();
    await shootBothLanguages('review-reject-why', ['An MQTT 3.1.1 and 5.0 broker, packaged for Berth.', 'Upgrade to EMQ X 4.0.2.']);
    await switchLanguage(iris, page, 'zh-CN');
    expect(await page.getByTestId('reject-why').innerText()).not.toMatch(/[A-Za-z]{3,}/);
    await switchLanguage(iris, page, 'en');
    await page.getByTestId('decision-text').fill('Please add resource limits to the StatefulSet.');
    await page.getByTestId('confirm-decision').click();
    await expect.poll(async () => (await api(iris, 'app.get', { app })).versions.find((v) => v.id === added.id)?.state).toBe('rejected');
    await go(page, `#/my-apps/app/${app}`);
    await page.locator('[data-version="v4.0.2"] [data-state="rejected"]').waitFor();
    for (const language of ['en', 'zh-CN'] as const) {
      await switchLanguage(iris, page, language);
      const cut = await page.locator('[data-state]').evaluateAll((els) =>
        els.filter((e) => {
          const label = e.querySelector('.mantine-Badge-label') ?? e;
          return label.scrollWidth > label.clientWidth + 1;
        }).map((e) => e.textContent),
      );
      expect(cut, `badges cut in ${language}`).toEqual([]);
    }
    await switchLanguage(iris, page, 'en');
  });

  it('point 9: in dark mode an icon sits on a neutral light tile', async () => {
    await api(iris, 'app.setIcon', { app, image: base64(join(fixturesDir, 'emqx-logo.png')) });
    await go(page, `#/my-apps/app/${app}`);
    const icon = page.getByTestId('app-icon').first();
    await icon.waitFor();
    await page.getByTestId('theme-menu').click();
    await page.getByRole('menuitem', { name: 'Dark' }).click();
    await page.waitForFunction(() => document.documentElement.getAttribute('data-mantine-color-scheme') === 'dark');
    const [r, g, b] = (await icon.evaluate((e) => getComputedStyle(e).backgroundColor)).match(/\d+/g)!.map(Number);
    // light grey, not the dark page
    expect(Math.min(r, g, b)).toBeGreaterThan(200);
    await page.getByTestId('theme-menu').click();
    await page.getByRole('menuitem', { name: 'Light' }).click();
  });

  it('point 10: an icon too large in pixels and a seventh screenshot are refused next to the upload, with the reason; five of six are added', async () => {
    await go(page, `#/my-apps/app/${app}`);
    await page.getByRole('tab', { name: 'App information' }).click();
    const problem = page.getByTestId('media-problem');
    // the first 33 bytes of a PNG say 12000×12000: the catalog reads the pixels, not only the bytes
    const header = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
    header.writeUInt32BE(13, 8);
    header.write('IHDR', 12, 'ascii');
    header.writeUInt32BE(12000, 16);
    header.writeUInt32BE(12000, 20);
    // earlier steps' confirmations closed first: any notification after this would be the icon's
    await page.evaluate(() => document.querySelectorAll<HTMLElement>('.mantine-Notification-closeButton').forEach((b) => b.click()));
    await expect.poll(() => page.locator('.mantine-Notification-root').count()).toBe(0);
    const [iconChooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('upload-icon').click()]);
    await iconChooser.setFiles({ name: 'huge.png', mimeType: 'image/png', buffer: header });
    await problem.getByText('The icon is 12000×12000 pixels; it can be at most 2048×2048.').waitFor();
    // said next to the upload, not as a notification
    expect(await page.locator('.mantine-Notification-root').count()).toBe(0);
    await switchLanguage(iris, page, 'zh-CN');
    await problem.getByText('图标为 12000×12000 像素，最大为 2048×2048。').waitFor();
    await switchLanguage(iris, page, 'en');

    // one screenshot is there; six more chosen: five are added and the sixth is said to be left out
    const png = readFileSync(join(fixturesDir, 'emq-dashboard.png'));
    await api(iris, 'app.addScreenshot', { app, image: png.toString('base64') });
    await page.getByRole('button', { name: 'Open screenshot 1' }).waitFor();
    const six = [1, 2, 3, 4, 5, 6].map((i) => ({ name: `shot-${i}.png`, mimeType: 'image/png', buffer: Buffer.concat([png, Buffer.from([i])]) }));
    const [shotChooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('upload-screenshot').click()]);
    await shotChooser.setFiles(six);
    await problem.getByText('Added 5; 1 screenshot was left out because an app can have at most 6.').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Open screenshot 6' }).waitFor();
    expect((await api(iris, 'app.get', { app })).info.screenshots).toHaveLength(6);
    await shootBothLanguages('my-apps-limits', ['An MQTT 3.1.1 and 5.0 broker, packaged for Berth.']);
  });

  it('point 2 (Chinese): joining with a wrong folder says so in the join card, in the reader’s language', async () => {
    const p = ninaBrowser.page;
    await p.getByRole('heading', { name: 'Welcome to Berth' }).waitFor();
    const card = p.getByTestId('join-card');
    const missing = join(storeDir, 'no-such-folder');
    await card.getByLabel('Folder').fill(missing);
    await p.getByTestId('join-catalog').click();
    const problem = card.getByTestId('join-problem');
    await problem.getByText(`There is no folder at ${missing} on this computer.`, { exact: false }).waitFor();
    // one failure, one message: said in the card, not also as a notification
    expect(await p.locator('.mantine-Notification-root').count()).toBe(0);
    expect(await problem.textContent()).not.toContain('Your work is kept');
    await shootBothLanguages('welcome-join-no-folder', [], { berth: nina, page: p });
    await switchLanguage(nina, p, 'zh-CN');
    await problem.getByText(`此电脑上没有文件夹 ${missing}。`, { exact: false }).waitFor();
    await switchLanguage(nina, p, 'en');
    // a folder that is there but holds no catalog
    await card.getByLabel('Folder').fill(iris.dataDir);
    await p.getByTestId('join-catalog').click();
    await problem.getByText(`The folder ${iris.dataDir} holds no Berth catalog.`, { exact: false }).waitFor();
  });

  it('Chinese: a browser set to Chinese gets 简体中文 on the first run, before anyone picks a language', async () => {
    const fresh = await startBerth();
    const zh = await openBrowser(fresh.url, { width: 1366, height: 860 }, { locale: 'zh-CN' });
    try {
      await zh.page.getByRole('heading', { name: '欢迎使用 Berth' }).waitFor();
      expect(await zh.page.locator('html').getAttribute('lang')).toBe('zh-CN');
      expect(await englishInChinese(zh.page)).toEqual([]);
      // nothing was chosen yet: the saved setting still says so
      expect((await api(fresh, 'settings.get', {})).languageChosen).toBeFalsy();
    } finally {
      await zh.close();
      await stopBerths([fresh]);
    }
  });

  it('point 7: at 1024×700 notifications cover neither the admin tab row, the category row actions nor the create button', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await go(page, '#/admin/categories');
    const toasts = page.locator('.mantine-Notification-root');
    const closeAll = () =>
      expect
        .poll(async () => {
          await page.evaluate(() => document.querySelectorAll<HTMLElement>('.mantine-Notification-closeButton').forEach((b) => b.click()));
          return toasts.count();
        })
        .toBe(0);
    await closeAll();
    const name = page.getByTestId('new-category');
    for (const c of ['IoT', 'Big data', 'Message queue', 'Middleware']) {
      await name.fill(c);
      await page.getByTestId('create-category').click();
      await page.getByRole('cell', { name: c, exact: true }).waitFor();
    }
    // one at a time, the newest: a stack of them reached down over the tab row
    await page.locator('.mantine-Notification-root').getByText('Category “Middleware” was created.').waitFor();
    expect(await toasts.count()).toBe(1);
    await page.waitForTimeout(500);
    const toastBoxes = (await Promise.all((await toasts.all()).map((t) => t.boundingBox()))).filter((b): b is Box => !!b);
    const targets = [
      ...(await page.getByRole('tab').all()),
      ...(await page.locator('table button, table a').all()),
      page.getByTestId('create-category'),
      page.getByTestId('sync-indicator'),
    ];
    for (const target of targets) {
      const box = await target.boundingBox();
      if (!box) continue;
      for (const t of toastBoxes)
        expect(overlaps(t, box), `a notification covers “${(await target.getAttribute('aria-label')) ?? (await target.innerText())}”`).toBe(false);
    }
    // the header keeps its last control inside the window, whatever the sync label says
    const pendingLabel = await page.getByTestId('sync-indicator').innerText();
    const identity = await page.getByTestId('identity-menu').boundingBox();
    expect(identity!.x + identity!.width, `the identity menu is cut at 1024 px beside “${pendingLabel}”`).toBeLessThanOrEqual(1024 - 8);
    // photographed as they show (keepScreenshot would clear them first)
    await page.screenshot({ path: join(repoRoot, 'docs', 'screenshots', 'toasts-1024-en.png') });
    await switchLanguage(iris, page, 'zh-CN');
    // close the English ones (a queued one shows when another closes)
    await closeAll();
    for (const c of ['物联网', '大数据']) {
      await name.fill(c);
      await page.getByTestId('create-category').click();
      await page.getByRole('cell', { name: c, exact: true }).waitFor();
    }
    await page.locator('.mantine-Notification-root').getByText('分类“大数据”已创建。', { exact: false }).waitFor();
    const identityZh = await page.getByTestId('identity-menu').boundingBox();
    expect(identityZh!.x + identityZh!.width, 'the identity menu is cut at 1024 px in Chinese').toBeLessThanOrEqual(1024 - 8);
    await page.screenshot({ path: join(repoRoot, 'docs', 'screenshots', 'toasts-1024-zh-CN.png') });
    for (const t of await englishInChinese(page, ['Big data', 'Message queue', 'Middleware']))
      languageProblems.push(`toasts-1024 (zh-CN): English sentence “${t}”`);
    await switchLanguage(iris, page, 'en');
    await page.setViewportSize({ width: 1366, height: 860 });
  });

  it('point 7: at 1024×700 the welcome page’s Join button stays clear of notifications and its error', async () => {
    const p = ninaBrowser.page;
    await p.setViewportSize({ width: 1024, height: 700 });
    await p.getByTestId('join-catalog').scrollIntoViewIfNeeded();
    const join = await p.getByTestId('join-catalog').boundingBox();
    const problem = await p.getByTestId('join-card').getByTestId('join-problem').boundingBox();
    expect(join && problem && !overlaps(join, problem)).toBe(true);
    // the notification area starts under the header, at the top: a bottom button is never under it
    const area = await p.evaluate(() => {
      const root = document.querySelector('.mantine-Notifications-root');
      return root ? { top: root.getBoundingClientRect().top, position: root.getAttribute('data-position') } : undefined;
    });
    expect(area?.position).toBe('top-center');
    expect(area!.top).toBeGreaterThanOrEqual(60);
    await p.setViewportSize({ width: 1366, height: 860 });
  });

  it('point 8: the document says its language, and English sets curly quotes in its Latin font, not the CJK one', async () => {
    /** Widths in px of ten ’ and ten “: in the page's own font, in the Latin fonts of the English stack, and in Noto Sans CJK SC set as Chinese. */
    const widths = () =>
      page.evaluate(() => {
        const measure = (text: string, font?: string, lang?: string) => {
          const span = document.createElement('span');
          span.textContent = text.repeat(10);
          if (font) span.style.fontFamily = font;
          if (lang) span.lang = lang;
          document.body.appendChild(span);
          const w = span.getBoundingClientRect().width;
          span.remove();
          return w;
        };
        const latin = "'Noto Sans', 'Liberation Sans', 'DejaVu Sans', sans-serif";
        const cjk = "'Noto Sans CJK SC'";
        return {
          lang: document.documentElement.lang,
          apostrophe: measure('’'),
          apostropheLatin: measure('’', latin, 'en'),
          apostropheCjk: measure('’', cjk, 'zh-CN'),
          quote: measure('“'),
          quoteLatin: measure('“', latin, 'en'),
          quoteCjk: measure('“', cjk, 'zh-CN'),
        };
      });
    await switchLanguage(iris, page, 'en');
    const en = await widths();
    expect(en.lang).toBe('en');
    // in English ’ and “ come from the Latin font, not from the CJK one
    expect(Math.abs(en.apostrophe - en.apostropheLatin)).toBeLessThan(0.5);
    expect(Math.abs(en.quote - en.quoteLatin)).toBeLessThan(0.5);
    expect(Math.abs(en.apostrophe - en.apostropheCjk)).toBeGreaterThan(2);
    await switchLanguage(iris, page, 'zh-CN');
    const zh = await widths();
    expect(zh.lang).toBe('zh-CN');
    // in Chinese the CJK font comes first and sets the quotes
    expect(Math.abs(zh.quote - zh.quoteCjk)).toBeLessThan(0.5);
    await switchLanguage(iris, page, 'en');
  });

  it('said every screen in one language: no English sentence nor ASCII punctuation in 简体中文, no full-width punctuation in English', () => {
    expect(languageProblems).toEqual([]);
  });
});
