import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';

/** Small steps the e2e tests repeat, named in the user's words. */
export function workspaceLink(page: Page, id: 'store' | 'my-apps' | 'review' | 'admin'): Locator {
  return page.locator(`nav a[data-workspace="${id}"]`);
}

export async function openWorkspace(page: Page, id: 'store' | 'my-apps' | 'review' | 'admin'): Promise<void> {
  await workspaceLink(page, id).click();
  await page.locator(`nav a[data-workspace="${id}"][aria-current="page"]`).waitFor();
}

/** Clicks the sync indicator and waits until the sync call has answered. */
export async function syncNow(page: Page): Promise<void> {
  const done = page.waitForResponse((r) => r.url().endsWith('/api/call/catalog.sync'));
  await page.getByTestId('sync-indicator').click();
  const response = await done;
  const body = (await response.json()) as { ok: boolean; error?: { message: string } };
  if (!body.ok) throw new Error(`sync failed: ${body.error?.message}`);
  await page.waitForFunction(() => document.querySelector('[data-testid="sync-indicator"]')?.getAttribute('data-sync-state') !== 'syncing');
}

export async function setLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  const current = await page.locator('html').getAttribute('lang');
  if (current === language) return;
  await page.getByTestId('language-menu').click();
  await page.getByRole('menuitem', { name: language === 'en' ? 'English' : '简体中文' }).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, language);
}

/** Saves the current view in English and in Chinese, as `<name>-en.png` and `<name>-zh-CN.png`. */
export async function shootBothLanguages(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await setLanguage(page, 'en');
  await settle(page);
  await screenshot(page, `${name}-en`);
  await setLanguage(page, 'zh-CN');
  await settle(page);
  await screenshot(page, `${name}-zh-CN`);
  await setLanguage(page, 'en');
}

/** Waits for fonts and images, and clears passing notifications, before a screenshot. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('.mantine-Notification-closeButton').forEach((b) => (b as HTMLElement).click()));
  await page.evaluate(() => document.fonts.ready);
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  await page.waitForTimeout(300);
}

export async function chooseFile(page: Page, trigger: Locator, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), trigger.click()]);
  await chooser.setFiles(file);
}

/**
 * Opens a tab and makes sure it stays open: on a loaded machine a click can land while the page
 * re-renders after a sync, so the tab is clicked again until it reports itself selected.
 */
export async function selectTab(page: Page, name: string, options: { exact?: boolean } = {}): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: options.exact });
  for (let attempt = 0; attempt < 5; attempt++) {
    await tab.click();
    await page.waitForTimeout(250);
    if ((await tab.getAttribute('aria-selected')) === 'true') return;
  }
  throw new Error(`the tab “${name}” did not open`);
}
