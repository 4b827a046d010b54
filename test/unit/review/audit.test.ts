/**
 * Review events someone had no right to write (forged into the shared store by hand) reach
 * every machine but have no effect: the audit shows them refused, with the reason, and the
 * review state ignores them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerReviewEvents } from '../../../src-main/review/audit';
import { loadSqlJs } from '../../../src-main/catalog/sqlite';
import { ReviewService } from '../../../src-main/review/review-service';
import { cleanup, fixture, outsider, person, reopen, type Person } from '../catalog/people';

describe('review events in the audit', () => {
  const mallory = outsider();
  let ada: Person;
  let catalog = '';
  let app = '';
  let version = '';

  beforeAll(async () => {
    registerReviewEvents();
    ada = person('Ada');
    await ada.sync.init('Audit', { kind: 'folder', path: `${ada.dataDir}-store` });
    catalog = ada.core.catalogId()!;
    await ada.commands.createWorkspace({ name: 'ws' });
    const created = await ada.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    app = created.id;
    version = created.versions[0].id;
  });
  afterAll(async () => {
    await ada?.close();
    cleanup(ada.dataDir, `${ada.dataDir}-store`);
  });

  it('refuses a comment from someone outside the workspace who is not a reviewer, and the threads ignore it', async () => {
    const forged = mallory.write(catalog, 'review.comment.add', {
      comment: 'cforged',
      app,
      version,
      anchor: { kind: 'changelog', line: 1 },
      body: 'Buy my chart instead.',
    });
    await ada.core.ingest([forged], { outbox: false });
    const [row] = (await ada.queries.audit({ outcome: 'refused', limit: 1 })).records;
    expect(row).toMatchObject({
      eventId: forged.id,
      action: 'review.comment.add',
      outcome: 'refused',
      reason: 'Only members of the app’s workspace and reviewers take part in its review.',
    });
    const tools = new ReviewService({ catalog: () => ada, tools: async () => ({}) });
    expect(await tools.comments.list(version)).toEqual([]);
  });

  it('refuses malformed review data and waivers asked by anyone but the app’s ISVs', async () => {
    const malformed = mallory.write(catalog, 'review.comment.add', { comment: 'c2', app, version, body: 'no anchor' });
    const waiver = mallory.write(catalog, 'review.waiver.request', { waiver: 'w1', version, check: 'lint', reason: 'trust me' });
    await ada.core.ingest([malformed, waiver], { outbox: false });
    const rows = (await ada.queries.audit({ outcome: 'refused', limit: 10 })).records;
    expect(rows.find((r) => r.eventId === malformed.id)?.reason).toBe('Its review.comment.add data is malformed.');
    expect(rows.find((r) => r.eventId === waiver.id)?.reason).toBe('Only the app’s ISVs ask for waivers.');
  });

  it('tells an ISV’s own comment in plain words, with the role and the version it is about', async () => {
    const tools = new ReviewService({ catalog: () => ada, tools: async () => ({}) });
    await tools.comments.add(version, { kind: 'manifest', path: 'templates/service.yaml', line: 7, lineText: '  type: ClusterIP' }, 'NodePort for the demo?');
    const [row] = (await ada.queries.audit({ app, limit: 1 })).records;
    expect(row).toMatchObject({ action: 'review.comment.add', outcome: 'applied', role: 'isv', appName: 'emqx', versionName: 'v1.0.0-rc.1' });
    expect(row.message).toBe('Ada commented on the rendered templates/service.yaml line 7 of v1.0.0-rc.1: “NodePort for the demo?”');
  });

  it('carries each review sentence as a translation key with its values, the person’s words kept as written', async () => {
    const tools = new ReviewService({ catalog: () => ada, tools: async () => ({}) });
    const thread = await tools.comments.add(
      version,
      { kind: 'diff', of: 'manifest', path: 'templates/service.yaml', line: 3, side: 'new', base: version },
      'Why ClusterIP?\nsecond line',
    );
    await tools.comments.reply(thread.id, version, 'Because the demo has no load balancer.');
    await tools.comments.resolve(thread.id, version, true);
    // as Berth writes them once a report exists (building one needs the chart tools)
    await tools.store.append('review.waiver.request', { waiver: 'w-lint', version, check: 'lint', reason: 'Upstream chart, we do not own it.' });
    await tools.store.append('review.testDeploy.record', {
      version,
      record: { version, release: 'emqx', namespace: 'demo', outcome: 'failed', at: new Date().toISOString() },
    });
    const rows = (await ada.queries.audit({ app, limit: 5 })).records.reverse();
    const where = { anchor: 'diffManifest', path: 'templates/service.yaml', line: 3 };
    expect(rows.map((r) => r.detail)).toEqual([
      { key: 'commented', params: { who: 'Ada', version: 'v1.0.0-rc.1', ...where, text: 'Why ClusterIP?' } },
      { key: 'repliedOn', params: { who: 'Ada', version: 'v1.0.0-rc.1', ...where, text: 'Because the demo has no load balancer.' } },
      { key: 'threadResolvedOn', params: { who: 'Ada', version: 'v1.0.0-rc.1', ...where } },
      { key: 'waiverRequested', params: { who: 'Ada', check: 'lint', version: 'v1.0.0-rc.1', text: 'Upstream chart, we do not own it.' } },
      { key: 'testDeployFailed', params: { who: 'Ada', version: 'v1.0.0-rc.1', namespace: 'demo' } },
    ]);
    // the English sentence stays for `berth audit` and older readers
    expect(rows[2].message).toBe('Ada resolved a comment thread on the diff of the rendered templates/service.yaml line 3 of v1.0.0-rc.1');
  });

  it('rebuilds a view saved by an older Berth (no details), so its review rows read in the reader’s language too', async () => {
    const before = (await ada.queries.audit({ app, limit: 5 })).records;
    await ada.close();
    const file = join(ada.dataDir, 'catalog', 'view.sqlite');
    const SQL = await loadSqlJs();
    const db = new SQL.Database(readFileSync(file));
    db.run("UPDATE audit SET detail_json = NULL; UPDATE meta SET value = '2' WHERE key = 'schema'");
    writeFileSync(file, db.export());
    db.close();
    ada = reopen('Ada', ada.dataDir);
    const after = (await ada.queries.audit({ app, limit: 5 })).records;
    expect(after.map((r) => r.detail)).toEqual(before.map((r) => r.detail));
    expect(after.every((r) => r.detail)).toBe(true);
  });
});
