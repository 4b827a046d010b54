#!/usr/bin/env node
// The local Kubernetes harness (test/cluster): a real kube-apiserver, controller-manager and
// scheduler on embedded etcd, with kwok playing the nodes.
//   node scripts/cluster.mjs build    compile test/cluster into test/cluster/.bin (skipped when up to date)
//   node scripts/cluster.mjs up       build if needed, start in the background, wait until ready
//                                     (--owner-pid N: stop it when process N exits; tests use this)
//   node scripts/cluster.mjs down     stop it (add --purge to forget its data and certificates)
//   node scripts/cluster.mjs status   print where it runs and its kubeconfig
// The kubeconfig (contexts "berth-harness" with a token and "berth-harness-cert" with a client
// certificate) is written to .berth-dev/cluster/kubeconfig, or $BERTH_CLUSTER_DIR/kubeconfig.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'test/cluster');
const binary = join(src, '.bin/berth-cluster');
const dir = process.env.BERTH_CLUSTER_DIR || join(root, '.berth-dev/cluster');
const statePath = join(dir, 'state.json');
const pidPath = join(dir, 'supervisor.pid');
const lockPath = join(dir, 'starting.lock');
const READY_TIMEOUT_MS = 5 * 60_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function supervisorPid() {
  const pid = Number(existsSync(pidPath) ? readFileSync(pidPath, 'utf8').trim() : NaN);
  return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
}

/** The running cluster's state, or undefined when none is up. */
export function runningState() {
  const state = readJson(statePath);
  return state && supervisorPid() === state.pid ? state : undefined;
}

function newestSource() {
  let t = 0;
  for (const f of readdirSync(src)) {
    if (/\.(go|mod|sum)$/.test(f)) t = Math.max(t, statSync(join(src, f)).mtimeMs);
  }
  return t;
}

/** The Kubernetes release pinned in test/cluster/go.mod, stamped into the binary as its version. */
function kubernetesVersion() {
  const m = /^\s*k8s\.io\/kubernetes (v\d+)\.(\d+)\.(\d+)/m.exec(readFileSync(join(src, 'go.mod'), 'utf8'));
  if (!m) throw new Error('test/cluster/go.mod does not pin k8s.io/kubernetes');
  return { gitVersion: `${m[1]}.${m[2]}.${m[3]}`, major: m[1].slice(1), minor: m[2] };
}

export function build({ force = false } = {}) {
  if (!force && existsSync(binary) && statSync(binary).mtimeMs >= newestSource()) return;
  console.log('berth-cluster: building the Kubernetes harness (a cold build takes a while; later builds are cached)…');
  const started = Date.now();
  const v = kubernetesVersion();
  const pkg = 'k8s.io/component-base/version';
  const ldflags = [
    '-s',
    '-w',
    `-X ${pkg}.gitVersion=${v.gitVersion}`,
    `-X ${pkg}.gitMajor=${v.major}`,
    `-X ${pkg}.gitMinor=${v.minor}`,
    `-X ${pkg}.gitTreeState=clean`,
  ].join(' ');
  // Low priority: the machine is shared, and the Go build cache makes later builds quick.
  const r = spawnSync('nice', ['-n', '15', 'go', 'build', '-buildvcs=false', `-ldflags=${ldflags}`, '-o', binary, '.'], { cwd: src, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building test/cluster failed');
  console.log(`berth-cluster: built in ${Math.round((Date.now() - started) / 1000)} s`);
}

async function acquireLock() {
  mkdirSync(dir, { recursive: true });
  // Another process may be doing a cold build under the lock: wait as long as that may take.
  const deadline = Date.now() + 60 * 60_000;
  for (;;) {
    try {
      mkdirSync(lockPath);
      writeFileSync(join(lockPath, 'owner'), String(process.pid));
      return;
    } catch {
      const owner = Number(readJson(join(lockPath, 'owner')) ?? NaN);
      // A lock left behind by a process that died is taken over.
      if (Number.isInteger(owner) && !alive(owner)) rmSync(lockPath, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockPath}`);
      await sleep(500);
    }
  }
}

export async function up({ ownerPid } = {}) {
  const running = runningState();
  if (running) return running;
  await acquireLock();
  try {
    const again = runningState();
    if (again) return again;
    build();
    const stale = supervisorPid();
    if (stale) await stop(stale);
    rmSync(statePath, { force: true });
    mkdirSync(join(dir, 'logs'), { recursive: true });
    const log = openSync(join(dir, 'logs', 'supervisor.log'), 'a');
    const args = ['up', '--dir', dir];
    if (ownerPid) args.push('--owner-pid', String(ownerPid));
    const child = spawn(binary, args, { detached: true, stdio: ['ignore', log, log] });
    closeSync(log);
    writeFileSync(pidPath, String(child.pid));
    child.unref();
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const state = runningState();
      if (state) return state;
      if (!alive(child.pid)) break;
      await sleep(300);
    }
    const tail = existsSync(join(dir, 'logs', 'supervisor.log'))
      ? readFileSync(join(dir, 'logs', 'supervisor.log'), 'utf8')
          .split('\n')
          .slice(-15)
          .join('\n')
      : '';
    if (alive(child.pid)) await stop(child.pid);
    throw new Error(`the harness did not become ready; logs are in ${join(dir, 'logs')}\n${tail}`);
  } finally {
    rmSync(lockPath, { recursive: true, force: true });
  }
}

async function stop(pid) {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (alive(pid) && Date.now() < deadline) await sleep(200);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

export async function down({ purge = false } = {}) {
  const pid = supervisorPid();
  if (pid) await stop(pid);
  rmSync(pidPath, { force: true });
  rmSync(statePath, { force: true });
  if (purge) rmSync(dir, { recursive: true, force: true });
  return Boolean(pid);
}

async function main() {
  const [command = 'status', ...rest] = process.argv.slice(2);
  if (command === 'build') {
    build({ force: rest.includes('--force') });
  } else if (command === 'up') {
    const i = rest.indexOf('--owner-pid');
    const s = await up({ ownerPid: i >= 0 ? Number(rest[i + 1]) : undefined });
    console.log(`berth-cluster: Kubernetes ${s.version} ready at ${s.server}`);
    console.log(`  export KUBECONFIG=${s.kubeconfig}`);
    console.log('  contexts: berth-harness (token), berth-harness-cert (client certificate)');
  } else if (command === 'down') {
    const was = await down({ purge: rest.includes('--purge') });
    console.log(was ? 'berth-cluster: stopped' : 'berth-cluster: was not running');
  } else if (command === 'status') {
    const s = runningState();
    if (!s) {
      console.log('berth-cluster: not running');
      process.exitCode = 3;
    } else {
      console.log(`berth-cluster: running (pid ${s.pid}) Kubernetes ${s.version} at ${s.server}, ready since ${s.readyAt}`);
      console.log(`  export KUBECONFIG=${s.kubeconfig}`);
    }
  } else {
    console.error('usage: node scripts/cluster.mjs build|up|down [--purge]|status');
    process.exitCode = 2;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(`berth-cluster: ${e.message}`);
    process.exit(1);
  });
}
