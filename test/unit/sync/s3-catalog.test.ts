/**
 * A catalog that lives in an S3 bucket (a real versitygw), used through the contract by two
 * people with their own data dirs: the ISV creates the catalog and an app and submits it, the
 * reviewer connects, syncs and approves, and the ISV sees the decision. Keys come from the
 * settings page for one and from an AWS profile for the other, and land in neither the catalog
 * nor the catalog settings.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallName, RequestOf, ResultOf } from '../../../shared/contract';
import type { S3StoreLocation } from '../../../shared/types/distribution';
import { createHandlers } from '../../../src-main/handlers';
import { dispatch } from '../../../src-main/handlers/registry';
import { createServices, type Services } from '../../../src-main/services';
import { fixture } from '../catalog/people';
import { freePort } from '../../services/process';
import { createBucket, startS3Server, type TestS3Server } from '../../services/s3-server';

interface Failure {
  code: string;
  message: string;
}

class Person {
  readonly dataDir: string;
  readonly services: Services;
  private readonly handlers: ReturnType<typeof createHandlers>;

  constructor(name: string) {
    this.dataDir = mkdtempSync(join(tmpdir(), `berth-s3-${name}-`));
    this.services = createServices({ dataDir: this.dataDir, host: 'cli' });
    this.handlers = createHandlers(this.services);
  }

  async call<N extends CallName>(name: N, request: RequestOf<N>): Promise<ResultOf<N>> {
    const r = await dispatch(this.handlers, name, request);
    if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
    return r.value as ResultOf<N>;
  }

  async fails<N extends CallName>(name: N, request: RequestOf<N>): Promise<Failure> {
    const r = await dispatch(this.handlers, name, request);
    if (r.ok) throw new Error(`${name} was expected to fail`);
    return r.error;
  }

  /** Every file of the data dir, as text, to look for secrets. */
  allText(): string {
    return filesUnder(this.dataDir)
      .filter((f) => !f.includes(`${join('sync', 's3-keys.json')}`))
      .map((f) => readFileSync(f).toString('latin1'))
      .join('\n');
  }

  async close(): Promise<void> {
    await this.services.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('a catalog in an S3 bucket, shared by an ISV and a reviewer', () => {
  let server: TestS3Server;
  let place: S3StoreLocation;
  let awsDir: string;
  const isv = new Person('isv');
  const reviewer = new Person('reviewer');
  let version = '';
  let app = '';

  beforeAll(async () => {
    server = await startS3Server();
    await createBucket(server, 'team-catalog');
    place = { kind: 's3', bucket: 'team-catalog', prefix: 'acme', endpoint: server.endpoint, region: server.region, forcePathStyle: true };
    // the reviewer's keys are in an AWS profile, as the AWS CLI writes them
    awsDir = mkdtempSync(join(tmpdir(), 'berth-aws-'));
    writeFileSync(join(awsDir, 'credentials'), `[reviewer]\naws_access_key_id = ${server.accessKeyId}\naws_secret_access_key = ${server.secretAccessKey}\n`);
    writeFileSync(join(awsDir, 'config'), '');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(awsDir, 'credentials');
    process.env.AWS_CONFIG_FILE = join(awsDir, 'config');
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_PROFILE;
  }, 900_000);

  afterAll(async () => {
    await isv.close();
    await reviewer.close();
    await server?.stop();
    rmSync(awsDir, { recursive: true, force: true });
    if (server) rmSync(server.root, { recursive: true, force: true });
  });

  it('the ISV saves keys, checks the bucket and creates the catalog in it', async () => {
    await isv.call('identity.rename', { displayName: 'Iris' });
    await isv.call('distribution.s3.credentials', { credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey } });
    const before = await isv.call('distribution.s3.check', { store: place });
    expect(before.reachable).toBe(true);
    expect(before.catalogName).toBeUndefined();
    const status = await isv.call('catalog.init', { name: 'Acme charts', store: place });
    expect(status.catalog).toMatchObject({ name: 'Acme charts', store: { kind: 's3', bucket: 'team-catalog', prefix: 'acme/', endpoint: server.endpoint } });
    expect(status.sync.state).toBe('synced');
    expect(await isv.call('distribution.s3.check', { store: place })).toMatchObject({ reachable: true, catalogName: 'Acme charts' });
    // the catalog lives under the prefix, in the bucket
    expect(readdirSync(join(server.root, 'buckets', 'team-catalog', 'acme')).sort()).toEqual(['berth-catalog.json', 'journal']);
  });

  it('a second catalog in the same place is refused with a plain sentence', async () => {
    const other = new Person('other');
    try {
      await other.call('distribution.s3.credentials', { credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey } });
      const f = await other.fails('catalog.init', { name: 'Another', store: place });
      expect(f).toMatchObject({
        code: 'catalog.duplicate',
        message: `The S3 bucket “team-catalog” (prefix acme/) at ${server.endpoint} already holds a Berth catalog; connect to it instead.`,
        say: { key: 'store.alreadyCatalog', values: { place: { key: 'place.s3PrefixAt', values: { bucket: 'team-catalog', prefix: 'acme/' } } } },
      });
    } finally {
      await other.close();
    }
  });

  it('the ISV creates an app and submits its version; the reviewer connects with a profile and is made reviewer', async () => {
    await isv.call('workspace.create', { name: 'demo-workspace' });
    const created = await isv.call('app.create', { workspace: 'demo-workspace', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    app = created.id;
    version = created.versions[0].id;
    await isv.call('app.setIcon', { app, image: fixture('emqx-logo.png') });
    await isv.call('version.submit', { version, versionName: '1.0.0-rc.1', changelog: 'first release' });
    const pushed = await isv.call('catalog.sync', {});
    expect(pushed.pushedEvents).toBeGreaterThan(0);
    expect(pushed.status).toMatchObject({ state: 'synced', pending: 0 });

    await reviewer.call('identity.rename', { displayName: 'Ravi' });
    const joined = await reviewer.call('catalog.connect', { store: { ...place, profile: 'reviewer' } });
    expect(joined.catalog?.name).toBe('Acme charts');
    await isv.call('catalog.sync', {});
    const ravi = (await isv.call('member.list', {})).find((m) => m.displayName === 'Ravi');
    await isv.call('member.grant', { member: ravi!.keyId, role: 'reviewer' });
    await isv.call('catalog.sync', {});
    await reviewer.call('catalog.sync', {});
    expect((await reviewer.call('session.get', {})).platformRoles).toEqual(['reviewer']);
  });

  it('the reviewer syncs, sees the package and icon, approves; the ISV sees it approved and releases', async () => {
    const queue = await reviewer.call('review.queue', {});
    expect(queue.map((q) => [q.app.chartName, q.version.name, q.version.changelog, q.submittedBy])).toEqual([['emqx', '1.0.0-rc.1', 'first release', 'Iris']]);
    const pkg = await reviewer.call('blob.get', { sha256: queue[0].version.package.sha256 });
    expect(Buffer.from(pkg.base64, 'base64').equals(Buffer.from(fixture('emqx-v1.0.0-rc.1.tgz'), 'base64'))).toBe(true);
    await reviewer.call('version.approve', { version });
    expect((await reviewer.call('catalog.sync', {})).status).toMatchObject({ state: 'synced', pending: 0 });

    const pulled = await isv.call('catalog.sync', {});
    expect(pulled.pulledEvents).toBeGreaterThan(0);
    expect((await isv.call('version.get', { version })).state).toBe('passed');
    await isv.call('version.release', { version });
    await isv.call('catalog.sync', {});
    await reviewer.call('catalog.sync', {});
    expect((await reviewer.call('store.list', {})).apps.map((a) => a.chartName)).toEqual(['emqx']);
  });

  it('keys are never in the bucket, the catalog settings or anything else in the data dir but the 0600 keys file', async () => {
    const bucketText = filesUnder(join(server.root, 'buckets'))
      .map((f) => readFileSync(f).toString('latin1'))
      .join('\n');
    expect(bucketText).not.toContain(server.secretAccessKey);
    expect(bucketText).not.toContain(server.accessKeyId);
    for (const p of [isv, reviewer]) {
      expect(p.allText()).not.toContain(server.secretAccessKey);
      expect(p.allText()).not.toContain(server.accessKeyId);
    }
    expect(statSync(join(isv.dataDir, 'sync', 's3-keys.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(reviewer.dataDir, 'catalog.json'), 'utf8')).store).toEqual({ ...place, prefix: 'acme/', profile: 'reviewer' });
  });

  it('wrong keys, a missing bucket and an endpoint that does not answer each get their own plain sentence', async () => {
    const stranger = new Person('stranger');
    try {
      await stranger.call('distribution.s3.credentials', { credentials: { accessKeyId: server.accessKeyId, secretAccessKey: 'not-the-secret' } });
      const badKeys = await stranger.fails('catalog.connect', { store: place });
      expect(badKeys.code).toBe('distribution.auth-failed');
      expect(badKeys.message).toContain('the access key or secret is wrong');

      await stranger.call('distribution.s3.credentials', { credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey } });
      const noBucket = await stranger.fails('catalog.connect', { store: { ...place, bucket: 'no-such-bucket' } });
      expect(noBucket).toMatchObject({
        code: 'distribution.not-found',
        message: `There is no bucket “no-such-bucket” at ${server.endpoint}. Create it first, or check its name.`,
        say: { key: 's3.noBucket', values: { where: { key: 's3.bucketAt', values: { bucket: 'no-such-bucket' } } } },
      });

      const nowhere = await stranger.fails('catalog.init', { name: 'Nowhere', store: { ...place, endpoint: `http://127.0.0.1:${await freePort()}` } });
      expect(nowhere.code).toBe('sync.unreachable');
      expect(nowhere.message).toMatch(/^The S3 endpoint for the bucket “team-catalog” at http:\/\/127\.0\.0\.1:\d+ does not answer/);
      // a failed init leaves no catalog behind
      expect((await stranger.call('session.get', {})).connected).toBe(false);
      expect((await stranger.call('catalog.status', {})).catalog).toBeUndefined();

      const empty = await stranger.fails('catalog.connect', { store: { ...place, prefix: 'elsewhere/' } });
      expect(empty).toMatchObject({
        code: 'not-found',
        message: `The S3 bucket “team-catalog” (prefix elsewhere/) at ${server.endpoint} holds no Berth catalog. Ask your catalog’s admin for the right place, or create a new catalog there instead.`,
      });
    } finally {
      await stranger.close();
    }
  });

  it('with the server stopped a sync is offline and keeps the work; after a restart nothing is lost or duplicated', async () => {
    await isv.call('app.updateInfo', { app, description: 'MQTT broker' });
    await isv.call('category.create', { name: 'IoT' });
    await server.stop();
    const offline = await isv.call('catalog.sync', {});
    expect(offline.status.state).toBe('offline');
    expect(offline.status.pending).toBe(2);
    expect(offline.status.message).toContain('“team-catalog”');
    expect((await isv.call('catalog.status', {})).sync).toMatchObject({ state: 'offline', pending: 2 });

    server = await server.restart();
    const back = await isv.call('catalog.sync', {});
    expect(back).toMatchObject({ pushedEvents: 2, status: { state: 'synced', pending: 0 } });
    const before = (await reviewer.call('catalog.status', {})).events;
    const got = await reviewer.call('catalog.sync', {});
    expect(got.pulledEvents).toBe(2);
    expect((await reviewer.call('catalog.status', {})).events).toBe(before + 2);
    expect((await reviewer.call('category.list', {})).map((c) => c.name)).toContain('IoT');
    expect((await reviewer.call('app.get', { app })).info.description).toBe('MQTT broker');
    // and again: nothing more to move
    expect(await reviewer.call('catalog.sync', {})).toMatchObject({ pulledEvents: 0, pushedEvents: 0 });
    expect(await isv.call('catalog.sync', {})).toMatchObject({ pulledEvents: 0, pushedEvents: 0 });
  });
});
