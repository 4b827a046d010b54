/**
 * No back door in time or size: an event stamped in 2099 is held back and listed without
 * dragging anyone's clock, and applied once its time comes; a 60 MiB event and a flood
 * from a key nobody granted anything are not taken in.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { EVENT_FORMAT } from '../../../src-main/catalog/event-types';
import { formatHlc, parseHlc } from '../../../src-main/catalog/hlc';
import { signBody } from '../../../src-main/catalog/signing';
import { FolderStore } from '../../../src-main/sync/folder-store';
import { cleanup, outsider, person, tempDir, type Person } from '../catalog/people';

describe('clock and size limits', () => {
  const shared = tempDir('clock');
  const store = new FolderStore(shared);
  let ada: Person;
  let rex: Person;
  let catalog = '';
  beforeAll(async () => {
    ada = person('Ada');
    rex = person('Rex');
    await ada.sync.init('Clock', { kind: 'folder', path: shared });
    catalog = ada.core.catalogId()!;
    await rex.sync.connect({ kind: 'folder', path: shared });
    await ada.sync.sync();
    await ada.commands.grant({ member: 'Rex', role: 'reviewer' });
    await ada.sync.sync();
    await rex.sync.sync();
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    await ada.close();
    await rex.close();
    cleanup(shared, ada.dataDir, rex.dataDir);
  });

  /** An event by Ada (an admin, so it would apply) stamped at `wall`. */
  function adaAt(wall: number, name: string) {
    const body = {
      v: EVENT_FORMAT,
      catalog,
      type: 'category.create',
      author: ada.keyId,
      hlc: formatHlc({ wall, counter: 0 }),
      prev: {},
      data: { category: `cat${wall}`, name, description: '' },
    };
    return signBody(body, ada.core.identity.signingKey());
  }

  test('an event stamped 2099 is held back and listed, and never drags the clock', async () => {
    const future = adaAt(Date.UTC(2099, 0, 1), 'From 2099');
    await store.putEvents([future]);
    await rex.sync.sync();
    const { held } = await rex.queries.integrity();
    expect(held).toEqual([
      expect.objectContaining({ eventId: future.id, action: 'category.create', authorName: 'Ada', stampedAt: '2099-01-01T00:00:00.000Z' }),
    ]);
    expect((await rex.queries.categories()).map((c) => c.name)).not.toContain('From 2099');
    const mine = await rex.commands.createCategory({ name: 'Today' });
    const stamped = (await rex.core.ledger()).allEvents().find((e) => (e.body.data as { category?: string }).category === mine.id)!;
    expect(parseHlc(stamped.body.hlc)!.wall).toBeLessThan(Date.now() + 60_000);
    // a second sync does not take it in either
    await rex.sync.sync();
    expect((await rex.queries.integrity()).held).toHaveLength(1);
  });

  test('an event a little too far ahead is applied once its time comes', async () => {
    const soon = adaAt(Date.now() + 10 * 60_000, 'In ten minutes');
    await store.putEvents([soon]);
    await rex.sync.sync();
    expect((await rex.queries.integrity()).held.map((h) => h.eventId)).toContain(soon.id);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 6 * 60_000);
    await rex.sync.sync();
    expect((await rex.queries.categories()).map((c) => c.name)).toContain('In ten minutes');
    expect((await rex.queries.integrity()).held.map((h) => h.eventId)).not.toContain(soon.id);
  });

  test('a 60 MiB event is refused without being read whole, logged or passed on', async () => {
    const stranger = outsider();
    const huge = stranger.write(catalog, 'x.blob-in-event', { payload: 'a'.repeat(60 * 1024 * 1024) });
    await store.putEvents([huge]);
    const report = await rex.sync.sync();
    expect(report.findings.some((f) => /more than the 256 KiB an event may hold/.test(f.message))).toBe(true);
    expect(statSync(join(rex.dataDir, 'catalog', 'log.jsonl')).size).toBeLessThan(1024 * 1024);
    expect(readFileSync(join(rex.dataDir, 'catalog', 'log.jsonl'), 'utf8')).not.toContain(huge.id);
    // nor does it travel in a catalog file
    const exported = await rex.sync.exportTo(join(rex.dataDir, 'out.berth'));
    expect(exported.events).toBeLessThan(50);
    expect(statSync(join(rex.dataDir, 'out.berth')).size).toBeLessThan(1024 * 1024);
  });

  test('a key nobody granted anything may write a few small events, not a flood', async () => {
    const stranger = outsider();
    const flood = Array.from({ length: 100 }, (_, i) => stranger.write(catalog, 'x.note', { i }));
    await store.putEvents(flood);
    const report = await rex.sync.sync();
    expect(report.findings.filter((f) => f.kind === 'roleless-limit')).toHaveLength(36);
    const logged = readFileSync(join(rex.dataDir, 'catalog', 'log.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.includes(stranger.keyId));
    expect(logged).toHaveLength(64);
  });
});
