/**
 * Review events someone had no right to write (forged into the shared store by hand) reach
 * every machine but have no effect: the audit shows them refused, with the reason, and the
 * review state ignores them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerReviewEvents } from '../../../src-main/catalog-ext/review-audit';
import { ReviewToolsService } from '../../../src-main/review-tools/review-tools-service';
import { cleanup, fixture, outsider, person, type Person } from '../catalog/people';

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
    const forged = mallory.write(catalog, 'review.comment.add', { comment: 'cforged', app, version, anchor: { kind: 'changelog', line: 1 }, body: 'Buy my chart instead.' });
    await ada.core.ingest([forged], { outbox: false });
    const [row] = (await ada.queries.audit({ outcome: 'refused', limit: 1 })).records;
    expect(row).toMatchObject({ eventId: forged.id, action: 'review.comment.add', outcome: 'refused', reason: 'Only members of the app’s workspace and reviewers take part in its review.' });
    const tools = new ReviewToolsService({ catalog: () => ada, tools: async () => ({}) });
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
    const tools = new ReviewToolsService({ catalog: () => ada, tools: async () => ({}) });
    await tools.comments.add(version, { kind: 'manifest', path: 'templates/service.yaml', line: 7, lineText: '  type: ClusterIP' }, 'NodePort for the demo?');
    const [row] = (await ada.queries.audit({ app, limit: 1 })).records;
    expect(row).toMatchObject({ action: 'review.comment.add', outcome: 'applied', role: 'isv', appName: 'emqx', versionName: 'v1.0.0-rc.1' });
    expect(row.message).toBe('Ada commented on the rendered templates/service.yaml line 7 of v1.0.0-rc.1: “NodePort for the demo?”');
  });
});
