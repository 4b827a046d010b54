/**
 * The Kubernetes harness for tests: `ensureCluster()` builds test/cluster (cached) and starts it
 * once, or reuses one that is already running (also one started with `npm run cluster:up`).
 * One started here belongs to the test run: it stays up for the run's other test files and
 * stops by itself when the run's main process exits.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Harness {
  server: string;
  kubeconfig: string;
  version: string;
  /** Context names in the kubeconfig. */
  tokenContext: string;
  certContext: string;
}

const root = resolve(__dirname, '../..');
const dir = process.env.BERTH_CLUSTER_DIR || join(root, '.berth-dev/cluster');

/** Generous: a cold build of the Kubernetes components on a shared 2-core machine is slow. */
export const CLUSTER_START_TIMEOUT_MS = 60 * 60_000;
/** Per test on the cluster: deploys wait for real controllers, on a machine other builds share. */
export const CLUSTER_TEST_TIMEOUT_MS = 4 * 60_000;

/** Asynchronous, so a test worker stays responsive during a cold build of the harness. */
export async function ensureCluster(): Promise<Harness> {
  await new Promise<void>((done, fail) => {
    // Test files run in worker processes; their parent is the test run.
    execFile(
      process.execPath,
      [join(root, 'scripts/cluster.mjs'), 'up', '--owner-pid', String(process.ppid)],
      { timeout: CLUSTER_START_TIMEOUT_MS, maxBuffer: 16 << 20 },
      (error, _stdout, stderr) => {
        if (error) fail(new Error(`the Kubernetes harness did not start: ${stderr || error.message}`));
        else done();
      },
    );
  });
  const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { server: string; kubeconfig: string; version: string };
  return { ...state, tokenContext: 'berth-harness', certContext: 'berth-harness-cert' };
}

/** The admin bearer token the harness issued (for tests that build their own kubeconfig). */
export function harnessToken(): string {
  return readFileSync(join(dir, 'pki', 'admin.token'), 'utf8').trim();
}

export function harnessCA(): string {
  return readFileSync(join(dir, 'pki', 'ca.crt'), 'utf8');
}
