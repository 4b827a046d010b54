// Chart toolkit speed against the real helm v4.1.4, measured in one run:
//   per corpus chart: `helm template` vs `berth template` (cold CLI: a new process each time,
//   engine load included), Berth's warm in-process render, and `helm package` vs `berth package`.
//   node --import tsx bench/chart.mjs [--charts REGEX] [--runs N]      (npm run bench -- chart)
// Goals: beat the helm CLI cold; a typical chart well under 100 ms warm in-process.
// Both wall and CPU (user+sys) time are printed: on a busy machine CPU time is the steadier figure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmBinary } from '../test/services/helm.ts';
import { HelmEngine } from '../src-main/render/engine.ts';
import { renderChart } from '../src-main/render/render.ts';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 3));
const FILTER = new RegExp(arg('charts', '.'));
const CORPUS = '/work/shared/corpus';
const root = join(import.meta.dirname, '..');
// the sh launcher: template and package go straight to the native engine, as users run them
const berth = join(root, 'bin', 'berth');
const helm = helmBinary();
const work = mkdtempSync(join(tmpdir(), 'berth-bench-chart-'));
const home = join(work, 'home');
const helmEnv = { ...process.env, HELM_CONFIG_HOME: join(home, 'c'), HELM_CACHE_HOME: join(home, 'k'), HELM_DATA_HOME: join(home, 'd') };

/** Runs a command under /usr/bin/time; returns wall and CPU milliseconds. */
function timed(cmd, args, cwd) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', cmd, ...args], { cwd, env: helmEnv, encoding: 'utf8', maxBuffer: 256 << 20 });
  const wall = performance.now() - t0;
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [u, s] = last.split(' ').map(Number);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.slice(0, 300)}`);
  return { wall, cpu: (u + s) * 1000, stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => `${n.toFixed(0).padStart(6)}`;
const ratio = (a, b) => (a / b).toFixed(2).padStart(5);

console.log(`Chart toolkit vs helm v4.1.4 — median of ${RUNS} runs; load average ${loadavg()[0].toFixed(1)}`);

// one default case per chart, from the render corpus
const cases = readFileSync(join(CORPUS, 'render/cases.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t'))
  .filter(([id, , , , rc]) => rc === '0' && (/-defaults$/.test(id)))
  .filter(([id]) => FILTER.test(id));

const engine = new HelmEngine();
const t0 = performance.now();
await engine.warmUp();
const engineLoad = performance.now() - t0;

console.log(`\nrender (ms)${''.padEnd(34)}helm cold     berth cold    berth warm   cold ratio berth/helm`);
console.log(`${''.padEnd(45)}wall    cpu    wall    cpu    in-process   wall   cpu`);
const totals = { hw: 0, hc: 0, bw: 0, bc: 0, warm: 0 };
const renderDir = join(CORPUS, 'render');
for (const [id, chart, release, ns] of cases) {
  const args = ['template', release, chart, '--namespace', ns];
  const h = [];
  const b = [];
  for (let i = 0; i < RUNS; i++) {
    h.push(timed(helm, args, renderDir));
    b.push(timed(berth, args, renderDir));
  }
  const opts = { releaseName: release, namespace: ns };
  const source = { path: join(renderDir, chart) };
  await renderChart(source, opts, engine); // warm-up: the first render tiers the hot code up
  await renderChart(source, opts, engine);
  const warm = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await renderChart(source, opts, engine);
    warm.push(performance.now() - s);
  }
  const row = { hw: median(h.map((x) => x.wall)), hc: median(h.map((x) => x.cpu)), bw: median(b.map((x) => x.wall)), bc: median(b.map((x) => x.cpu)), warm: median(warm) };
  for (const k of Object.keys(totals)) totals[k] += row[k];
  console.log(`${id.padEnd(45)}${fmt(row.hw)} ${fmt(row.hc)}  ${fmt(row.bw)} ${fmt(row.bc)}    ${fmt(row.warm)}      ${ratio(row.bw, row.hw)} ${ratio(row.bc, row.hc)}`);
}
console.log(`${'total'.padEnd(45)}${fmt(totals.hw)} ${fmt(totals.hc)}  ${fmt(totals.bw)} ${fmt(totals.bc)}    ${fmt(totals.warm)}      ${ratio(totals.bw, totals.hw)} ${ratio(totals.bc, totals.hc)}`);
console.log(`engine load in-process (once): ${engineLoad.toFixed(0)} ms`);
const warmVsHelm = totals.warm / totals.hw;
console.log(`warm in-process render vs helm CLI (wall): ratio ${warmVsHelm.toFixed(2)}`);

console.log(`\npackage (ms)${''.padEnd(33)}helm          berth cold    ratio berth/helm`);
const pkgTotals = { hw: 0, hc: 0, bw: 0, bc: 0 };
const pkgSrc = join(CORPUS, 'package/src');
for (const name of readdirSync(pkgSrc).sort()) {
  if (!FILTER.test(name) || !existsSync(join(CORPUS, 'package/expected', `${name}.tsv`))) continue;
  if (readFileSync(join(CORPUS, 'package/expected', `${name}.tsv`), 'utf8').startsWith('#error')) continue;
  const h = [];
  const b = [];
  for (let i = 0; i < RUNS; i++) {
    const out = join(work, `p${i}`);
    mkdirSync(out, { recursive: true });
    h.push(timed(helm, ['package', join(pkgSrc, name), '-d', join(out, 'h')], work));
    b.push(timed(berth, ['package', join(pkgSrc, name), '-d', join(out, 'b')], work));
  }
  const row = { hw: median(h.map((x) => x.wall)), hc: median(h.map((x) => x.cpu)), bw: median(b.map((x) => x.wall)), bc: median(b.map((x) => x.cpu)) };
  for (const k of Object.keys(pkgTotals)) pkgTotals[k] += row[k];
  console.log(`${name.padEnd(45)}${fmt(row.hw)} ${fmt(row.hc)}  ${fmt(row.bw)} ${fmt(row.bc)}    ${ratio(row.bw, row.hw)} ${ratio(row.bc, row.hc)}`);
}
console.log(`${'total'.padEnd(45)}${fmt(pkgTotals.hw)} ${fmt(pkgTotals.hc)}  ${fmt(pkgTotals.bw)} ${fmt(pkgTotals.bc)}    ${ratio(pkgTotals.bw, pkgTotals.hw)} ${ratio(pkgTotals.bc, pkgTotals.hc)}`);

console.log('\nratios (berth/helm, < 1 means Berth is faster):');
console.log(`  template, cold CLI:        wall ${ratio(totals.bw, totals.hw)}   cpu ${ratio(totals.bc, totals.hc)}`);
console.log(`  template, warm in-process: wall ${ratio(totals.warm, totals.hw)}  (vs helm CLI cold)`);
console.log(`  package, cold CLI:         wall ${ratio(pkgTotals.bw, pkgTotals.hw)}   cpu ${ratio(pkgTotals.bc, pkgTotals.hc)}`);
rmSync(work, { recursive: true, force: true });
process.exit(0);
