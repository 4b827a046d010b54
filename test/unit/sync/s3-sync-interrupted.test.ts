/**
 * The sync service with an S3 bucket whose server (a real versitygw) is killed mid-sync: once
 * while the ISV's files are going up, once while the reviewer's pull is fetching them. The
 * next sync completes; both catalogs end up with the same events, each once, and every file.
 */
import { rmSync } from 'node:fs';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3StoreLocation } from '../../../shared/types/distribution';
import { SyncService } from '../../../src-main/sync/sync-service';
import { createBucket, startS3Server, type TestS3Server } from '../../services/s3-server';
import { cleanup, fixture, person, type Person } from '../catalog/people';

describe('sync service: an S3 server killed mid-sync', () => {
  let server: TestS3Server;
  let place: S3StoreLocation;
  let iris: Person;
  let ravi: Person;
  /** Set by a test: runs before each request and may kill the server. */
  let trap: ((command: string, key: string) => Promise<void>) | undefined;

  const syncFor = (p: Person) =>
    new SyncService(p.core, p.queries, undefined, () => ({
      s3Credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
      s3Configure: (client: S3Client) =>
        client.middlewareStack.add(
          (next, context) => async (args) => {
            await trap?.(context.commandName ?? '', (args.input as { Key?: string }).Key ?? '');
            return next(args);
          },
          { step: 'initialize', name: 'testTrap' },
        ),
    }));

  beforeAll(async () => {
    server = await startS3Server();
    await createBucket(server, 'catalog');
    place = { kind: 's3', bucket: 'catalog', endpoint: server.endpoint, region: server.region };
    iris = person('Iris');
    ravi = person('Ravi');
  }, 900_000);

  afterAll(async () => {
    await iris?.close();
    await ravi?.close();
    await server?.stop();
    cleanup(iris?.dataDir, ravi?.dataDir);
    if (server) rmSync(server.root, { recursive: true, force: true });
  });

  it('a push cut off after the first file: offline, work kept; the next sync sends it all once', async () => {
    const sync = syncFor(iris);
    await sync.init('Team', place);
    await iris.commands.createWorkspace({ name: 'demo' });
    const app = await iris.commands.createApp({ workspace: 'demo', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    await iris.commands.setIcon({ app: app.id, image: fixture('emqx-logo.png') });
    await iris.commands.addScreenshot({ app: app.id, image: fixture('emq-dashboard.png') });
    const pending = iris.core.outbox.size();
    expect(pending).toBeGreaterThan(3);

    let blobs = 0;
    trap = async (command, key) => {
      if (command === 'PutObjectCommand' && key.includes('blobs/') && ++blobs === 2) await server.kill();
    };
    const cut = await sync.sync();
    trap = undefined;
    expect(cut.status).toMatchObject({ state: 'offline', pending });
    expect(cut.status.message).toContain('does not answer');

    server = await server.restart();
    const again = await sync.sync();
    expect(again).toMatchObject({ pushedEvents: pending, status: { state: 'synced', pending: 0 } });
    expect(again.pushedBlobs).toBeGreaterThanOrEqual(2); // the files that had not landed
    expect(await sync.sync()).toMatchObject({ pushedEvents: 0, pulledEvents: 0, pushedBlobs: 0 });
  });

  it('a pull cut off while fetching files: the next sync completes, nothing missing or doubled', async () => {
    const sync = syncFor(ravi);
    let gets = 0;
    trap = async (command, key) => {
      if (command === 'GetObjectCommand' && key.includes('blobs/') && ++gets === 2) await server.kill();
    };
    // connecting syncs twice; the first is cut off, the second finds the server gone
    await sync.connect(place);
    trap = undefined;
    expect(sync.status().state).toBe('offline');

    server = await server.restart();
    const done = await sync.sync();
    expect(done.status).toMatchObject({ state: 'synced', pending: 0 });
    await syncFor(iris).sync();

    const [a, b] = [await iris.queries.status(), await ravi.queries.status()];
    expect(b.events).toBe(a.events);
    const detail = await iris.queries.app((await iris.queries.apps())[0].id);
    // every file arrived and checks out against its digest
    expect(ravi.queries.blob(detail.info.icon!.sha256).size).toBeGreaterThan(0);
    expect(ravi.queries.blob(detail.info.screenshots[0].sha256).size).toBeGreaterThan(0);
    expect(ravi.queries.blob(detail.versions[0].package.sha256).size).toBeGreaterThan(0);
    // and again: nothing left to move either way
    expect(await sync.sync()).toMatchObject({ pushedEvents: 0, pulledEvents: 0, pulledBlobs: 0 });
  });
});
