import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { CallName, RequestOf, ResultOf } from '../../../shared/contract';
import { repoRoot, type RunningBerth } from './berth';
import { screenshot } from './browser';
import { settle } from './ui';

export const base64 = (file: string) => readFileSync(file).toString('base64');

/** Calls the contract of a running Berth directly (setup steps that are not under test). */
export async function api<K extends CallName>(berth: RunningBerth, name: K, request: RequestOf<K>): Promise<ResultOf<K>> {
  const url = new URL(berth.url);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  const res = await fetch(`${url.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(request),
  });
  const body = (await res.json()) as { ok: boolean; value: ResultOf<K>; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
  return body.value;
}

/** Moves the page to a route, e.g. `#/review/version/<id>`. */
export async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash);
}

/** Changes the language in the settings (not through the menu) and waits for the page to follow. */
export async function switchLanguage(berth: RunningBerth, page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  await api(berth, 'settings.update', { language });
  await page.waitForFunction((l) => document.documentElement.lang === l, language);
}

/** Saves a screenshot under test-results/screenshots; the ones in `docShots` (those docs/ui.md shows) are copied to docs/screenshots/<name>.png. */
export async function keepScreenshot(page: Page, name: string, docShots: readonly string[]): Promise<void> {
  await settle(page);
  const file = await screenshot(page, name);
  if (!docShots.includes(name)) return;
  mkdirSync(join(repoRoot, 'docs', 'screenshots'), { recursive: true });
  copyFileSync(file, join(repoRoot, 'docs', 'screenshots', `${name}.png`));
}
