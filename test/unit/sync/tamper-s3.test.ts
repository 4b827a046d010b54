/**
 * Someone with write access to the bucket (a real versitygw) alters, deletes, duplicates with a
 * forged twin, or replaces with garbage the objects of an S3 catalog store. Honest machines keep
 * their state, report what they found (catalog conflicts), and after one sync of any honest
 * machine a newcomer sees the same catalog.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SignedEvent } from '../../../src-main/catalog/event-types';
import { approvedApp, catalogBucket, closeWorld, newcomerSees, type ApprovedWorld, type CatalogBucket } from './store-world';

describe('an S3 catalog store tampered with', () => {
  let bucket: CatalogBucket;
  let w: ApprovedWorld;

  beforeAll(async () => {
    bucket = await catalogBucket();
    w = await approvedApp(bucket.where, 'Tamper');
  }, 900_000);

  afterAll(async () => {
    await closeWorld(w);
    await bucket?.stop();
  });

  test('the approval altered in its batch: kept, reported, put back; a newcomer sees it approved', async () => {
    const [batch] = await bucket.batchesWith(w.approve.id);
    await bucket.put(batch, (await bucket.get(batch)).replace('"version.approve"', '"version.reject"'));
    const report = await w.ada.sync.sync();
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'altered', eventId: w.approve.id, author: w.rex.keyId, authorName: 'Rex', where: batch, repaired: true }),
    ]);
    expect((await w.ada.queries.version(w.version)).state).toBe('passed');
    expect((await w.ada.queries.integrity()).findings[0]).toMatchObject({ kind: 'altered', eventId: w.approve.id });
    expect(await newcomerSees(w)).toBe('passed');
    // the damaged line stays in its batch (batches are written once), named at the next sync, outvoted
    const again = await w.rex.sync.sync();
    expect(again.findings).toEqual([expect.objectContaining({ kind: 'duplicate', eventId: w.approve.id, where: batch, repaired: false })]);
  });

  test('every batch holding the approval deleted, and the chart package deleted: put back', async () => {
    for (const key of await bucket.batchesWith(w.approve.id)) await bucket.del(key);
    await bucket.del(`blobs/${w.chartSha.slice(0, 2)}/${w.chartSha}`);
    const report = await w.rex.sync.sync();
    expect(report.findings.map((f) => f.kind).sort()).toEqual(['missing', 'missing']);
    expect(report.findings.find((f) => f.eventId === w.approve.id)).toMatchObject({ authorName: 'Rex', repaired: true });
    expect(await bucket.keys(`blobs/${w.chartSha.slice(0, 2)}/${w.chartSha}`)).toHaveLength(1);
    expect((await w.rex.queries.version(w.version)).state).toBe('passed');
    expect(await newcomerSees(w)).toBe('passed');
  });

  test('a forged twin of the approval in a batch read first: reported; everyone keeps the copy that verifies', async () => {
    const twin: SignedEvent = { ...w.approve, sig: Buffer.alloc(64, 7).toString('base64') };
    const first = 'journal/0000000000001-0000000000000000.jsonl';
    await bucket.put(first, JSON.stringify(twin) + '\n');
    const report = await w.ada.sync.sync();
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'duplicate', eventId: w.approve.id, where: first }));
    expect((await w.ada.queries.version(w.version)).state).toBe('passed');
    expect(await newcomerSees(w)).toBe('passed');
    await bucket.del(first);
  });

  test('the batch of the approval and the chart package replaced by garbage: put back; a newcomer sees it approved', async () => {
    for (const key of await bucket.batchesWith(w.approve.id)) await bucket.put(key, '\u0000\u0001 not json\n');
    await bucket.put(`blobs/${w.chartSha.slice(0, 2)}/${w.chartSha}`, 'garbage');
    const report = await w.ada.sync.sync();
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'missing', eventId: w.approve.id, repaired: true }));
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'altered', where: expect.stringContaining(w.chartSha.slice(0, 12)), repaired: true }));
    expect((await w.ada.queries.version(w.version)).state).toBe('passed');
    expect(await newcomerSees(w)).toBe('passed');
    const carol = w.people[w.people.length - 1];
    // the newcomer's package is the genuine one
    expect(carol.core.blobs.get(w.chartSha)).toBeDefined();
  });
});
