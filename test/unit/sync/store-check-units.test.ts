/**
 * The whole store is checked at every sync, not a window of the newest events: an S3 journal
 * batch (a real versitygw) or a catalog-file row altered or deleted far behind the newest
 * 500 events is found and put back at the next sync of any honest machine.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StoreLocation } from '../../../shared/types/catalog';
import { WINDOW_EVENTS } from '../../../src-main/sync/store-check';
import { tempDir } from '../catalog/people';
import { approvedApp, catalogBucket, closeWorld, editCatalogFile, newcomerSees, type ApprovedWorld, type CatalogBucket } from './store-world';

/** An approval and the app it is for, then more than a window's worth of newer events. */
async function world(where: StoreLocation): Promise<ApprovedWorld> {
  const w = await approvedApp(where, 'Far back');
  for (let i = 0; i < WINDOW_EVENTS + 100; i++) await w.ada.commands.createCategory({ name: `Category ${i}` });
  await w.ada.sync.sync();
  await w.rex.sync.sync();
  await w.ada.sync.sync();
  const events = (await w.ada.core.ledger()).allEvents();
  // the approval is far behind the newest window of the log
  expect(events.length - events.findIndex((e) => e.id === w.approve.id)).toBeGreaterThan(WINDOW_EVENTS);
  return w;
}

describe('an S3 store damaged far behind the newest events', () => {
  let bucket: CatalogBucket;
  let w: ApprovedWorld;

  beforeAll(async () => {
    bucket = await catalogBucket();
    w = await world(bucket.where);
  }, 900_000);

  afterAll(async () => {
    await closeWorld(w);
    await bucket?.stop();
  });

  test('the approval altered in its batch is found at the next sync and put back', async () => {
    const [batch] = await bucket.batchesWith(w.approve.id);
    await bucket.put(batch, (await bucket.get(batch)).replace('"version.approve"', '"version.reject"'));
    const report = await w.ada.sync.sync();
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'altered', eventId: w.approve.id, authorName: 'Rex', where: batch, repaired: true })]);
    expect(await newcomerSees(w)).toBe('passed');
    // the damaged line stays in its batch (written once), named by the machine that finds it, outvoted
    const again = await w.rex.sync.sync();
    expect(again.findings).toEqual([expect.objectContaining({ kind: 'duplicate', eventId: w.approve.id, where: batch, repaired: false })]);
    // and once named, the store is whole again: a sync with nothing new finds nothing
    expect((await w.rex.sync.sync()).findings).toEqual([]);
    expect((await w.ada.sync.sync()).findings).toEqual([]);
  });

  test('every batch holding the app deleted, and its chart package deleted: put back at the next sync', async () => {
    for (const key of await bucket.batchesWith(w.create.id)) await bucket.del(key);
    await bucket.del(`blobs/${w.chartSha.slice(0, 2)}/${w.chartSha}`);
    const report = await w.rex.sync.sync();
    expect(report.findings.find((f) => f.eventId === w.create.id)).toMatchObject({ kind: 'missing', authorName: 'Ada', repaired: true });
    expect(report.findings.some((f) => f.kind === 'missing' && f.where.includes(w.chartSha.slice(0, 12)))).toBe(true);
    expect(await bucket.keys(`blobs/${w.chartSha.slice(0, 2)}/${w.chartSha}`)).toHaveLength(1);
    expect(await newcomerSees(w)).toBe('passed');
    expect((await w.ada.sync.sync()).findings.filter((f) => f.kind !== 'duplicate')).toEqual([]);
  });

  test('the chart package replaced by other bytes of the same size: found by its ETag and put back', async () => {
    const key = `blobs/${w.chartSha.slice(0, 2)}/${w.chartSha}`;
    const size = w.ada.core.blobs.get(w.chartSha)!.length;
    await bucket.put(key, 'x'.repeat(size));
    const report = await w.ada.sync.sync();
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'altered', where: expect.stringContaining(w.chartSha.slice(0, 12)), repaired: true }));
    expect(w.ada.core.blobs.get(w.chartSha)).toBeDefined();
    expect(await newcomerSees(w)).toBe('passed');
  });
});

describe('a catalog file damaged far behind the newest events', () => {
  const dir = tempDir('far-file');
  const path = join(dir, 'team.berth');
  let w: ApprovedWorld;
  beforeAll(async () => {
    w = await world({ kind: 'file', path });
  }, 900_000);
  afterAll(() => closeWorld(w, dir));

  test('an altered approval row, a deleted app row and a blob of other bytes are put back at the next sync', async () => {
    await editCatalogFile(path, 'UPDATE events SET json = ? WHERE id = ?', [JSON.stringify({ ...w.approve, sig: 'AAAA' }), w.approve.id]);
    await editCatalogFile(path, 'DELETE FROM events WHERE id = ?', [w.create.id]);
    const bytes = w.ada.core.blobs.get(w.chartSha)!;
    await editCatalogFile(path, 'UPDATE blobs SET data = ? WHERE sha256 = ?', [new Uint8Array(bytes.length), w.chartSha]);
    const report = await w.rex.sync.sync();
    expect(report.findings.map((f) => `${f.kind} ${f.eventId ?? 'blob'}`).sort()).toEqual(
      [`altered ${w.approve.id}`, `missing ${w.create.id}`, 'altered blob'].sort(),
    );
    expect(await newcomerSees(w)).toBe('passed');
    expect((await w.ada.sync.sync()).findings).toEqual([]);
  });
});
