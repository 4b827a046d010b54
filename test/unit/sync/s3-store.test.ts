import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthFailure } from '../../../shared/result';
import type { SignedEvent } from '../../../src-main/catalog/event-types';
import { nextHlc } from '../../../src-main/catalog/hlc';
import { publicKeyHex, sha256Hex, signBody } from '../../../src-main/catalog/signing';
import { S3Store } from '../../../src-main/sync/s3-store';
import { STORE_FORMAT, STORE_VERSION } from '../../../src-main/sync/store';
import { freePort } from '../../services/process';
import { createBucket, startS3Server, type TestS3Server } from '../../services/s3-server';

const CATALOG = 'c'.repeat(64);

function author(): { key: KeyObject; id: string; hlc?: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { key: privateKey, id: publicKeyHex(publicKey) };
}

function events(who: ReturnType<typeof author>, n: number, tag: string): SignedEvent[] {
  const out: SignedEvent[] = [];
  for (let i = 0; i < n; i++) {
    who.hlc = nextHlc(who.hlc);
    out.push(
      signBody(
        {
          v: 1,
          catalog: CATALOG,
          type: 'category.create',
          author: who.id,
          hlc: who.hlc,
          prev: {},
          data: { category: `${tag}-${i}`, name: `${tag} ${i}`, description: '' },
        },
        who.key,
      ),
    );
  }
  return out;
}

/** One machine's side of a sync, as the sync service does it: blobs, then events, then the outbox is cleared; then pull. */
class Machine {
  readonly known = new Map<string, SignedEvent>();
  outbox: SignedEvent[] = [];
  blobs = new Map<string, Uint8Array>();
  cursor?: string;
  pulledTwice = 0;

  async sync(store: S3Store): Promise<void> {
    for (const [sha, bytes] of this.blobs) if (!(await store.hasBlob(sha))) await store.putBlob(sha, bytes);
    if (this.outbox.length) await store.putEvents(this.outbox);
    this.outbox = [];
    const pulled = await store.pull({ cursor: this.cursor, isKnown: (id) => this.known.has(id) });
    for (const e of pulled.events) {
      if (this.known.has(e.id)) this.pulledTwice++;
      this.known.set(e.id, e);
    }
    this.cursor = pulled.cursor;
  }

  make(list: SignedEvent[]): void {
    for (const e of list) this.known.set(e.id, e);
    this.outbox.push(...list);
  }
}

async function failure(p: Promise<unknown>): Promise<BerthFailure> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BerthFailure) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('the S3 catalog store, against a real S3 server (versitygw)', () => {
  let server: TestS3Server;
  let bucketNo = 0;
  const requests = { gets: 0, lists: 0 };

  const storeFor = (bucket: string, extra: Partial<ConstructorParameters<typeof S3Store>[1]> = {}) =>
    new S3Store(
      { kind: 's3', bucket, prefix: 'team/', endpoint: server.endpoint, region: server.region },
      {
        credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
        backoffMs: 50,
        configure: (client) =>
          client.middlewareStack.add(
            (next, context) => async (args) => {
              if (context.commandName === 'GetObjectCommand') requests.gets++;
              if (context.commandName === 'ListObjectsV2Command') requests.lists++;
              return next(args);
            },
            { step: 'initialize', name: 'countRequests' },
          ),
        ...extra,
      },
    );

  async function newBucket(): Promise<string> {
    const name = `catalog-${++bucketNo}`;
    await createBucket(server, name);
    return name;
  }

  beforeAll(async () => {
    server = await startS3Server();
  }, 900_000);
  afterAll(() => server?.stop());

  it('creates the catalog manifest once and refuses a second catalog in the same place', async () => {
    const store = storeFor(await newBucket());
    expect(await store.readManifest()).toBeUndefined();
    const manifest = { format: STORE_FORMAT, version: STORE_VERSION, catalog: CATALOG, name: 'Acme charts', createdAt: new Date().toISOString() } as const;
    await store.createManifest(manifest);
    expect(await store.readManifest()).toEqual(manifest);
    expect((await failure(store.createManifest({ ...manifest, name: 'Other' }))).code).toBe('catalog.duplicate');
    await store.close();
  });

  it('stores blobs by content, once, and hands back only intact ones', async () => {
    const store = storeFor(await newBucket());
    const bytes = new TextEncoder().encode('chart package bytes');
    const sha = sha256Hex(bytes);
    expect(await store.hasBlob(sha)).toBe(false);
    await store.putBlob(sha, bytes);
    await store.putBlob(sha, bytes); // already there: left as is
    expect(await store.hasBlob(sha)).toBe(true);
    expect(await store.getBlob(sha)).toEqual(bytes);
    expect(await store.getBlob('0'.repeat(64))).toBeUndefined();
    await store.close();
  });

  it('pulls with a cursor: a later sync reads only the batches that are new', async () => {
    const bucket = await newBucket();
    const a = new Machine();
    const b = new Machine();
    const alice = author();
    a.make(events(alice, 2500, 'first'));
    await a.sync(storeFor(bucket));
    await b.sync(storeFor(bucket));
    expect(b.known.size).toBe(2500);

    const before = { ...requests };
    await b.sync(storeFor(bucket));
    expect(requests.gets - before.gets).toBe(0); // nothing new: one listing, no batch read

    a.make(events(alice, 3, 'second'));
    await a.sync(storeFor(bucket));
    const mid = { ...requests };
    await b.sync(storeFor(bucket));
    expect(requests.gets - mid.gets).toBe(1);
    expect(b.known.size).toBe(2503);
    expect(new Set(await storeFor(bucket).listEventIds())).toEqual(new Set(a.known.keys()));
  });

  it('loses and duplicates nothing when the server stops in the middle of a sync', async () => {
    const bucket = await newBucket();
    const a = new Machine();
    const bob = author();
    a.make(events(bob, 2600, 'offline-work')); // three journal batches
    a.blobs.set(sha256Hex('icon'), new TextEncoder().encode('icon'));

    // the server dies right after the first batch has landed
    let batches = 0;
    const dying = storeFor(bucket, {
      attempts: 3,
      configure: (client) =>
        client.middlewareStack.add(
          (next, context) => async (args) => {
            const result = await next(args);
            const key = (args.input as { Key?: string }).Key ?? '';
            if (context.commandName === 'PutObjectCommand' && key.includes('journal/') && ++batches === 1) await server.kill();
            return result;
          },
          { step: 'initialize', name: 'killAfterFirstBatch' },
        ),
    });
    const outboxBefore = a.outbox.length;
    const stopped = await failure(a.sync(dying));
    expect(stopped.code).toBe('sync.unreachable');
    expect(stopped.message).toContain('does not answer');
    expect(a.outbox.length).toBe(outboxBefore); // kept for the next sync

    server = await server.restart();
    await a.sync(storeFor(bucket));
    expect(a.outbox).toEqual([]);

    const b = new Machine();
    await b.sync(storeFor(bucket));
    expect(b.known.size).toBe(2600);
    expect(b.pulledTwice).toBe(0);
    expect([...b.known.keys()].sort()).toEqual([...a.known.keys()].sort());
    expect(await storeFor(bucket).getBlob(sha256Hex('icon'))).toEqual(new TextEncoder().encode('icon'));
    // and the interrupted writer, syncing again, pulls nothing twice
    await a.sync(storeFor(bucket));
    expect(a.pulledTwice).toBe(0);
  });

  it('a pull cut off by a stopped server is simply done again', async () => {
    const bucket = await newBucket();
    const a = new Machine();
    a.make(events(author(), 2100, 'x'));
    await a.sync(storeFor(bucket));
    let gets = 0;
    const b = new Machine();
    const dying = storeFor(bucket, {
      attempts: 2,
      configure: (client) =>
        client.middlewareStack.add(
          (next, context) => async (args) => {
            if (context.commandName === 'GetObjectCommand' && ++gets === 2) await server.kill();
            return next(args);
          },
          { step: 'initialize', name: 'killDuringPull' },
        ),
    });
    expect((await failure(b.sync(dying))).code).toBe('sync.unreachable');
    expect(b.cursor).toBeUndefined();
    server = await server.restart();
    await b.sync(storeFor(bucket));
    expect(b.known.size).toBe(2100);
    expect(b.pulledTwice).toBe(0);
  });

  it('says plainly what is wrong: bad keys, a missing bucket, an endpoint that does not answer', async () => {
    const bucket = await newBucket();
    const wrongKey = new S3Store(
      { kind: 's3', bucket, endpoint: server.endpoint },
      { credentials: { accessKeyId: server.accessKeyId, secretAccessKey: 'wrong' }, backoffMs: 10 },
    );
    const denied = await failure(wrongKey.readManifest());
    expect(denied.code).toBe('distribution.auth-failed');
    expect(denied.message).toContain('the access key or secret is wrong');
    const missing = storeFor('no-such-bucket');
    const none = await failure(missing.createManifest({ format: STORE_FORMAT, version: STORE_VERSION, catalog: CATALOG, name: 'x', createdAt: '' }));
    expect(none.code).toBe('distribution.not-found');
    expect(none.message).toContain('There is no bucket “no-such-bucket”');
    const port = await freePort();
    const nowhere = new S3Store(
      { kind: 's3', bucket, endpoint: `http://127.0.0.1:${port}` },
      { credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, backoffMs: 10, attempts: 2 },
    );
    const off = await failure(nowhere.readManifest());
    expect(off.code).toBe('sync.unreachable');
    expect(off.message).toContain('ECONNREFUSED');
  });
});

describe('a first sync with an S3 store', () => {
  let server: TestS3Server;
  beforeAll(async () => {
    server = await startS3Server();
  }, 900_000);
  afterAll(() => server?.stop());

  it('reads each batch once when it lists the store and then pulls everything', async () => {
    await createBucket(server, 'first-sync');
    let gets = 0;
    const open = () =>
      new S3Store(
        { kind: 's3', bucket: 'first-sync', endpoint: server.endpoint },
        {
          credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
          configure: (client) =>
            client.middlewareStack.add(
              (next, context) => async (args) => {
                if (context.commandName === 'GetObjectCommand') gets++;
                return next(args);
              },
              { step: 'initialize', name: 'countGets' },
            ),
        },
      );
    const writer = open();
    await writer.putEvents(events(author(), 2500, 'seed'));
    const store = open();
    gets = 0;
    const ids = await store.listEventIds();
    const pulled = await store.pull({ isKnown: () => false });
    expect(ids.size).toBe(2500);
    expect(pulled.events).toHaveLength(2500);
    expect(gets).toBe(3); // three batches, each read once
  });
});
