/**
 * S3 keys belong to sync (<dataDir>/sync/s3-keys.json). A data dir written by an older Berth
 * kept them in the publishing secrets (distribution/secrets.json, key `s3`): the first read
 * moves them, keeps the registry passwords where they were, and sync uses them at once.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/handlers';
import { dispatch } from '../../../src-main/handlers/registry';
import { createServices } from '../../../src-main/services';
import { createBucket, startS3Server, type TestS3Server } from '../../services/s3-server';

/** A data dir as Berth wrote it before the keys moved: one OCI target with a password, and S3 keys beside it. */
function oldFormatDataDir(keys: { accessKeyId: string; secretAccessKey: string }): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'berth-old-keys-'));
  mkdirSync(join(dataDir, 'distribution'));
  const target = { id: 't-0a1b2c3d', name: 'registry', kind: 'oci', location: 'oci://registry.example/charts', username: 'ci' };
  writeFileSync(join(dataDir, 'distribution', 'settings.json'), JSON.stringify({ targets: [target], signOnPublish: true }, null, 2) + '\n');
  const secrets = { s3: keys, registries: { 't-0a1b2c3d': { password: 'registry-password' } } };
  writeFileSync(join(dataDir, 'distribution', 'secrets.json'), JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  return dataDir;
}

describe('S3 keys saved by an older Berth', () => {
  let server: TestS3Server;
  const dirs: string[] = [];

  beforeAll(async () => {
    server = await startS3Server();
    await createBucket(server, 'old-keys');
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_PROFILE;
  }, 900_000);

  afterAll(async () => {
    await server?.stop();
    if (server) rmSync(server.root, { recursive: true, force: true });
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('move to sync/s3-keys.json on first read; registry passwords stay; sync checks the bucket with them', async () => {
    const keys = { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
    const dataDir = oldFormatDataDir(keys);
    dirs.push(dataDir);
    const services = createServices({ dataDir, host: 'cli' });
    const handlers = createHandlers(services);
    try {
      const place = { kind: 's3' as const, bucket: 'old-keys', endpoint: server.endpoint, region: server.region, forcePathStyle: true };
      const check = await dispatch(handlers, 'distribution.s3.check', { store: place });
      expect(check).toEqual({ ok: true, value: { reachable: true, message: 'The bucket answers and holds no catalog yet; you can create one there.', say: { key: 's3.empty' } } });

      const moved = join(dataDir, 'sync', 's3-keys.json');
      expect(JSON.parse(readFileSync(moved, 'utf8'))).toEqual({ s3: keys });
      expect(statSync(moved).mode & 0o777).toBe(0o600);
      const legacy = JSON.parse(readFileSync(join(dataDir, 'distribution', 'secrets.json'), 'utf8'));
      expect(legacy).toEqual({ registries: { 't-0a1b2c3d': { password: 'registry-password' } } });

      const settings = await dispatch(handlers, 'distribution.settings', {});
      expect(settings).toMatchObject({ ok: true, value: { s3CredentialsSaved: true, targets: [{ name: 'registry', hasSecret: true }] } });

      // the catalog itself goes into the bucket with the moved keys
      const init = await dispatch(handlers, 'catalog.init', { name: 'Old keys', store: place });
      expect(init).toMatchObject({ ok: true, value: { catalog: { name: 'Old keys' } } });
    } finally {
      await services.close();
    }
  });

  it('forgetting the keys also forgets a copy still waiting in the old file', async () => {
    const dataDir = oldFormatDataDir({ accessKeyId: 'AKIAOLD', secretAccessKey: 'old-secret' });
    dirs.push(dataDir);
    const services = createServices({ dataDir, host: 'cli' });
    try {
      const cleared = await dispatch(createHandlers(services), 'distribution.s3.credentials', { credentials: null });
      expect(cleared).toMatchObject({ ok: true, value: { s3CredentialsSaved: false } });
      expect(readFileSync(join(dataDir, 'distribution', 'secrets.json'), 'utf8')).not.toContain('AKIAOLD');
      expect(services.s3Keys.get()).toBeUndefined();
    } finally {
      await services.close();
    }
  });
});
