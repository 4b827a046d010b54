// Release commands against the real helm v4.1.4 on the Kubernetes harness, measured in one run:
//   `helm install --wait` vs `berth install --wait` of the same chart (a fresh namespace each
//   time, cold CLI both), then `helm list -A` vs `berth list -A` on the same cluster.
//   node --import tsx bench/deploy.mjs [--runs N]       (npm run bench -- deploy)
// Needs the harness: BERTH_CLUSTER_DIR=/work/cluster (or `npm run cluster:up`).
// Goal: install --wait and list -A at most 1× helm's wall time. Wall and CPU time are printed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCluster } from '../test/cluster/harness.ts';
import { helmBinary } from '../test/services/helm.ts';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 3));
const root = join(import.meta.dirname, '..');
// the installed command: the sh launcher (list runs in the native engine, install on Node)
const berth = join(root, 'bin', 'berth');
const helm = helmBinary();
// a running shared harness is used as it is; otherwise one is started as the tests start it
const stateFile = join(process.env.BERTH_CLUSTER_DIR ?? join(root, '.berth-dev/cluster'), 'state.json');
const harness = existsSync(stateFile) ? { ...JSON.parse(readFileSync(stateFile, 'utf8')), tokenContext: 'berth-harness' } : await ensureCluster();
const work = mkdtempSync(join(tmpdir(), 'berth-bench-deploy-'));
const home = join(work, 'home');
const env = { ...process.env, HELM_CONFIG_HOME: join(home, 'c'), HELM_CACHE_HOME: join(home, 'k'), HELM_DATA_HOME: join(home, 'd') };
const kube = ['--kubeconfig', harness.kubeconfig, '--kube-context', harness.tokenContext];

// a small web app: a Deployment of two replicas, its Service and ConfigMap
const chartDir = join(work, 'web');
mkdirSync(join(chartDir, 'templates'), { recursive: true });
writeFileSync(join(chartDir, 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 1.0.0\nappVersion: "1.27"\n');
writeFileSync(join(chartDir, 'values.yaml'), 'replicas: 2\n');
writeFileSync(
  join(chartDir, 'templates/app.yaml'),
  `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}
data:
  greeting: hello
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}
spec:
  selector: {app: {{ .Release.Name }}}
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels: {app: {{ .Release.Name }}}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`,
);
const chart = join(work, 'web-1.0.0.tgz');
spawnSync('tar', ['czf', chart, '-C', work, 'web']);

/** Runs a command under /usr/bin/time; returns wall and CPU milliseconds. */
function timed(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', cmd, ...args], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  const [user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: (user + sys) * 1000 };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** helm and berth alternated run by run, so load changes hit both alike; medians of each. */
function paired(fnHelm, fnBerth) {
  const h = [];
  const b = [];
  for (let i = 0; i < RUNS; i++) {
    h.push(fnHelm(i));
    b.push(fnBerth(i));
  }
  const med = (xs) => ({ wall: median(xs.map((r) => r.wall)), cpu: median(xs.map((r) => r.cpu)) });
  return [med(h), med(b)];
}

console.log(`Release commands vs helm v4.1.4 on the harness (${harness.version}), median of ${RUNS}, load ${loadavg()[0].toFixed(1)}`);
console.log(
  `${''.padEnd(34)}  ${'helm wall'.padStart(10)}  ${'berth wall'.padStart(10)}  ${'ratio'.padStart(6)}  ${'helm cpu'.padStart(9)}  ${'berth cpu'.padStart(9)}`,
);
const row = (label, h, b) =>
  console.log(
    `${label.padEnd(34)}  ${`${h.wall.toFixed(0)} ms`.padStart(10)}  ${`${b.wall.toFixed(0)} ms`.padStart(10)}  ${(b.wall / h.wall).toFixed(2).padStart(5)}×  ${`${h.cpu.toFixed(0)} ms`.padStart(9)}  ${`${b.cpu.toFixed(0)} ms`.padStart(9)}`,
  );

const stamp = Date.now().toString(36);
const installs = [];
const install = (tool, i) => {
  const ns = `bench-${tool}-${stamp}-${i}`;
  installs.push([tool, ns]);
  const args = ['install', 'web', chart, '-n', ns, '--create-namespace', '--wait', '--timeout', '2m', ...kube];
  return tool === 'helm' ? timed(helm, args) : timed(berth, args);
};
row(
  'install --wait (Deployment ×2)',
  ...paired(
    (i) => install('helm', i),
    (i) => install('berth', i),
  ),
);

row(
  'list -A',
  ...paired(
    () => timed(helm, ['list', '-A', ...kube]),
    () => timed(berth, ['list', '-A', ...kube]),
  ),
);

// the releases go; their empty namespaces stay (each run makes its own)
for (const [, ns] of installs) spawnSync(helm, ['uninstall', 'web', '-n', ns, ...kube], { env });
rmSync(work, { recursive: true, force: true });
