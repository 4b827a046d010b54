/**
 * Artifact Hub metadata where reviewers and store users look, in a real browser: a chart made for
 * Artifact Hub is uploaded with the CLI (its changelog comes from artifacthub.io/changes), the
 * reviewer sees the security-updates badge and the Artifact Hub tab (with what Berth left out of
 * hostile annotations), and after release the store page shows the same, in English and Chinese.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerChart } from '../services/artifacthub-chart';
import { go, switchLanguage } from './harness/api';
import { berthCli, buildIfNeeded, removeDir, startBerth, tempDir, type RunningBerth } from './harness/berth';
import { openBrowser, screenshot, type OpenBrowser } from './harness/browser';
import { selectTab, settle } from './harness/ui';

describe('Artifact Hub annotations in review and in the store', () => {
  const dataDir = tempDir('ah-data');
  const storeDir = tempDir('ah-store');
  let berth: RunningBerth;
  let browser: OpenBrowser;
  let app = '';
  let version = '';

  beforeAll(async () => {
    buildIfNeeded();
    const chart = join(dataDir, 'ledger-2.1.0.tgz');
    writeFileSync(chart, ledgerChart('2.1.0'));
    berthCli(dataDir, 'catalog', 'init', '--name', 'Artifact Hub test', '--folder', storeDir);
    berthCli(dataDir, 'workspace', 'create', 'demo-workspace');
    const created = JSON.parse(berthCli(dataDir, 'app', 'create', '--chart', chart, '--workspace', 'demo-workspace', '--json')) as {
      id: string;
      versions: { id: string }[];
    };
    app = created.id;
    version = created.versions[0].id;
    berthCli(dataDir, 'version', 'submit', version);
    berth = await startBerth({ dataDir });
    browser = await openBrowser(berth.url);
    browser.page.setDefaultTimeout(30_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await berth?.stop();
    removeDir(dataDir);
    removeDir(storeDir);
  });

  it('shows the reviewer the badge, the changes with their kinds and what was left out', async () => {
    const page = browser.page;
    await go(page, `#/review/version/${version}`);
    await expect.poll(() => page.getByTestId('security-updates').count()).toBe(1);
    await selectTab(page, 'Artifact Hub');
    const panel = page.getByTestId('artifacthub-panel');
    await expect.poll(() => panel.innerText()).toContain('Support for TLS listeners');
    const text = await panel.innerText();
    expect(text).toContain('ledgers.acme.example');
    expect(text).toContain('Entry 2 of artifacthub.io/links has no http(s) url; Berth left it out.');
    // the hostile javascript: link never becomes a link
    expect(await panel.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await panel.locator('a[href="https://github.com/acme/ledger/pull/12"]').count()).toBe(1);
    await settle(page);
    await screenshot(page, 'artifacthub-review-en');
  });

  it('shows store users the same after release, in both languages', async () => {
    berthCli(dataDir, 'version', 'approve', version);
    berthCli(dataDir, 'version', 'release', version);
    const page = browser.page;
    await go(page, `#/store/app/${app}`);
    await expect.poll(() => page.getByTestId('artifacthub-badges').innerText()).toContain('Security updates');
    expect(await page.getByTestId('artifacthub-badges').innerText()).toContain('Apache-2.0');
    await switchLanguage(berth, page, 'zh-CN');
    await expect.poll(() => page.getByTestId('artifacthub-badges').innerText()).toContain('安全更新');
    await selectTab(page, 'Artifact Hub');
    await expect.poll(() => page.getByTestId('artifacthub-panel').innerText()).toContain('新增');
    await settle(page);
    await screenshot(page, 'artifacthub-store-zh-CN');
    await switchLanguage(berth, page, 'en');
  });
});
