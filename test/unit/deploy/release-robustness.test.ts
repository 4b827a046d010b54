/**
 * The release lifecycle where helm users met Berth's edges, on the Kubernetes harness with the
 * `berth` command itself: ingress-nginx, whose hook Jobs delete themselves as they complete,
 * installs with --wait; Ctrl-C during `install --wait` leaves the release failed, as helm does,
 * so the next upgrade is not refused as "in progress".
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseFromSecret, releaseSecretName } from '../../../src-main/deploy/release-record';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS } from '../../cluster/harness';
import { deleteNamespaces, deployWorld, kubectl, namesGiven, uniqueName, type DeployWorld } from './cluster-fixtures';

const root = resolve(__dirname, '../../..');
const INGRESS_NGINX = join(root, '../shared/corpus/render/charts/ingress-nginx-4.15.1.tgz');
let w: DeployWorld;
// the releases' running pods would fill the harness's nodes for every later test
afterAll(() => deleteNamespaces(w?.harness, namesGiven()));

beforeAll(async () => {
  w = await deployWorld();
  // the real command line, as a user runs it (the bundle is cheap to build; the engine is shared)
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), 'engine', 'main', '--if-needed'], { stdio: 'ignore' });
}, CLUSTER_START_TIMEOUT_MS);

function berthProcess(args: string[]) {
  return spawn(process.execPath, [join(root, 'bin/berth.cjs'), ...args, '--kubeconfig', w.harness.kubeconfig, '--kube-context', w.harness.tokenContext], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function finished(child: ReturnType<typeof berthProcess>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

function record(ns: string, name: string, revision: number) {
  try {
    return releaseFromSecret(JSON.parse(kubectl(w.harness, ['get', 'secret', releaseSecretName(name, revision), '-n', ns, '-o', 'json'])));
  } catch {
    return undefined;
  }
}

describe('berth install on the edges helm users hit', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it('installs ingress-nginx with --wait although its hook Jobs are gone once they complete', async () => {
    const ns = uniqueName('ingress');
    const name = uniqueName('ing').slice(0, 40);
    // cluster-scoped objects carry the release name, so each run takes its own; no LoadBalancer on the harness
    const r = await finished(
      berthProcess(['install', name, INGRESS_NGINX, '-n', ns, '--create-namespace', '--wait', '--timeout', '3m', '--set', 'controller.service.type=ClusterIP']),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('STATUS: deployed');
    expect(record(ns, name, 1)?.info.status).toBe('deployed');
    const gone = await w.helm(['uninstall', name, '-n', ns]);
    expect(gone.status).toBe(0);
  });

  it('records an install interrupted by Ctrl-C as failed, so an upgrade may follow', async () => {
    const ns = uniqueName('interrupt');
    const dir = mkdtempSync(join(w.work, 'stuck-'));
    mkdirSync(join(dir, 'stuck/templates'), { recursive: true });
    writeFileSync(join(dir, 'stuck/Chart.yaml'), 'apiVersion: v2\nname: stuck\nversion: 0.1.0\n');
    // no node has this label: the pod never schedules, so --wait waits until interrupted
    writeFileSync(
      join(dir, 'stuck/templates/deploy.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: stuck\nspec:\n  selector:\n    matchLabels: {app: stuck}\n  template:\n    metadata:\n      labels: {app: stuck}\n    spec:\n      nodeSelector: {berth.dev/never: "true"}\n      containers:\n        - name: c\n          image: example.invalid/none:1\n',
    );
    execFileSync('tar', ['czf', join(dir, 'stuck.tgz'), '-C', dir, 'stuck']);
    const child = berthProcess(['install', 'stuck', join(dir, 'stuck.tgz'), '-n', ns, '--create-namespace', '--wait', '--timeout', '3m']);
    const done = finished(child);
    const deadline = Date.now() + 60_000;
    while (record(ns, 'stuck', 1)?.info.status !== 'pending-install' && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 300));
    expect(record(ns, 'stuck', 1)?.info.status).toBe('pending-install');
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stdout).toContain('Release stuck has been cancelled.\n');
    expect(record(ns, 'stuck', 1)?.info).toMatchObject({ status: 'failed', description: 'Release "stuck" failed: context canceled' });
    // helm then upgrades it, as it would its own interrupted release
    const up = await w.helm(['upgrade', 'stuck', join(dir, 'stuck.tgz'), '-n', ns]);
    expect(up.stderr).toBe('');
    expect(up.status).toBe(0);
    await w.helm(['uninstall', 'stuck', '-n', ns]);
  });
});
