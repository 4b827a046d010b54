/**
 * The review tools in the real pages (not a gallery): Ravi reviews emqx v4.0.2 on the review
 * page and Iris, the ISV, answers in My apps, each on their own Berth (browser mode) sharing
 * one folder store. Line comments on a diff and on a rendered manifest, a reply and a
 * resolution across syncs, a waiver of a failed check asked by the ISV and accepted by the
 * reviewer, a rejection citing a thread, the comparison of the two versions, and the audit
 * telling all of it in plain words.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, base64, go, switchLanguage } from './harness/api';
import { berthCli, fixturesDir, repoRoot } from './harness/berth';
import { screenshot } from './harness/browser';
import { teamSuite } from './harness/team-suite';
import { selectTab, settle, syncNow } from './harness/ui';

/** Saves a screenshot and keeps a copy for the docs. */
async function shoot(page: Page, name: string, docs?: string): Promise<void> {
  await page.mouse.move(0, 0);
  await settle(page);
  const file = await screenshot(page, name);
  if (docs) {
    mkdirSync(join(repoRoot, 'docs', 'screenshots'), { recursive: true });
    copyFileSync(file, join(repoRoot, 'docs', 'screenshots', `${docs}.png`));
  }
}

async function tab(page: Page, name: string): Promise<void> {
  await selectTab(page, name, { exact: true });
}

describe('review comments, waivers and comparison in the real review page and My apps', () => {
  let v2 = '';
  let diffLine = 0;
  let waivedCheck = '';
  const team = teamSuite({
    name: 'review-real',
    viewport: { width: 1440, height: 900 },
    browsers: ({ iris, ravi }) => ({ isv: iris.url, reviewer: ravi.url }),
    async prepare({ iris, ravi, app, v1 }) {
      await api(iris, 'report.submit', { version: v1, changelog: 'First release of EMQ X on Berth.', kubeVersions: ['1.21', '1.29'] });
      await api(iris, 'catalog.sync', {});
      await api(ravi, 'catalog.sync', {});
      await api(ravi, 'version.approve', { version: v1 });
      // an open thread on v1.0.0-rc.1 carries to the next version's review
      await api(ravi, 'comment.add', {
        version: v1,
        anchor: { kind: 'file', path: 'values.yaml', line: 18, lineText: 'accessMode: ReadWriteOnce' },
        body: 'Consider ReadWriteMany, so pods can move between nodes.',
      });
      await api(ravi, 'catalog.sync', {});
      await api(iris, 'catalog.sync', {});
      v2 = (await api(iris, 'version.add', { app, chart: base64(join(fixturesDir, 'emqx-v4.0.2.tgz')) })).id;
      await api(iris, 'report.submit', { version: v2, changelog: 'EMQ X 4.0.2.\nreplicas is now replicaCount.', kubeVersions: ['1.21', '1.29'] });
      await api(iris, 'catalog.sync', {});
      await api(ravi, 'catalog.sync', {});
    },
  });

  beforeAll(async () => {
    for (const p of Object.values(team.pages)) await p.getByTestId('sync-indicator').waitFor();
  });

  it('1. Ravi comments on a line of the diff against v1.0.0-rc.1 on the review page', async () => {
    await go(team.pages.reviewer, `#/review/version/${v2}`);
    await team.pages.reviewer.getByRole('heading', { name: 'emqx' }).waitFor();
    await tab(team.pages.reviewer, 'Diff');
    await team.pages.reviewer.getByRole('button', { name: /^values\.yaml/ }).click();
    // at 1024 px a long line wraps between tokens, never inside one (issue 16: tokens were split mid-word)
    await team.pages.reviewer.setViewportSize({ width: 1024, height: 700 });
    const longLine = team.pages.reviewer.locator('tr[data-diff-row]', { hasText: 'EMQX_CLUSTER__K8S__APISERVER:' }).first();
    await longLine.waitFor();
    const lines = await longLine.evaluate((tr) => {
      const linesOf = (token: string) => {
        const walker = document.createTreeWalker(tr, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent!.indexOf(token);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + token.length);
          return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
        }
        return -1;
      };
      return { key: linesOf('EMQX_CLUSTER__K8S__APISERVER:'), url: linesOf('https://kubernetes.default.svc:443') };
    });
    expect(lines.key).toBe(1);
    expect(lines.url).toBe(1);
    await team.pages.reviewer.setViewportSize({ width: 1440, height: 900 });
    const row = team.pages.reviewer.locator('tr[data-diff-row]', { hasText: 'replicaCount:' }).first();
    await row.hover();
    const add = row.locator('[data-testid^="add-diff-comment-new-"]');
    diffLine = Number((await add.getAttribute('data-testid'))!.split('-').pop());
    await add.click();
    await team.pages.reviewer.getByTestId('comment-text').fill('replicas became replicaCount: say so in the changelog, upgrades will drop the old key.');
    await team.pages.reviewer.getByTestId('send-comment').click();
    const thread = team.pages.reviewer.getByTestId('thread').filter({ hasText: 'replicas became replicaCount' });
    await thread.waitFor();
    await thread.scrollIntoViewIfNeeded();
    await shoot(team.pages.reviewer, 'review-real-diff-comment', 'review-comments');
    const stored = (await api(team.ravi, 'comment.list', { version: v2 })).find((t) => t.version === v2)!;
    expect(stored.anchor).toMatchObject({
      kind: 'diff',
      path: 'values.yaml',
      side: 'new',
      line: diffLine,
      base: team.v1,
      lineText: expect.stringContaining('replicaCount:'),
    });
  });

  it('2. Ravi comments on a line of a rendered manifest', async () => {
    await tab(team.pages.reviewer, 'Rendered manifests');
    const statefulSet = team.pages.reviewer.locator('.mantine-Accordion-item', { hasText: 'templates/StatefulSet.yaml' }).first();
    if (!(await statefulSet.locator('tr[data-line="1"]').isVisible())) await statefulSet.locator('.mantine-Accordion-control').click();
    const line = statefulSet.locator('tr[data-line="4"]');
    await line.hover();
    await statefulSet.getByTestId('add-comment-4').click();
    await team.pages.reviewer.getByTestId('comment-text').fill('Name the StatefulSet after the release only, like the Service.');
    await team.pages.reviewer.getByTestId('send-comment').click();
    await statefulSet.getByTestId('thread').filter({ hasText: 'Name the StatefulSet' }).waitFor();
    await expect.poll(async () => (await api(team.ravi, 'comment.list', { version: v2 })).map((t) => t.anchor.kind).sort()).toEqual(['diff', 'file', 'manifest']);
  });

  it('3. Ravi comments on a line of the diff of the rendered manifests, and finds it on the manifest too', async () => {
    await tab(team.pages.reviewer, 'Diff');
    await team.pages.reviewer.locator('.mantine-SegmentedControl-root').getByText('Rendered manifests').click();
    await team.pages.reviewer.getByRole('button', { name: /^templates\/StatefulSet\.yaml/ }).click();
    const row = team.pages.reviewer
      .locator('tr[data-diff-row]')
      .filter({ has: team.pages.reviewer.locator('td[class*="added"]') })
      .first();
    await row.hover();
    await row.locator('[data-testid^="add-diff-comment-new-"]').click();
    await team.pages.reviewer.getByTestId('comment-text').fill('This changed in the rendered StatefulSet: intended?');
    await team.pages.reviewer.getByTestId('send-comment').click();
    await team.pages.reviewer.getByTestId('thread').filter({ hasText: 'This changed in the rendered StatefulSet' }).waitFor();
    const stored = (await api(team.ravi, 'comment.list', { version: v2 })).find((t) => t.anchor.kind === 'diff' && t.anchor.of === 'manifest');
    expect(stored?.anchor).toMatchObject({ path: 'templates/StatefulSet.yaml', side: 'new', base: team.v1 });
    await tab(team.pages.reviewer, 'Rendered manifests');
    const statefulSet = team.pages.reviewer.locator('.mantine-Accordion-item', { hasText: 'templates/StatefulSet.yaml' }).first();
    if (!(await statefulSet.locator('tr[data-line="1"]').isVisible())) await statefulSet.locator('.mantine-Accordion-control').click();
    await statefulSet.locator(`tr[data-line="${stored!.anchor.line}"] + tr`).getByText('This changed in the rendered StatefulSet').waitFor();
  });

  it('4. Ravi comments on a line of the changelog', async () => {
    await tab(team.pages.reviewer, 'App info & changelog');
    await team.pages.reviewer.getByTestId('changelog-view').getByText('Comment on lines').click();
    const line = team.pages.reviewer.locator('tr[data-line="2"]');
    await line.hover();
    await team.pages.reviewer.getByTestId('add-comment-2').click();
    await team.pages.reviewer.getByTestId('comment-text').fill('Say what users must change in their values.');
    await team.pages.reviewer.getByTestId('send-comment').click();
    await team.pages.reviewer.getByTestId('thread').filter({ hasText: 'Say what users must change' }).waitFor();
    const changelog = (await api(team.ravi, 'comment.list', { version: v2 })).find((t) => t.anchor.kind === 'changelog');
    expect(changelog?.anchor).toEqual({ kind: 'changelog', line: 2, lineText: 'replicas is now replicaCount.' });
  });

  it('5. Iris sees the threads next to her files in My apps after a sync, replies, and asks to waive a failed check', async () => {
    await syncNow(team.pages.reviewer);
    await go(team.pages.isv, `#/my-apps/app/${team.app}`);
    await syncNow(team.pages.isv);
    await tab(team.pages.isv, 'Report & comments');
    const panel = team.pages.isv.getByTestId('comments-panel');
    await expect.poll(() => panel.getByTestId('thread').count()).toBe(5);
    // next to her files: values.yaml shows the diff thread at its line of v4.0.2, and the
    // thread still open from v1.0.0-rc.1 at the line where its text is now
    await panel.locator('[data-target="file:values.yaml"]').click();
    const onFile = panel.getByTestId('thread').filter({ hasText: 'replicas became replicaCount' });
    await onFile.waitFor();
    const carried = panel.getByTestId('thread').filter({ hasText: 'Consider ReadWriteMany' });
    await carried.getByText('carried from v1.0.0-rc.1').waitFor();
    expect(await panel.locator('tr[data-line="19"] + tr').getByText('Consider ReadWriteMany').count()).toBe(1);
    const rowAbove = panel.locator(`tr[data-line="${diffLine}"]`);
    await expect.poll(() => rowAbove.getAttribute('class')).toBeTruthy();
    await onFile.getByTestId('reply').click();
    await onFile.getByTestId('reply-text').fill('Done: the changelog now says how to carry replicas over.');
    await onFile.getByTestId('send-reply').click();
    await onFile.getByText('Done: the changelog now says').waitFor();
    await carried.scrollIntoViewIfNeeded();
    await shoot(team.pages.isv, 'review-real-isv-comments', 'review-comments-isv');
    // the manifest thread sits under its rendered template
    await panel.locator('[data-target="manifest:templates/StatefulSet.yaml"]').click();
    await panel.getByTestId('thread').filter({ hasText: 'Name the StatefulSet' }).waitFor();
    await panel.locator('[data-target="changelog"]').click();
    await panel.locator('tr[data-line="2"] + tr').getByText('Say what users must change').waitFor();

    const failed = team.pages.isv.locator('[data-testid="report-check"][data-status="fail"]').first();
    waivedCheck = (await failed.getAttribute('data-check'))!;
    expect(waivedCheck).toBeTruthy();
    await failed.getByTestId('ask-waiver').click();
    await failed.getByTestId('waiver-reason').fill('RBAC moves to rbac.authorization.k8s.io/v1 in the next release; this one is for clusters before 1.22.');
    await failed.getByTestId('send-waiver').click();
    await failed.getByText('waiver asked').waitFor();
    await syncNow(team.pages.isv);
  });

  it('6. Ravi sees the reply, resolves the thread, and accepts the waiver in the report', async () => {
    await syncNow(team.pages.reviewer);
    await tab(team.pages.reviewer, 'Comments');
    const panel = team.pages.reviewer.getByTestId('comments-panel');
    const thread = panel.getByTestId('thread').filter({ hasText: 'replicas became replicaCount' });
    await thread.getByText('Done: the changelog now says').waitFor();
    await thread.getByTestId('resolve').click();
    await expect.poll(() => panel.getByTestId('thread').count()).toBe(4);

    await tab(team.pages.reviewer, 'Report');
    const asked = team.pages.reviewer.locator(`[data-testid="report-check"][data-check="${waivedCheck}"]`);
    await asked.getByText('waiver asked').waitFor();
    await asked.getByTestId('waiver-note').fill('Accepted for clusters before 1.22; please ship the v1 RBAC soon.');
    await asked.getByTestId('accept-waiver').click();
    await expect.poll(() => asked.getAttribute('data-effective')).toBe('pass');
    await asked.getByText('waiver accepted').waitFor();
    await asked.scrollIntoViewIfNeeded();
    await shoot(team.pages.reviewer, 'review-real-report', 'review-report');
    await syncNow(team.pages.reviewer);

    await syncNow(team.pages.isv);
    const threads = await api(team.iris, 'comment.list', { version: v2 });
    expect(threads.map((t) => [t.anchor.kind, t.resolved, t.comments.map((c) => c.authorName)]).sort()).toEqual([
      ['changelog', false, ['Ravi']],
      ['diff', false, ['Ravi']],
      ['diff', true, ['Ravi', 'Iris']],
      ['file', false, ['Ravi']],
      ['manifest', false, ['Ravi']],
    ]);
    const report = await api(team.iris, 'report.get', { version: v2 });
    expect(report?.checks.filter((c) => c.waiver).map((c) => [c.waiver!.state, c.effective])).toEqual([['accepted', 'pass']]);
  });

  it('7. compares the two versions from the review page, and comments on a line of the comparison', async () => {
    await tab(team.pages.reviewer, 'Compare versions');
    const compare = team.pages.reviewer.getByTestId('compare-panel');
    await compare.getByTestId('values-diff').waitFor();
    expect(await compare.locator('[data-testid="values-diff"] tr[data-path="replicaCount"]').count()).toBe(1);
    await compare.getByRole('tab', { name: /^Files/ }).click();
    await compare.getByRole('button', { name: /templates\/StatefulSet\.yaml/ }).click();
    const added = compare.locator('tr', { hasText: /^\+/ }).first();
    await added.hover();
    await added.locator('[data-testid^="add-diff-comment-new-"]').click();
    await team.pages.reviewer.getByTestId('comment-text').fill('Why did the probes move?');
    await team.pages.reviewer.getByTestId('send-comment').click();
    await compare.getByTestId('thread').filter({ hasText: 'Why did the probes move?' }).waitFor();
    await compare.getByRole('tab', { name: /^Values/ }).click();
    await compare.getByTestId('values-diff').scrollIntoViewIfNeeded();
    await shoot(team.pages.reviewer, 'review-real-compare', 'review-compare');
  });

  it('8. Ravi rejects v4.0.2 citing the open manifest thread; Iris sees the reason and the thread marked', async () => {
    await team.pages.reviewer.getByTestId('reject').click();
    await team.pages.reviewer.getByTestId('decision-text').fill('Almost there; see the review comments.');
    await team.pages.reviewer.getByRole('checkbox', { name: /Name the StatefulSet/ }).check();
    await team.pages.reviewer.getByTestId('confirm-decision').click();
    await team.pages.reviewer.waitForFunction(() => window.location.hash === '#/review');
    await api(team.ravi, 'catalog.sync', {});
    await syncNow(team.pages.isv);
    const version = await api(team.iris, 'version.get', { version: v2 });
    expect(version.state).toBe('rejected');
    expect(version.rejectReason).toContain('templates/StatefulSet.yaml:4: Name the StatefulSet');
    const cited = (await api(team.iris, 'comment.list', { version: v2 })).find((t) => t.anchor.kind === 'manifest');
    expect(cited?.citedIn).toEqual([v2]);
  });

  it('9. the audit tells the review in plain words, on the page and in `berth audit`', async () => {
    await go(team.pages.reviewer, `#/review/version/${v2}`);
    await tab(team.pages.reviewer, 'History');
    const history = team.pages.reviewer.locator('.mantine-Timeline-root');
    await history.getByText(`Ravi commented on the diff of values.yaml line ${diffLine} of v4.0.2`, { exact: false }).waitFor();
    await history.getByText('Ravi commented on the rendered templates/StatefulSet.yaml line 4 of v4.0.2', { exact: false }).waitFor();
    await history.getByText(`Iris replied on the diff of values.yaml line ${diffLine} of v4.0.2`, { exact: false }).waitFor();
    await history.getByText(`Ravi resolved a comment thread on the diff of values.yaml line ${diffLine} of v4.0.2`, { exact: false }).waitFor();
    await history.getByText(/Ravi accepted the waiver of the check .+ of v4\.0\.2/).waitFor();
    expect(await history.getByText('From a newer Berth').count()).toBe(0);
    await shoot(team.pages.reviewer, 'review-real-audit');

    const audit = berthCli(team.iris.dataDir, 'audit', '--version', v2);
    expect(audit).toContain(`Ravi commented on the diff of values.yaml line ${diffLine} of v4.0.2`);
    expect(audit).toContain('Iris asked to waive the check');
    expect(audit).not.toMatch(/\bunknown\b/);
  });

  it('10. the same history reads in Simplified Chinese, what people wrote kept as written', async () => {
    await switchLanguage(team.ravi, team.pages.reviewer, 'zh-CN');
    const history = team.pages.reviewer.locator('.mantine-Timeline-root');
    await history
      .getByText(`Ravi 评论了 v4.0.2 的差异中 values.yaml 第 ${diffLine} 行：“replicas became replicaCount: say so in the changelog`, { exact: false })
      .waitFor();
    await history.getByText('Ravi 评论了 v4.0.2 的渲染结果 templates/StatefulSet.yaml 第 4 行', { exact: false }).waitFor();
    await history.getByText(`Iris 回复了 v4.0.2 的差异中 values.yaml 第 ${diffLine} 行上的评论：“Done: the changelog now says`, { exact: false }).waitFor();
    await history.getByText(`Ravi 解决了 v4.0.2 的差异中 values.yaml 第 ${diffLine} 行上的评论串`, { exact: false }).waitFor();
    await history.getByText(/Ravi 批准了 v4\.0\.2 检查项 .+ 的豁免/).waitFor();
    expect(await history.getByText(/commented on|replied on|resolved a comment thread|accepted the waiver/).count()).toBe(0);
    await shoot(team.pages.reviewer, 'review-real-audit-zh-CN');
    await switchLanguage(team.ravi, team.pages.reviewer, 'en');
  });
});
