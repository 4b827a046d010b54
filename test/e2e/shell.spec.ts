import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfNeeded, removeDir, startBerth, tempDir, type RunningBerth } from './harness/berth';
import { openBrowser, screenshot, type OpenBrowser } from './harness/browser';

describe('the Berth shell in browser mode', () => {
  let berth: RunningBerth;
  let browser: OpenBrowser;
  const storeDir = tempDir('shell-store');

  beforeAll(async () => {
    buildIfNeeded();
    berth = await startBerth();
    browser = await openBrowser(berth.url);
  });

  afterAll(async () => {
    await browser?.close();
    await berth?.stop();
    if (berth) removeDir(berth.dataDir);
    removeDir(storeDir);
  });

  it('welcomes a new person, who creates a catalog and lands in the store', async () => {
    const { page } = browser;
    await page.getByRole('heading', { level: 1, name: 'Welcome to Berth' }).waitFor();
    expect(page.url()).not.toContain('token=');
    // nothing to switch to before a catalog exists
    expect(await page.getByRole('navigation', { name: 'Workspaces' }).isVisible()).toBe(false);
    await screenshot(page, 'shell-welcome-en');
    await page.getByLabel('Catalog name').fill('Shell test');
    await page.getByLabel('Folder').first().fill(storeDir);
    await page.getByTestId('create-catalog').click();
    await page.getByRole('heading', { level: 1, name: 'Store' }).waitFor();
    // the creator is the catalog's admin and sees every workspace
    await expect(page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link').allInnerTexts()).resolves.toEqual([
      'Store',
      'Instances',
      'My apps',
      'Review',
      'Admin',
    ]);
  });

  it('switches workspaces by clicking and by keyboard', async () => {
    const { page } = browser;
    const nav = page.getByRole('navigation', { name: 'Workspaces' });
    await nav.getByRole('link', { name: 'Review' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Review' }).getAttribute('aria-current')).toBe('page');

    await nav.getByRole('link', { name: 'Admin' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
    // the focused control shows a visible focus ring
    const outline = await nav.getByRole('link', { name: 'Admin' }).evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await screenshot(page, 'shell-admin-en');

    await nav.getByRole('link', { name: 'Store' }).click();
    await page.getByRole('heading', { level: 1, name: 'Store' }).waitFor();
    await screenshot(page, 'shell-store-en');
  });

  it('switches to Simplified Chinese and remembers it across a reload', async () => {
    const { page } = browser;
    await page.getByTestId('language-menu').click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByRole('heading', { level: 1, name: '应用商店' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const nav = page.getByRole('navigation', { name: '工作区' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['应用商店', '实例', '我的应用', '应用审核', '平台管理']);
    await screenshot(page, 'shell-store-zh-CN');

    await nav.getByRole('link', { name: '我的应用' }).click();
    await page.getByRole('heading', { level: 1, name: '我的应用' }).waitFor();
    await screenshot(page, 'shell-my-apps-zh-CN');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: '我的应用' }).waitFor();
  });

  it('offers language and theme on the settings page, and the dark theme applies', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: '设置' }).click();
    await page.getByRole('heading', { level: 1, name: '设置' }).waitFor();
    await page.getByText('深色').click();
    await page.waitForFunction(() => document.documentElement.getAttribute('data-mantine-color-scheme') === 'dark');
    await screenshot(page, 'shell-settings-zh-CN-dark');

    await page.getByText('English').first().click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await screenshot(page, 'shell-settings-en-dark');
    await page.getByText('Light').click();
    await page.waitForFunction(() => document.documentElement.getAttribute('data-mantine-color-scheme') === 'light');
  });

  it('fits a 1024×700 window without horizontal scrolling', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: 'Store' }).click();
    await page.getByRole('heading', { level: 1, name: 'Store' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await screenshot(page, 'shell-store-en-1024');
  });
});
