/**
 * The whole store is checked at every sync, not a window of the newest events: an S3 journal
 * batch (a real versitygw) or a catalog-file row altered or deleted far behind the newest
 * 500 events is found and put back at the next sync of any honest machine.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StoreLocation } from '../../../shared/types/catalog';
import type { SignedEvent } from '../../../src-main/catalog/event-types';
import { CatalogFile } from '../../../src-main/sync/catalog-file';
import { WINDOW_EVENTS } from '../../../src-main/sync/store-check';
import { startS3Server, type TestS3Server } from '../../services/s3-server';
import { cleanup, fixture, person, tempDir, type Person } from '../catalog/people';

interface World {
  ada: Person;
  rex: Person;
  version: string;
  approve: SignedEvent;
  create: SignedEvent;
  chartSha: string;
  people: Person[];
}

/** An approval and the app it is for, then more than a window's worth of newer events. */
async function world(where: StoreLocation): Promise<World> {
  const ada = person('Ada');
  const rex = person('Rex');
  await ada.sync.init('Far back', where);
  await rex.sync.connect(where);
  await ada.sync.sync();
  await ada.commands.grant({ member: 'Rex', role: 'reviewer' });
  await ada.commands.createWorkspace({ name: 'ws' });
  const app = await ada.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
  const version = app.versions[0].id;
  await ada.commands.submitVersion({ version });
  await ada.sync.sync();
  await rex.sync.sync();
  await rex.commands.versionAction('version.approve', { version });
  await rex.sync.sync();
  for (let i = 0; i < WINDOW_EVENTS + 100; i++) await ada.commands.createCategory({ name: `Category ${i}` });
  await ada.sync.sync();
  await rex.sync.sync();
  await ada.sync.sync();
  const events = (await ada.core.ledger()).allEvents();
  const approve = events.find((e) => e.body.type === 'version.approve')!;
  const create = events.find((e) => e.body.type === 'app.create')!;
  const chartSha = (create.body.data as { package: { sha256: string } }).package.sha256;
  // the approval is far behind the newest window of the log
  expect(events.length - events.indexOf(approve)).toBeGreaterThan(WINDOW_EVENTS);
  return { ada, rex, version, approve, create, chartSha, people: [ada, rex] };
}

async function newcomerSees(w: World, where: StoreLocation): Promise<string> {
  const carol = person('Carol');
  w.people.push(carol);
  await carol.sync.connect(where);
  return (await carol.core.state()).versions.get(w.version)?.state ?? 'missing';
}

describe('an S3 store damaged far behind the newest events', () => {
  let server: TestS3Server;
  let s3: S3Client;
  let where: StoreLocation;
  let w: World;
  const saved: Record<string, string | undefined> = {};

  const keys = async (prefix: string) => ((await s3.send(new ListObjectsV2Command({ Bucket: 'catalog', Prefix: prefix }))).Contents ?? []).map((o) => o.Key!);
  const get = async (key: string) =>
    Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: 'catalog', Key: key }))).Body!.transformToByteArray()).toString('utf8');
  const put = (key: string, body: string) => s3.send(new PutObjectCommand({ Bucket: 'catalog', Key: key, Body: body }));
  const del = (key: string) => s3.send(new DeleteObjectCommand({ Bucket: 'catalog', Key: key }));
  const batchesWith = async (id: string) => {
    const out: string[] = [];
    for (const key of await keys('journal/')) if ((await get(key)).includes(`"id":"${id}"`)) out.push(key);
    return out;
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
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE']) saved[k] = process.env[k];
    process.env.AWS_ACCESS_KEY_ID = server.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = server.secretAccessKey;
    delete process.env.AWS_PROFILE;
    where = { kind: 's3', bucket: 'catalog', endpoint: server.endpoint, region: server.region, forcePathStyle: true };
    w = await world(where);
  }, 900_000);

  afterAll(async () => {
    for (const p of w?.people ?? []) await p.close();
    s3?.destroy();
    await server?.stop();
    cleanup(...(w?.people ?? []).map((p) => p.dataDir));
    if (server) rmSync(server.root, { recursive: true, force: true });
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  });

  test('the approval altered in its batch is found at the next sync and put back', async () => {
    const [batch] = await batchesWith(w.approve.id);
    await put(batch, (await get(batch)).replace('"version.approve"', '"version.reject"'));
    const report = await w.ada.sync.sync();
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'altered', eventId: w.approve.id, authorName: 'Rex', where: batch, repaired: true })]);
    expect(await newcomerSees(w, where)).toBe('passed');
    // the damaged line stays in its batch (written once), named by the machine that finds it, outvoted
    const again = await w.rex.sync.sync();
    expect(again.findings).toEqual([expect.objectContaining({ kind: 'duplicate', eventId: w.approve.id, where: batch, repaired: false })]);
    // and once named, the store is whole again: a sync with nothing new finds nothing
    expect((await w.rex.sync.sync()).findings).toEqual([]);
    expect((await w.ada.sync.sync()).findings).toEqual([]);
  });

  test('every batch holding the app deleted, and its chart package deleted: put back at the next sync', async () => {
    for (const key of await batchesWith(w.create.id)) await del(key);
    await del(`blobs/${w.chartSha.slice(0, 2)}/${w.chartSha}`);
    const report = await w.rex.sync.sync();
    expect(report.findings.find((f) => f.eventId === w.create.id)).toMatchObject({ kind: 'missing', authorName: 'Ada', repaired: true });
    expect(report.findings.some((f) => f.kind === 'missing' && f.where.includes(w.chartSha.slice(0, 12)))).toBe(true);
    expect(await keys(`blobs/${w.chartSha.slice(0, 2)}/${w.chartSha}`)).toHaveLength(1);
    expect(await newcomerSees(w, where)).toBe('passed');
    expect((await w.ada.sync.sync()).findings.filter((f) => f.kind !== 'duplicate')).toEqual([]);
  });

  test('the chart package replaced by other bytes of the same size: found by its ETag and put back', async () => {
    const key = `blobs/${w.chartSha.slice(0, 2)}/${w.chartSha}`;
    const size = w.ada.core.blobs.get(w.chartSha)!.length;
    await put(key, 'x'.repeat(size));
    const report = await w.ada.sync.sync();
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'altered', where: expect.stringContaining(w.chartSha.slice(0, 12)), repaired: true }));
    expect(w.ada.core.blobs.get(w.chartSha)).toBeDefined();
    expect(await newcomerSees(w, where)).toBe('passed');
  });
});

describe('a catalog file damaged far behind the newest events', () => {
  const dir = tempDir('far-file');
  const path = join(dir, 'team.berth');
  const where: StoreLocation = { kind: 'file', path };
  let w: World;
  beforeAll(async () => {
    w = await world(where);
  }, 900_000);
  afterAll(async () => {
    for (const p of w?.people ?? []) await p.close();
    cleanup(dir, ...(w?.people ?? []).map((p) => p.dataDir));
  });

  async function editFile(sql: string, params: (string | Uint8Array)[]): Promise<void> {
    const file = await CatalogFile.open(path, { create: false });
    (file as unknown as { db: { run(s: string, p: unknown[]): void } }).db.run(sql, params);
    (file as unknown as { dirty: boolean }).dirty = true;
    await file.close();
  }

  test('an altered approval row, a deleted app row and a blob of other bytes are put back at the next sync', async () => {
    await editFile('UPDATE events SET json = ? WHERE id = ?', [JSON.stringify({ ...w.approve, sig: 'AAAA' }), w.approve.id]);
    await editFile('DELETE FROM events WHERE id = ?', [w.create.id]);
    const bytes = w.ada.core.blobs.get(w.chartSha)!;
    await editFile('UPDATE blobs SET data = ? WHERE sha256 = ?', [new Uint8Array(bytes.length), w.chartSha]);
    const report = await w.rex.sync.sync();
    expect(report.findings.map((f) => `${f.kind} ${f.eventId ?? 'blob'}`).sort()).toEqual(
      [`altered ${w.approve.id}`, `missing ${w.create.id}`, 'altered blob'].sort(),
    );
    expect(await newcomerSees(w, where)).toBe('passed');
    expect((await w.ada.sync.sync()).findings).toEqual([]);
  });
});
