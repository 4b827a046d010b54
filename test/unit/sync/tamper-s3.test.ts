/**
 * Someone with write access to the bucket (a real versitygw) alters, deletes, duplicates with a
 * forged twin, or replaces with garbage the objects of an S3 catalog store. Honest machines keep
 * their state, report what they found (catalog conflicts), and after one sync of any honest
 * machine a newcomer sees the same catalog.
 */
import { rmSync } from 'node:fs';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { S3StoreLocation } from '../../../shared/types/distribution';
import type { SignedEvent } from '../../../src-main/catalog/event-types';
import { startS3Server, type TestS3Server } from '../../services/s3-server';
import { cleanup, fixture, person, type Person } from '../catalog/people';

describe('an S3 catalog store tampered with', () => {
  let server: TestS3Server;
  let s3: S3Client;
  let where: S3StoreLocation;
  let ada: Person;
  let rex: Person;
  let version = '';
  let approve: SignedEvent;
  let chartSha = '';
  const people: Person[] = [];
  const saved: Record<string, string | undefined> = {};

  const keys = async (prefix: string) => ((await s3.send(new ListObjectsV2Command({ Bucket: 'catalog', Prefix: prefix }))).Contents ?? []).map((o) => o.Key!);
  const get = async (key: string) =>
    Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: 'catalog', Key: key }))).Body!.transformToByteArray()).toString('utf8');
  const put = (key: string, body: string) => s3.send(new PutObjectCommand({ Bucket: 'catalog', Key: key, Body: body }));
  const del = (key: string) => s3.send(new DeleteObjectCommand({ Bucket: 'catalog', Key: key }));
  /** The journal batches holding a line of this event. */
  const batchesWith = async (id: string) => {
    const out: string[] = [];
    for (const key of await keys('journal/')) if ((await get(key)).includes(`"id":"${id}"`)) out.push(key);
    return out;
  };
  const newcomerSees = async () => {
    const carol = person('Carol');
    people.push(carol);
    await carol.sync.connect(where);
    return (await carol.core.state()).versions.get(version)?.state ?? 'missing';
  };

  beforeAll(async () => {
    server = await startS3Server();
    s3 = new S3Client({
      endpoint: server.endpoint,
      region: server.region,
      forcePathStyle: true,
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'catalog' }));
    // the honest machines find their keys in the AWS environment
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE']) saved[k] = process.env[k];
    process.env.AWS_ACCESS_KEY_ID = server.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = server.secretAccessKey;
    delete process.env.AWS_PROFILE;
    where = { kind: 's3', bucket: 'catalog', endpoint: server.endpoint, region: server.region, forcePathStyle: true };
    ada = person('Ada');
    rex = person('Rex');
    people.push(ada, rex);
    await ada.sync.init('Tamper', where);
    await rex.sync.connect(where);
    await ada.sync.sync();
    await ada.commands.grant({ member: 'Rex', role: 'reviewer' });
    await ada.commands.createWorkspace({ name: 'ws' });
    const app = await ada.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    version = app.versions[0].id;
    await ada.commands.submitVersion({ version });
    await ada.sync.sync();
    await rex.sync.sync();
    await rex.commands.versionAction('version.approve', { version });
    await rex.sync.sync();
    await ada.sync.sync();
    approve = (await rex.core.ledger()).allEvents().find((e) => e.body.type === 'version.approve')!;
    chartSha = ((await ada.core.ledger()).allEvents().find((e) => e.body.type === 'app.create')!.body.data as { package: { sha256: string } }).package.sha256;
  }, 900_000);

  afterAll(async () => {
    for (const p of people) await p.close();
    s3?.destroy();
    await server?.stop();
    cleanup(...people.map((p) => p.dataDir));
    if (server) rmSync(server.root, { recursive: true, force: true });
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  });

  test('the approval altered in its batch: kept, reported, put back; a newcomer sees it approved', async () => {
    const [batch] = await batchesWith(approve.id);
    await put(batch, (await get(batch)).replace('"version.approve"', '"version.reject"'));
    const report = await ada.sync.sync();
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'altered', eventId: approve.id, author: rex.keyId, authorName: 'Rex', where: batch, repaired: true }),
    ]);
    expect((await ada.queries.version(version)).state).toBe('passed');
    expect((await ada.queries.integrity()).findings[0]).toMatchObject({ kind: 'altered', eventId: approve.id });
    expect(await newcomerSees()).toBe('passed');
    // the damaged line stays in its batch (batches are written once), named at the next sync, outvoted
    const again = await rex.sync.sync();
    expect(again.findings).toEqual([expect.objectContaining({ kind: 'duplicate', eventId: approve.id, where: batch, repaired: false })]);
  });

  test('every batch holding the approval deleted, and the chart package deleted: put back', async () => {
    for (const key of await batchesWith(approve.id)) await del(key);
    await del(`blobs/${chartSha.slice(0, 2)}/${chartSha}`);
    const report = await rex.sync.sync();
    expect(report.findings.map((f) => f.kind).sort()).toEqual(['missing', 'missing']);
    expect(report.findings.find((f) => f.eventId === approve.id)).toMatchObject({ authorName: 'Rex', repaired: true });
    expect(await keys(`blobs/${chartSha.slice(0, 2)}/${chartSha}`)).toHaveLength(1);
    expect((await rex.queries.version(version)).state).toBe('passed');
    expect(await newcomerSees()).toBe('passed');
  });

  test('a forged twin of the approval in a batch read first: reported; everyone keeps the copy that verifies', async () => {
    const twin: SignedEvent = { ...approve, sig: Buffer.alloc(64, 7).toString('base64') };
    const first = 'journal/0000000000001-0000000000000000.jsonl';
    await put(first, JSON.stringify(twin) + '\n');
    const report = await ada.sync.sync();
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'duplicate', eventId: approve.id, where: first }));
    expect((await ada.queries.version(version)).state).toBe('passed');
    expect(await newcomerSees()).toBe('passed');
    await del(first);
  });

  test('the batch of the approval and the chart package replaced by garbage: put back; a newcomer sees it approved', async () => {
    for (const key of await batchesWith(approve.id)) await put(key, '\u0000\u0001 not json\n');
    await put(`blobs/${chartSha.slice(0, 2)}/${chartSha}`, 'garbage');
    const report = await ada.sync.sync();
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'missing', eventId: approve.id, repaired: true }));
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'altered', where: expect.stringContaining(chartSha.slice(0, 12)), repaired: true }));
    expect((await ada.queries.version(version)).state).toBe('passed');
    expect(await newcomerSees()).toBe('passed');
    const carol = people[people.length - 1];
    // the newcomer's package is the genuine one
    expect(carol.core.blobs.get(chartSha)).toBeDefined();
  });
});
