/**
 * People acting on the same thing while apart: every machine orders events the same way
 * (hybrid logical clock, then author key, then event id), so they all reach the same state;
 * the losing event is kept and shown as superseded, with who beat it.
 */
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanup, fixture, outsider, person, tempDir, type Person } from './people';

describe('concurrent decisions', () => {
  const shared = tempDir('shared');
  const folder = { kind: 'folder' as const, path: shared };
  let ada: Person; // admin, isv
  let ivy: Person; // isv
  let rex: Person; // reviewer
  let rae: Person; // reviewer
  let appId = '';
  let version = '';
  const everyone = () => [ada, ivy, rex, rae];
  const syncAll = async () => {
    for (const p of everyone()) await p.sync.sync();
    for (const p of everyone()) await p.sync.sync();
  };
  /** Runs `fn` while the shared folder is unreachable. */
  const apart = async (fn: () => Promise<void>) => {
    renameSync(shared, `${shared}.away`);
    try {
      await fn();
    } finally {
      renameSync(`${shared}.away`, shared);
    }
  };

  beforeAll(async () => {
    [ada, ivy, rex, rae] = ['Ada', 'Ivy', 'Rex', 'Rae'].map((n) => person(n));
    await ada.sync.init('Conflicts', folder);
    for (const p of [ivy, rex, rae]) await p.sync.connect(folder);
    await ada.sync.sync();
    await ada.commands.createWorkspace({ name: 'ws' });
    await ada.commands.setWorkspaceMember({ workspace: 'ws', member: 'Ivy', role: 'isv' });
    await ada.commands.grant({ member: 'Rex', role: 'reviewer' });
    await ada.commands.grant({ member: 'Rae', role: 'reviewer' });
    const app = await ada.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    appId = app.id;
    version = app.versions[0].id;
    await ada.commands.submitVersion({ version, changelog: 'first' });
    await syncAll();
  });
  afterAll(async () => {
    for (const p of everyone()) await p?.close();
    cleanup(shared, ...everyone().map((p) => p?.dataDir));
  });

  test('two offline reviewers decide the same submission differently; all machines agree, the loser is visible', async () => {
    await apart(async () => {
      await rex.commands.versionAction('version.approve', { version, message: 'looks good' });
      await rae.commands.rejectVersion({ version, reason: 'values.yaml exposes the dashboard password' });
      // each sees their own decision while apart
      expect((await rex.queries.version(version)).state).toBe('passed');
      expect((await rae.queries.version(version)).state).toBe('rejected');
    });
    // Rae syncs first: arrival order must not matter
    await rae.sync.sync();
    await syncAll();
    const states = await Promise.all(everyone().map(async (p) => (await p.queries.version(version)).state));
    expect(states).toEqual(['passed', 'passed', 'passed', 'passed']);
    for (const p of everyone()) {
      const loser = (await p.queries.conflicts()).find((r) => r.action === 'version.reject');
      expect(loser).toMatchObject({
        outcome: 'superseded',
        authorName: 'Rae',
        message: 'values.yaml exposes the dashboard password',
        supersededBy: { authorName: 'Rex' },
      });
    }
    const trails = await Promise.all(everyone().map(async (p) => (await p.queries.audit({ limit: 1000 })).records.map((r) => `${r.eventId}:${r.outcome}`)));
    for (const t of trails) expect(t).toEqual(trails[0]);
  });

  test('two offline edits of one app’s info: one wins everywhere, the other is superseded, nothing is lost', async () => {
    await apart(async () => {
      await ada.commands.updateInfo({ app: appId, description: 'EMQ X by Ada' });
      await ivy.commands.updateInfo({ app: appId, description: 'EMQ X by Ivy' });
    });
    await ivy.sync.sync();
    await syncAll();
    const descriptions = await Promise.all(everyone().map(async (p) => (await p.queries.app(appId)).description));
    expect(new Set(descriptions).size).toBe(1);
    const winner = descriptions[0] === 'EMQ X by Ada' ? 'Ada' : 'Ivy';
    const loser = winner === 'Ada' ? 'Ivy' : 'Ada';
    const superseded = (await rex.queries.audit({ app: appId, outcome: 'superseded' })).records.find((r) => r.action === 'app.updateInfo');
    expect(superseded).toMatchObject({ authorName: loser, supersededBy: { authorName: winner } });
    expect(superseded?.reason).toContain('at the same time');
  });

  test('a follow-up built on a losing event loses too, and never reaches the store', async () => {
    const v2 = await ivy.commands.addVersion({ app: appId, chart: fixture('emqx-v4.0.2.tgz') });
    await ivy.commands.submitVersion({ version: v2.id });
    await syncAll();
    await apart(async () => {
      await ivy.commands.versionAction('version.cancel', { version: v2.id });
      await ivy.commands.submitVersion({ version: v2.id, changelog: 'resubmitted with a fix' });
      await rae.commands.rejectVersion({ version: v2.id, reason: 'too old' });
    });
    await syncAll();
    const states = await Promise.all(everyone().map(async (p) => (await p.queries.version(v2.id)).state));
    expect(new Set(states).size).toBe(1);
  });

  test('events of a type this Berth does not know are kept and passed on', async () => {
    const future = outsider();
    const rating = future.write(ada.core.catalogId()!, 'app.rate', { app: appId, stars: 5 });
    // it arrives at Ada in a catalog file, and travels on to the others through the folder
    const file = join(tempDir('future'), 'from-the-future.berth');
    const { CatalogFile } = await import('../../../src-main/sync/catalog-file');
    const cf = await CatalogFile.open(file, { create: true });
    await cf.createManifest({ format: 'berth-catalog', version: 1, catalog: ada.core.catalogId()!, name: 'Conflicts', createdAt: new Date().toISOString() });
    await cf.putEvents([rating]);
    await cf.close();
    await ada.sync.importFrom(file);
    await syncAll();
    for (const p of everyone()) {
      const record = (await p.queries.audit({ outcome: 'unknown' })).records[0];
      expect(record).toMatchObject({ eventId: rating.id, action: 'app.rate', outcome: 'unknown' });
    }
  });

  test('sync is idempotent: a second sync moves nothing', async () => {
    await syncAll();
    for (const p of everyone()) {
      const again = await p.sync.sync();
      expect([again.pushedEvents, again.pulledEvents, again.pushedBlobs, again.pulledBlobs]).toEqual([0, 0, 0, 0]);
      expect(again.status).toMatchObject({ state: 'synced', pending: 0 });
    }
  });
});
