import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { removeDir, repoRoot, tempDir } from './berth';

export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

export interface OpenBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium with a fresh profile, headless, nothing phoning home. */
export async function openBrowser(url: string, viewport = { width: 1280, height: 800 }, options: { locale?: string } = {}): Promise<OpenBrowser> {
  const profile = tempDir('chromium');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    // the browser's language (navigator.languages), as a person's own Chromium would send it
    ...(options.locale ? { locale: options.locale } : {}),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
      '--font-render-hinting=none',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // a crash in the page fails loudly in the test log instead of showing as a blank screen
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}\n${e.stack ?? ''}`));
  page.on('console', (m) => {
    if (m.type() === 'error') console.error(`[console] ${m.text()}`);
  });
  await page.goto(url);
  return {
    context,
    page,
    async close() {
      await context.close();
      removeDir(profile);
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
