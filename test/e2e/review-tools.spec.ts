/**
 * The review & upgrade tools in real Chromium against two real Berths (Iris, ISV and the
 * catalog's admin; Ravi, reviewer) sharing one folder store: a schema form round trip, an
 * upgrade from emqx v1.0.0-rc.1 to v4.0.2 keeping a changed value with a conflict settled, a
 * comment thread across the two and a sync, and a waived check. The components are mounted by
 * the test gallery (review-tools/gallery), so the tests do not depend on where pages embed them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, base64 } from './harness/api';
import { fixturesDir, repoRoot } from './harness/berth';
import { screenshot } from './harness/browser';
import { teamSuite } from './harness/team-suite';
import { settle } from './harness/ui';
import { buildGallery, serveGallery, type Gallery } from './review-tools/gallery-server';

const corpus = join(repoRoot, '..', 'shared', 'corpus', 'render', 'charts');

async function open(page: Page, route: string, lang: 'en' | 'zh-CN' = 'en'): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), `#/${route}?lang=${lang}`);
  await page.getByTestId('gallery-view').waitFor();
}

describe('review & upgrade tools in the browser (ISV and reviewer, one folder store)', () => {
  const galleries: Gallery[] = [];
  let v2 = '';
  let nginx = '';
  const team = teamSuite({
    name: 'review-tools',
    viewport: { width: 1360, height: 900 },
    async prepare({ iris, ravi, app, v1, workspace }) {
      await buildGallery();
      v2 = (await api(iris, 'version.add', { app, chart: base64(join(fixturesDir, 'emqx-v4.0.2.tgz')) })).id;
      nginx = (await api(iris, 'app.create', { workspace, chart: base64(join(corpus, 'nginx-22.1.1.tgz')) })).versions[0].id;
      await api(iris, 'report.submit', {
        version: v1,
        changelog: 'First release of EMQ X on Berth.\nClustered by Kubernetes API discovery.',
        kubeVersions: ['1.21', '1.29'],
      });
      await api(iris, 'catalog.sync', {});
      await api(ravi, 'catalog.sync', {});
    },
    // the test gallery of each Berth mounts the components
    async browsers({ iris, ravi }) {
      for (const berth of [iris, ravi]) galleries.push(await serveGallery(berth.url));
      return { iris: galleries[0].url, ravi: galleries[1].url };
    },
    async cleanup() {
      for (const g of galleries) await g.close();
    },
  });

  it('1. keeps the schema form and the YAML in step, both ways, validating as you type (nginx, Bitnami schema)', async () => {
    const page = team.pages.iris;
    await open(page, `values/${nginx}`);
    await page.getByText('Form from values.schema.json').waitFor();
    const yaml = page.getByTestId('values-yaml');
    // form → YAML
    const replicas = page.locator('input[data-path="replicaCount"]');
    await replicas.fill('3');
    await expect.poll(() => yaml.inputValue()).toContain('replicaCount: 3');
    // YAML → form, with a schema problem shown at the field
    await yaml.fill('replicaCount: three\n');
    await page.getByTestId('values-invalid').waitFor();
    await page.getByText('replicaCount must be an integer, not a string ("three").').first().waitFor();
    await settle(page);
    await screenshot(page, 'review-tools-values-invalid-en');
    await yaml.fill('replicaCount: 2\nservice:\n  type: NodePort\n');
    await page.getByTestId('values-valid').waitFor();
    await expect.poll(() => replicas.inputValue()).toBe('2');
    // the changed-from-defaults view lists exactly what differs
    await page.getByText(/Changed from defaults \(2\)/).click();
    const changed = page.getByTestId('changed-from-defaults');
    await changed.getByText('replicaCount', { exact: true }).waitFor();
    await changed.getByText('service.type', { exact: true }).waitFor();
    await settle(page);
    await screenshot(page, 'review-tools-values-form-en');
    await open(page, `values/${nginx}`, 'zh-CN');
    await page.getByText('表单来自 values.schema.json').waitFor();
    await settle(page);
    await screenshot(page, 'review-tools-values-form-zh-CN');
  });

  it('2. carries a changed value from emqx v1.0.0-rc.1 to v4.0.2, with the renamed key shown and settled', async () => {
    const page = team.pages.iris;
    await open(page, `compare/${team.app}/${team.v1}/${v2}`);
    await page.getByRole('tab', { name: /Values \(/ }).click();
    await page.getByText('replicas seems to have moved to replicaCount').waitFor();
    await page.locator('[data-testid="values-diff"] tr[data-path="image"]').getByText('type changed').waitFor();
    await page.getByTestId('compare-values').fill('replicas: 5\npersistence:\n  enabled: true\n');
    await page.getByRole('tab', { name: 'Carry values' }).click();
    const conflict = page.locator('[data-conflict="renamed:replicas"]');
    await conflict.getByText('replicas seems to have become replicaCount in the new version.').waitFor();
    await conflict.getByRole('radio', { name: 'Move my value to replicaCount' }).check();
    await settle(page);
    await screenshot(page, 'review-tools-upgrade-en');
    await page.getByTestId('settle').click();
    const carried = page.getByTestId('carried-values');
    await expect.poll(() => carried.textContent()).toContain('replicaCount: 5');
    expect(await carried.textContent()).toContain('enabled: true');
    expect(await carried.textContent()).not.toContain('replicas:');
    await open(page, `compare/${team.app}/${team.v1}/${v2}`, 'zh-CN');
    await page.getByTestId('compare-panel').waitFor();
    await settle(page);
    await screenshot(page, 'review-tools-compare-zh-CN');
  });

  it('3. a comment thread between Ravi and Iris, across a sync each way', async () => {
    await open(team.pages.ravi, `comments/${team.v1}`);
    await team.pages.ravi.locator('[data-target="file:values.yaml"]').click();
    await team.pages.ravi.locator('tr[data-line="22"]').hover();
    await team.pages.ravi.getByTestId('add-comment-22').click();
    await team.pages.ravi.getByTestId('comment-text').fill('Three replicas by default is a lot for a test cluster.');
    await team.pages.ravi.getByTestId('send-comment').click();
    await team.pages.ravi.getByTestId('thread').waitFor();
    await api(team.ravi, 'catalog.sync', {});
    await api(team.iris, 'catalog.sync', {});
    await open(team.pages.iris, `comments/${team.v1}`);
    const thread = team.pages.iris.getByTestId('thread');
    await thread.getByText('Three replicas by default is a lot for a test cluster.').waitFor();
    await thread.getByTestId('reply').click();
    await thread.getByTestId('reply-text').fill('EMQ X needs a quorum of three.');
    await thread.getByTestId('send-reply').click();
    await thread.getByText('EMQ X needs a quorum of three.').waitFor();
    await api(team.iris, 'catalog.sync', {});
    await api(team.ravi, 'catalog.sync', {});
    await open(team.pages.ravi, `comments/${team.v1}`);
    await team.pages.ravi.locator('[data-target="file:values.yaml"]').click();
    const seen = team.pages.ravi.getByTestId('thread');
    await seen.getByText('EMQ X needs a quorum of three.').waitFor();
    await settle(team.pages.ravi);
    await screenshot(team.pages.ravi, 'review-tools-comments-en');
    await seen.getByTestId('resolve').click();
    await team.pages.ravi.getByRole('switch', { name: 'Show resolved' }).check({ force: true });
    await team.pages.ravi.locator('[data-testid="thread"][data-resolved="true"]').waitFor();
    await api(team.ravi, 'catalog.sync', {});
    await api(team.iris, 'catalog.sync', {});
    const threads = await api(team.iris, 'comment.list', { version: team.v1 });
    expect(threads.map((t) => [t.resolved, t.resolvedByName, t.comments.map((c) => c.authorName)])).toEqual([[true, 'Ravi', ['Ravi', 'Iris']]]);
    await open(team.pages.iris, `comments/${team.v1}`, 'zh-CN');
    await team.pages.iris.getByRole('switch', { name: '显示已解决' }).check({ force: true });
    await settle(team.pages.iris);
    await screenshot(team.pages.iris, 'review-tools-comments-zh-CN');
  });

  it('4. Iris asks to waive the test-deploy check, Ravi accepts it after a sync, and the report exports', async () => {
    await open(team.pages.iris, `report/${team.v1}`);
    const check = team.pages.iris.locator('[data-testid="report-check"][data-check="test-deploy"]');
    await expect.poll(() => check.getAttribute('data-status')).toBe('warn');
    await check.getByTestId('ask-waiver').click();
    await check.getByTestId('waiver-reason').fill('Tested on our staging cluster; Berth had no access to it.');
    await check.getByTestId('send-waiver').click();
    await check.getByText('waiver asked').waitFor();
    await api(team.iris, 'catalog.sync', {});
    await api(team.ravi, 'catalog.sync', {});
    await open(team.pages.ravi, `report/${team.v1}`);
    const seen = team.pages.ravi.locator('[data-testid="report-check"][data-check="test-deploy"]');
    await seen.getByTestId('waiver-note').fill('Fine for the first release.');
    await seen.getByTestId('accept-waiver').click();
    await expect.poll(() => seen.getAttribute('data-effective')).toBe('pass');
    await seen.getByText('waiver accepted').waitFor();
    const scan = team.pages.ravi.locator('[data-testid="report-check"][data-check="api-scan"]');
    expect(await scan.getAttribute('data-status')).toBe('fail');
    await settle(team.pages.ravi);
    await screenshot(team.pages.ravi, 'review-tools-report-en');
    const download = team.pages.ravi.waitForEvent('download');
    await team.pages.ravi.getByTestId('export-markdown').click();
    const file = await (await download).path();
    const markdown = readFileSync(file, 'utf8');
    const view = await api(team.ravi, 'report.get', { version: team.v1 });
    expect(markdown).toContain(`Package sha256: \`${view!.report.packageSha256}\``);
    expect(markdown).toMatch(/\| Latest test deploy \| ⚠️ warning \(waived\) \|/);
    await open(team.pages.ravi, `report/${team.v1}`, 'zh-CN');
    await team.pages.ravi.getByText('提交前报告').waitFor();
    await settle(team.pages.ravi);
    await screenshot(team.pages.ravi, 'review-tools-report-zh-CN');
  });
});
