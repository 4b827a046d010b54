/** `berth catalog init|connect --s3-bucket …` against a real S3 server (versitygw), keys from the environment. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import { createBucket, startS3Server, type TestS3Server } from '../../services/s3-server';

async function berth(dataDir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli([...argv, '--data-dir', dataDir], { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('berth catalog with an S3 bucket', () => {
  let server: TestS3Server;
  const isv = mkdtempSync(join(tmpdir(), 'berth-s3cli-isv-'));
  const reviewer = mkdtempSync(join(tmpdir(), 'berth-s3cli-rev-'));
  let where: string[] = [];

  beforeAll(async () => {
    server = await startS3Server();
    await createBucket(server, 'charts');
    process.env.AWS_ACCESS_KEY_ID = server.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = server.secretAccessKey;
    where = ['--s3-bucket', 'charts', '--endpoint', server.endpoint, '--prefix', 'team/', '--region', server.region];
  }, 900_000);

  afterAll(async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    await server?.stop();
    for (const d of [isv, reviewer, server?.root]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('creates a catalog in the bucket and says where it is shared', async () => {
    const init = await berth(isv, 'catalog', 'init', '--name', 'Acme charts', ...where);
    expect(init).toMatchObject({ code: 0, err: '' });
    expect(init.out).toContain(`shared via:  the S3 bucket “charts” (prefix team/) at ${server.endpoint}`);
    expect(init.out).toMatch(/sync:\s+synced/);
    expect((await berth(isv, 'workspace', 'create', 'demo-workspace')).code).toBe(0);
    expect((await berth(isv, 'catalog', 'sync')).out).toMatch(/^Sent 1 change\(s\)/);
  });

  it('a second person connects with the same flags and receives the catalog', async () => {
    const connect = await berth(reviewer, 'catalog', 'connect', ...where);
    expect(connect.code).toBe(0);
    expect(connect.out).toContain('Acme charts');
    expect(connect.out).toContain('the S3 bucket “charts”');
    const list = await berth(reviewer, 'workspace', 'list');
    expect(list.out).toContain('demo-workspace');
  });

  it('refuses S3 flags without --s3-bucket, and more than one place', async () => {
    const stray = await berth(reviewer, 'catalog', 'connect', '--folder', '/tmp/x', '--endpoint', server.endpoint);
    expect(stray.code).not.toBe(0);
    expect(stray.err).toContain('--endpoint goes with --s3-bucket');
    const two = await berth(reviewer, 'catalog', 'connect', '--folder', '/tmp/x', '--s3-bucket', 'charts');
    expect(two.err).toContain('give exactly one of --folder DIR, --file FILE or --s3-bucket NAME');
  });

  it('a missing bucket is said plainly', async () => {
    const r = await berth(mkdtempSync(join(tmpdir(), 'berth-s3cli-x-')), 'catalog', 'connect', '--s3-bucket', 'nope', '--endpoint', server.endpoint);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(`There is no bucket “nope” at ${server.endpoint}. Create it first, or check its name.`);
  });
});
