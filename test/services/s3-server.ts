/**
 * versitygw, an S3-compatible gateway over a plain folder (its posix backend), on 127.0.0.1.
 * Built from its Go module by test/services/ensure.sh. Data lives in a folder that survives a
 * stop, so a test can stop the server mid-sync and start it again on the same port and data.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureServices, freePort, servicesCache, startServer, VERSITYGW_VERSION, type RunningServer } from './process';

export interface TestS3Server extends RunningServer {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** The folder holding the buckets (each bucket a subfolder). */
  root: string;
  /** Starts the server again on the same port and data after stop() or kill(). */
  restart(): Promise<TestS3Server>;
}

export async function startS3Server(options: { root?: string; port?: number } = {}): Promise<TestS3Server> {
  ensureServices('s3');
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'berth-s3-'));
  const data = join(root, 'buckets');
  const sidecar = join(root, 'meta');
  mkdirSync(data, { recursive: true });
  mkdirSync(sidecar, { recursive: true });
  const port = options.port ?? (await freePort());
  const accessKeyId = 'berthtestadmin';
  const secretAccessKey = 'berth-test-secret-key-0123456789';
  const region = 'us-east-1';
  const bin = join(servicesCache(), 'bin', `versitygw-${VERSITYGW_VERSION}`);
  const server = await startServer(
    bin,
    ['--port', `127.0.0.1:${port}`, '--access', accessKeyId, '--secret', secretAccessKey, '--region', region, '--quiet', 'posix', '--sidecar', sidecar, data],
    port,
  );
  return {
    ...server,
    endpoint: server.url,
    accessKeyId,
    secretAccessKey,
    region,
    root,
    restart: () => startS3Server({ root, port }),
  };
}

/** An S3 client with the server's own keys: the owner of every bucket (destroy() it when done). */
export function s3Admin(server: TestS3Server): S3Client {
  return new S3Client({
    endpoint: server.endpoint,
    region: server.region,
    forcePathStyle: true,
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
  });
}

/** Creates a bucket as its owner would. */
export async function createBucket(server: TestS3Server, bucket: string): Promise<void> {
  const admin = s3Admin(server);
  try {
    await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  } finally {
    admin.destroy();
  }
}
