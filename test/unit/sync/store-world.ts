/**
 * What the store-damage tests (tamper, tamper-s3, store-check-units, revocation) share: two
 * honest machines on one store with an app under review, a newcomer who joins later, a real S3
 * bucket (versitygw) whose objects a test can read and overwrite behind their back, and a
 * catalog file's rows edited the same way.
 */
import { rmSync } from 'node:fs';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { StoreLocation } from '../../../shared/types/catalog';
import type { S3StoreLocation } from '../../../shared/types/distribution';
import type { SignedEvent } from '../../../src-main/catalog/event-types';
import { CatalogFile } from '../../../src-main/sync/catalog-file';
import { createBucket, s3Admin, startS3Server, type TestS3Server } from '../../services/s3-server';
import { cleanup, fixture, person, type Person } from '../catalog/people';

export interface StoreWorld {
  where: StoreLocation;
  ada: Person;
  rex: Person;
  /** The submitted version of the emqx chart's app. */
  version: string;
  /** Everyone who joined, newcomers included: closed by closeWorld. */
  people: Person[];
}

export interface ApprovedWorld extends StoreWorld {
  approve: SignedEvent;
  create: SignedEvent;
  chartSha: string;
}

/** Ada makes the store and grants Rex the reviewer role; she submits the emqx chart's version; both have synced. */
export async function submittedApp(where: StoreLocation, catalogName: string): Promise<StoreWorld> {
  const ada = person('Ada');
  const rex = person('Rex');
  await ada.sync.init(catalogName, where);
  await rex.sync.connect(where);
  await ada.sync.sync();
  await ada.commands.grant({ member: 'Rex', role: 'reviewer' });
  await ada.commands.createWorkspace({ name: 'ws' });
  const app = await ada.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
  const version = app.versions[0].id;
  await ada.commands.submitVersion({ version });
  await ada.sync.sync();
  await rex.sync.sync();
  return { where, ada, rex, version, people: [ada, rex] };
}

/** submittedApp, then Rex approves the version; both have synced. */
export async function approvedApp(where: StoreLocation, catalogName: string): Promise<ApprovedWorld> {
  const w = await submittedApp(where, catalogName);
  await w.rex.commands.versionAction('version.approve', { version: w.version });
  await w.rex.sync.sync();
  await w.ada.sync.sync();
  return { ...w, ...(await approvalEvents(w.ada)) };
}

/** The approval, the app's creation and its chart's sha256, as someone's ledger holds them. */
async function approvalEvents(someone: Person): Promise<Pick<ApprovedWorld, 'approve' | 'create' | 'chartSha'>> {
  const events = (await someone.core.ledger()).allEvents();
  const approve = events.find((e) => e.body.type === 'version.approve')!;
  const create = events.find((e) => e.body.type === 'app.create')!;
  return { approve, create, chartSha: (create.body.data as { package: { sha256: string } }).package.sha256 };
}

/** A newcomer joins (after the honest syncs) and says what state the version is in; its replayed state is what counts. */
export async function newcomerSees(w: StoreWorld): Promise<string> {
  const carol = person('Carol');
  w.people.push(carol);
  await carol.sync.connect(w.where);
  return (await carol.core.state()).versions.get(w.version)?.state ?? 'missing';
}

/** Closes everyone and removes their data dirs and `dirs`. */
export async function closeWorld(w: StoreWorld | undefined, ...dirs: string[]): Promise<void> {
  for (const p of w?.people ?? []) await p.close();
  cleanup(...dirs, ...(w?.people ?? []).map((p) => p.dataDir));
}

/** Changes a catalog file's rows behind Berth's back (one SQL statement), as someone with the file would. */
export async function editCatalogFile(path: string, sql: string, params: (string | Uint8Array)[]): Promise<void> {
  const file = await CatalogFile.open(path, { create: false });
  (file as unknown as { db: { run(s: string, p: unknown[]): void } }).db.run(sql, params);
  (file as unknown as { dirty: boolean }).dirty = true;
  await file.close();
}

export interface CatalogBucket {
  where: S3StoreLocation;
  keys(prefix: string): Promise<string[]>;
  get(key: string): Promise<string>;
  put(key: string, body: string): Promise<unknown>;
  del(key: string): Promise<unknown>;
  /** The journal batches holding a line of this event. */
  batchesWith(id: string): Promise<string[]>;
  /** Stops the server, removes its data and gives the AWS environment back. */
  stop(): Promise<void>;
}

const AWS_VARS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'];

/** A real S3 server with a bucket "catalog"; its keys are in the AWS environment, where the honest machines find them. */
export async function catalogBucket(): Promise<CatalogBucket> {
  const server: TestS3Server = await startS3Server();
  await createBucket(server, 'catalog');
  const s3 = s3Admin(server);
  const saved = Object.fromEntries(AWS_VARS.map((k) => [k, process.env[k]]));
  process.env.AWS_ACCESS_KEY_ID = server.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = server.secretAccessKey;
  delete process.env.AWS_PROFILE;
  const keys = async (prefix: string) => ((await s3.send(new ListObjectsV2Command({ Bucket: 'catalog', Prefix: prefix }))).Contents ?? []).map((o) => o.Key!);
  const get = async (key: string) =>
    Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: 'catalog', Key: key }))).Body!.transformToByteArray()).toString('utf8');
  return {
    where: { kind: 's3', bucket: 'catalog', endpoint: server.endpoint, region: server.region, forcePathStyle: true },
    keys,
    get,
    put: (key, body) => s3.send(new PutObjectCommand({ Bucket: 'catalog', Key: key, Body: body })),
    del: (key) => s3.send(new DeleteObjectCommand({ Bucket: 'catalog', Key: key })),
    batchesWith: async (id) => {
      const out: string[] = [];
      for (const key of await keys('journal/')) if ((await get(key)).includes(`"id":"${id}"`)) out.push(key);
      return out;
    },
    stop: async () => {
      s3.destroy();
      await server.stop();
      rmSync(server.root, { recursive: true, force: true });
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    },
  };
}
