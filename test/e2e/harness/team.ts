import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach } from 'vitest';
import { api, base64 } from './api';
import { fixturesDir, removeDir, startBerth, type RunningBerth } from './berth';
import { openBrowser, screenshot, type OpenBrowser } from './browser';

export interface FolderStoreTeam {
  /** ISV and the catalog's admin. */
  iris: RunningBerth;
  /** Reviewer. */
  ravi: RunningBerth;
  workspace: string;
  /** The app Iris created (from emqx v1.0.0-rc.1 unless told otherwise), and its draft version. */
  app: string;
  v1: string;
}

/**
 * Two people on their own Berths sharing one folder store: Iris creates the catalog "Demo",
 * Ravi joins it and becomes reviewer, and Iris creates demo-workspace with a first app from `chart`
 * (a package path; the EMQ X v1.0.0-rc.1 draft when not given), not synced yet.
 */
export async function startFolderStoreTeam(storeDir: string, env?: Record<string, string>, chart?: string): Promise<FolderStoreTeam> {
  const [iris, ravi] = await Promise.all([startBerth({ env }), startBerth({ env })]);
  await api(iris, 'identity.rename', { displayName: 'Iris' });
  await api(ravi, 'identity.rename', { displayName: 'Ravi' });
  await api(iris, 'catalog.init', { name: 'Demo', store: { kind: 'folder', path: storeDir } });
  await api(ravi, 'catalog.connect', { store: { kind: 'folder', path: storeDir } });
  await api(iris, 'catalog.sync', {});
  await api(iris, 'member.grant', { member: (await api(ravi, 'identity.show', {})).keyId, role: 'reviewer' });
  const ws = await api(iris, 'workspace.create', { name: 'demo-workspace' });
  const created = await api(iris, 'app.create', { workspace: ws.id, chart: base64(chart ?? join(fixturesDir, 'emqx-v1.0.0-rc.1.tgz')) });
  return { iris, ravi, workspace: ws.id, app: created.id, v1: created.versions[0].id };
}

/**
 * One browser a URL, each with a generous default timeout for the slow steps (syncs, renders,
 * deploys), and the browser language `locale` if given (what a first run picks its language from).
 */
export async function openBrowsers(
  urls: string[],
  viewport: { width: number; height: number },
  timeout = 60_000,
  options: { locale?: string } = {},
): Promise<OpenBrowser[]> {
  const browsers: OpenBrowser[] = [];
  try {
    for (const url of urls) {
      const browser = await openBrowser(url, viewport, options);
      browser.page.setDefaultTimeout(timeout);
      browsers.push(browser);
    }
  } catch (e) {
    for (const b of browsers) await b.close();
    throw e;
  }
  return browsers;
}

/** Stops the Berths that started and removes their data dirs. */
export async function stopBerths(berths: (RunningBerth | undefined)[]): Promise<void> {
  for (const b of berths) {
    if (!b) continue;
    await b.stop();
    removeDir(b.dataDir);
  }
}

/**
 * For a describe whose steps build on each other: after the first failing step, saves a
 * screenshot of each page (`shots` names them) and skips the rest.
 */
export function stopAfterFirstFailure(shots: () => [Page | undefined, string][]): void {
  let broken = false;
  beforeEach((ctx) => {
    if (broken) ctx.skip();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || broken) return;
    broken = true;
    for (const [page, name] of shots()) if (page) await screenshot(page, name);
  });
}
