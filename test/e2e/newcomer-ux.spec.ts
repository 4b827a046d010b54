/**
 * Issue 16's remaining UX points, clicked through real Chromium against one browser-mode Berth
 * with no cluster at all (KUBECONFIG points at a file that does not exist): Iris is the
 * catalog's admin and the ISV of demo-workspace, with the EMQ X v1.0.0-rc.1 draft.
 * Every dialog photographed here is checked in both languages (no English sentence in 简体中文,
 * no full-width punctuation in English) and saved to docs/screenshots.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, base64, go, keepScreenshot, switchLanguage } from './harness/api';
import { buildIfNeeded, fixturesDir, removeDir, startBerth, tempDir, type RunningBerth } from './harness/berth';
import type { OpenBrowser } from './harness/browser';
import { englishInChinese, fullWidthInEnglish } from './harness/language';
import { openBrowsers, stopAfterFirstFailure, stopBerths } from './harness/team';

const DOC_SHOTS = [
  'deploy-offline-values-en',
  'deploy-offline-values-zh-CN',
  'deploy-offline-preview-en',
  'deploy-offline-preview-zh-CN',
  'my-apps-api-fix-en',
  'my-apps-api-fix-zh-CN',
];

describe('issue 16: the newcomer’s way through Berth without a cluster', () => {
  const storeDir = tempDir('ux-store');
  let iris: RunningBerth;
  let browser: OpenBrowser;
  let page: Page;
  let app = '';
  const languageProblems: string[] = [];

  /** Photographs the current view (dialogs included) in English and 简体中文 and checks each language. */
  async function shootBothLanguages(name: string, own: readonly string[] = []): Promise<void> {
    await page.mouse.move(0, 0);
    await switchLanguage(iris, page, 'en');
    await keepScreenshot(page, `${name}-en`, DOC_SHOTS);
    for (const t of await fullWidthInEnglish(page)) languageProblems.push(`${name} (en): full-width punctuation in “${t}”`);
    await switchLanguage(iris, page, 'zh-CN');
    await keepScreenshot(page, `${name}-zh-CN`, DOC_SHOTS);
    for (const t of await englishInChinese(page, own)) languageProblems.push(`${name} (zh-CN): English sentence “${t}”`);
    await switchLanguage(iris, page, 'en');
  }

  beforeAll(async () => {
    buildIfNeeded();
    iris = await startBerth({ env: { KUBECONFIG: join(storeDir, 'no-such-kubeconfig') } });
    await api(iris, 'identity.rename', { displayName: 'Iris' });
    await api(iris, 'catalog.init', { name: 'Demo', store: { kind: 'folder', path: storeDir } });
    const ws = await api(iris, 'workspace.create', { name: 'demo-workspace' });
    app = (await api(iris, 'app.create', { workspace: ws.id, chart: base64(join(fixturesDir, 'emqx-v1.0.0-rc.1.tgz')) })).id;
    [browser] = await openBrowsers([iris.url], { width: 1366, height: 860 });
    page = browser.page;
  });

  stopAfterFirstFailure(() => [[page, 'ux-failure-iris']]);

  afterAll(async () => {
    await browser?.close();
    await stopBerths([iris]);
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
    await dialog.getByTestId('quick-fix-note').getByText(/is now the draft’s package/).waitFor({ timeout: 120_000 });
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

  it('said every screen in one language: no English sentence in 简体中文, no full-width punctuation in English', () => {
    expect(languageProblems).toEqual([]);
  });
});
