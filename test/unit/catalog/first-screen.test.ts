/**
 * The first screen at scale (docs/ui.md): the saved view opens without SQLite's quick check
 * when it is byte for byte the file this machine saved (its seal), apps and versions are read
 * from it on first use, and long reads hand the event loop back so a list is answered while
 * a sync runs.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EventLog } from '../../../src-main/catalog/event-log';
import { FillOnUse } from '../../../src-main/catalog/fill-on-use';
import { LocalView } from '../../../src-main/catalog/local-view';
import { pauser } from '../../../src-main/event-loop';
import { cleanup, fixture, person, reopen, tempDir, type Person } from './people';

describe('a map filled on first use', () => {
  test('behaves as the map it fills to, whichever call comes first', () => {
    const rows: [string, number][] = [
      ['a', 1],
      ['b', 2],
    ];
    const make = () => new FillOnUse<string, number>((set) => rows.forEach(([k, v]) => set(k, v)));
    expect(make().get('b')).toBe(2);
    expect(make().has('a')).toBe(true);
    expect(make().size).toBe(2);
    expect([...make()]).toEqual(rows);
    expect([...make().keys()]).toEqual(['a', 'b']);
    expect([...make().values()]).toEqual([1, 2]);
    const written = make().set('c', 3);
    expect([...written.entries()]).toEqual([...rows, ['c', 3]]);
    // a write before anyone read does not lose what the view held, nor is overwritten by it
    const early = make();
    early.set('a', 10);
    expect(early.get('a')).toBe(10);
    expect(early.size).toBe(2);
    const gone = make();
    expect(gone.delete('a')).toBe(true);
    expect([...gone.keys()]).toEqual(['b']);
    const seen: string[] = [];
    make().forEach((_, k) => seen.push(k));
    expect(seen).toEqual(['a', 'b']);
  });

  test('with a loader for one key, a lookup reads that one entry; size and iteration fill the rest around what was done', () => {
    const rows: [string, number][] = [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ];
    const asked: string[] = [];
    const make = () =>
      new FillOnUse<string, number>(
        (set) => rows.forEach(([k, v]) => set(k, v)),
        (k) => {
          asked.push(k);
          return rows.find(([key]) => key === k)?.[1];
        },
      );
    const map = make();
    expect(map.get('b')).toBe(2);
    expect(map.has('z')).toBe(false);
    expect(map.filled).toBe(false);
    expect(asked).toEqual(['b', 'z']);
    map.set('a', 10);
    map.set('d', 4);
    expect(map.delete('c')).toBe(true);
    expect(map.delete('c')).toBe(false);
    expect(map.get('c')).toBeUndefined();
    expect(map.filled).toBe(false);
    // the view's entries, with what was written and deleted here kept, and no row read twice
    expect([...map]).toEqual([
      ['a', 10],
      ['b', 2],
      ['d', 4],
    ]);
    expect(map.filled).toBe(true);
    expect(asked).toEqual(['b', 'z', 'c']);
    // a deleted entry written again is there
    const again = make();
    again.delete('a');
    again.set('a', 7);
    expect(again.size).toBe(3);
    expect(again.get('a')).toBe(7);
  });

  test('a fill that fails leaves the map unfilled, failing again at the next look', () => {
    let fail = true;
    const map = new FillOnUse<string, number>((set) => {
      set('a', 1);
      if (fail) throw new Error('Database closed');
    });
    expect(() => map.get('a')).toThrow(/closed/);
    expect(map.filled).toBe(false);
    fail = false;
    expect(map.get('a')).toBe(1);
    expect(map.filled).toBe(true);
  });
});

describe('long reads hand the event loop back', () => {
  test('timers fire during a long loop that pauses, and a pause is free within its slice', async () => {
    expect(pauser(60_000)()).toBeUndefined();
    const pause = pauser(5);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    // busy work that only ever gives the loop back through pause(): the interval still runs
    const until = performance.now() + 5_000;
    while (ticks < 3 && performance.now() < until) await pause();
    clearInterval(timer);
    expect(ticks).toBeGreaterThanOrEqual(3);
  });
});

describe('the saved view at start', () => {
  const shared = tempDir('first-screen-shared');
  let ada: Person;
  let appId = '';
  const viewFile = () => join(ada.dataDir, 'catalog', 'view.sqlite');

  beforeAll(async () => {
    ada = person('Ada');
    await ada.sync.init('First screen', { kind: 'folder', path: shared });
    await ada.commands.createWorkspace({ name: 'ws' });
    const app = await ada.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    appId = app.id;
    await ada.commands.submitVersion({ version: app.versions[0].id });
    await ada.commands.versionAction('version.approve', { version: app.versions[0].id });
    await ada.commands.versionAction('version.release', { version: app.versions[0].id });
    await ada.close();
  });
  afterAll(() => cleanup(shared, ada?.dataDir));

  test('the view is saved with its seal; the store lists from it before any app is read', async () => {
    expect(readFileSync(`${viewFile()}.seal`, 'utf8')).toMatch(/^\d+:\d+$/);
    const again = reopen('Ada', ada.dataDir);
    const listing = await again.queries.store({});
    expect(listing.apps.map((a) => a.id)).toEqual([appId]);
    const ledger = await again.core.ledger();
    const apps = ledger.state.apps as FillOnUse<string, unknown>;
    expect(apps.filled).toBe(false);
    // what needs one app reads that one row; what needs them all reads them then
    expect((await again.queries.app(appId)).id).toBe(appId);
    expect(apps.filled).toBe(false);
    expect([...apps.keys()]).toEqual([appId]);
    expect(apps.filled).toBe(true);
    await again.close();
  });

  test('a view altered after its seal was written is checked by SQLite again (and rebuilt when damaged)', async () => {
    const bytes = readFileSync(viewFile());
    // the page after the header: a damaged b-tree page that the quick check finds
    bytes.fill(0xff, 4096 + 8, 4096 + 64);
    writeFileSync(viewFile(), bytes);
    expect(await LocalView.open(viewFile())).toBeUndefined();
    const again = reopen('Ada', ada.dataDir);
    expect((await again.queries.store({})).apps.map((a) => a.id)).toEqual([appId]);
    await again.close();
  });

  test('a view without a seal (an older Berth) opens after the check, and is sealed then', async () => {
    const seal = `${viewFile()}.seal`;
    writeFileSync(seal, 'stale');
    const view = await LocalView.open(viewFile());
    expect(view).toBeDefined();
    view!.close();
    const bytes = readFileSync(viewFile());
    expect(readFileSync(seal, 'utf8')).toBe(`${bytes.length}:${crc32(bytes)}`);
  });

  test('the status counts each outcome as a count over every audit row does', async () => {
    const again = reopen('Ada', ada.dataDir);
    const ledger = await again.core.ledger();
    const counted: Record<string, number> = { applied: 0, refused: 0, superseded: 0, unknown: 0 };
    ledger.view.db.each(
      'SELECT outcome, count(*) AS n FROM audit GROUP BY outcome',
      (r) => void (counted[String(r.outcome)] = Number(r.n)),
      () => undefined,
    );
    expect(ledger.view.outcomeCounts()).toEqual(counted);
    const status = await again.queries.status();
    expect(status.events).toBe(Object.values(counted).reduce((a, b) => a + b, 0));
    await again.close();
  });

  test('category counts are worked out once and kept until an app changes', async () => {
    const again = reopen('Ada', ada.dataDir);
    const ledger = await again.core.ledger();
    const counts = ledger.view.categoryCounts();
    expect(ledger.view.categoryCounts()).toBe(counts);
    await again.commands.createCategory({ name: 'Streaming' });
    const streaming = () => again.queries.categories().then((all) => all.find((c) => c.name === 'Streaming'));
    expect((await streaming())?.appCount).toBe(0);
    await again.commands.updateInfo({ app: appId, category: 'Streaming' });
    expect((await streaming())?.appCount).toBe(1);
    expect(ledger.view.categoryCounts()).not.toBe(counts);
    await again.close();
  });

  test('reading the log with pauses reads what read() reads', async () => {
    const log = new EventLog(join(ada.dataDir, 'catalog', 'log.jsonl'));
    appendFileSync(log.file, '\nnot an event\n');
    const all = log.read(0);
    const each: string[] = [];
    const paced = await log.readEach(0, (e) => each.push(e.id), pauser(0));
    expect(each).toEqual(all.events.map((e) => e.id));
    expect(paced.end).toBe(all.end);
    expect(paced.skipped).toBe(all.skipped);
    expect(all.skipped).toBe(1);
  });
});
