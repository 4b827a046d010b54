/** The local view is a cache of the log: missing, corrupt, stale or behind, it is rebuilt and equal. */
import { appendFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCatalogServices } from '../../../src-main/catalog/catalog-services';
import { inspectChartPackage } from '../../../src-main/chart/inspect';
import { LocalView } from '../../../src-main/catalog/local-view';
import { queryValue } from '../../../src-main/catalog/sqlite';
import { cleanup, fixture, person, tempDir, type Person } from './people';

describe('the local view', () => {
  const shared = tempDir('shared');
  let ada: Person;
  let appId = '';
  let snapshot: unknown;

  const reopen = () => createCatalogServices({ dataDir: ada.dataDir, inspectChart: inspectChartPackage });
  const look = async (p: { queries: Person['queries'] }) => ({
    app: await p.queries.app(appId),
    store: await p.queries.store({}),
    audit: (await p.queries.audit({ limit: 1000 })).records,
    categories: await p.queries.categories(),
  });

  beforeAll(async () => {
    ada = person('Ada');
    await ada.sync.init('View', { kind: 'folder', path: shared });
    await ada.commands.createWorkspace({ name: 'ws' });
    const app = await ada.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    appId = app.id;
    await ada.commands.createCategory({ name: 'IoT' });
    await ada.commands.updateInfo({ app: appId, category: 'IoT', introduction: '# EMQ X' });
    await ada.commands.submitVersion({ version: app.versions[0].id });
    await ada.commands.versionAction('version.approve', { version: app.versions[0].id });
    await ada.commands.versionAction('version.release', { version: app.versions[0].id });
    snapshot = await look(ada);
    await ada.close();
  });
  afterAll(() => cleanup(shared, ada?.dataDir));

  const viewFile = () => join(ada.dataDir, 'catalog', 'view.sqlite');

  test("each audit record's time is its event's stamp (the view keeps it in milliseconds)", () => {
    const stamps = new Map(
      readFileSync(join(ada.dataDir, 'catalog', 'log.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: string; body: { hlc: string } })
        .map((e) => [e.id, new Date(Number(e.body.hlc.slice(0, 15))).toISOString()]),
    );
    const audit = (snapshot as { audit: { eventId: string; at: string }[] }).audit;
    expect(audit.length).toBe(stamps.size);
    for (const r of audit) expect(r.at).toBe(stamps.get(r.eventId));
  });

  test('a corrupt view is rebuilt from the log, identical', async () => {
    const bytes = readFileSync(viewFile());
    writeFileSync(viewFile(), Buffer.concat([Buffer.from('garbage'), bytes.subarray(0, bytes.length / 2)]));
    const again = reopen();
    expect(await look(again)).toEqual(snapshot);
    await again.close();
  });

  test('a missing view is rebuilt from the log, identical', async () => {
    rmSync(viewFile());
    const again = reopen();
    expect(await look(again)).toEqual(snapshot);
    await again.close();
  });

  test('a view behind the log (another Berth process appended) catches up', async () => {
    const other = reopen();
    await other.commands.updateInfo({ app: appId, description: 'written by a second process' });
    const line = readFileSync(join(ada.dataDir, 'catalog', 'log.jsonl'), 'utf8').trim().split('\n').pop()!;
    await other.close();
    // put the view back to before that change: it is now behind the log
    rmSync(viewFile());
    const log = join(ada.dataDir, 'catalog', 'log.jsonl');
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    writeFileSync(log, lines.slice(0, -1).join('\n') + '\n');
    // nor is it queued yet (a commit writes both; an outbox entry alone is rolled forward at open)
    const queued = join(ada.dataDir, 'catalog', 'outbox', `${(JSON.parse(line) as { id: string }).id}.json`);
    const queuedText = readFileSync(queued, 'utf8');
    rmSync(queued);
    const behind = reopen();
    expect((await behind.queries.app(appId)).description).toBe('A Helm chart for EMQ X');
    await behind.close();
    appendFileSync(log, line + '\n');
    writeFileSync(queued, queuedText);
    const caughtUp = reopen();
    expect((await caughtUp.queries.app(appId)).description).toBe('written by a second process');
    await caughtUp.close();
  });

  test('a torn last line in the log (a crash mid-write) is ignored', async () => {
    appendFileSync(join(ada.dataDir, 'catalog', 'log.jsonl'), '{"id":"abc","body":{"v":1');
    rmSync(viewFile());
    const again = reopen();
    expect((await again.queries.app(appId)).description).toBe('written by a second process');
    await again.close();
  });

  test('blobs are verified on read: a damaged file is not served', async () => {
    const again = reopen();
    const icon = (await again.commands.setIcon({ app: appId, image: fixture('emqx-logo.png') })).info.icon!;
    expect(again.queries.blob(icon.sha256).size).toBe(icon.size);
    writeFileSync(again.core.blobs.path(icon.sha256), 'not the logo');
    expect(() => again.queries.blob(icon.sha256)).toThrow(/not on this machine/);
    await again.close();
  });
});

describe('a view made with room for a rebuild', () => {
  test('saves only the pages it holds, gives the room back at its first save, and reads back the same', async () => {
    const dir = tempDir('room');
    const room = 64 * 1024 * 1024;
    // the in-memory file is a JavaScript buffer: it shows in arrayBuffers once unreachable ones are collected
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    // (V8 frees and counts a buffer's memory off the main thread, a moment after collecting it)
    const buffers = async () => {
      for (let i = 0; i < 3; i++) {
        collect();
        await new Promise((done) => setTimeout(done, 50));
      }
      return process.memoryUsage().arrayBuffers;
    };
    try {
      const view = await LocalView.create(room);
      const roomy = await buffers();
      expect(roomy).toBeGreaterThan(room);
      const page = 'x'.repeat(3000);
      view.bulk(() => {
        for (let i = 0; i < 200; i++) view.setMeta(`k${i}`, `${i}:${page}`);
      });
      const file = join(dir, 'view.sqlite');
      view.save(file);
      // sql.js's file holds the room; SQLite writes out only the database's pages
      const pages = Number(queryValue(view.db, 'PRAGMA page_count')) * Number(queryValue(view.db, 'PRAGMA page_size'));
      expect(statSync(file).size).toBe(pages);
      expect(pages).toBeGreaterThan(200 * 3000);
      expect(pages).toBeLessThan(room);
      expect(roomy - (await buffers())).toBeGreaterThan(room * 0.75);
      // the connection's settings hold after sql.js reopened it to export
      expect(queryValue(view.db, 'PRAGMA journal_mode')).toBe('memory');
      // written to again after the save (sql.js reopens the file), then saved and opened anew
      view.setMeta('k200', 'after the save');
      view.save(file);
      view.close();
      const again = (await LocalView.open(file))!;
      expect(again.meta('k7')).toBe(`7:${page}`);
      expect(again.meta('k200')).toBe('after the save');
      expect(queryValue(again.db, 'PRAGMA integrity_check')).toBe('ok');
      again.close();
    } finally {
      cleanup(dir);
    }
  });
});
