// Reviewer's evidence speed (issue 17), measured in one run:
//   `berth validate` of every corpus chart, cold (a new `berth` process each time: render, CRDs,
//   schema load and validation for Kubernetes 1.36); goal: kube-prometheus-stack under 2 s.
//   The unused-values analysis (parse trees of every template, then judging the chart's own
//   defaults as if a user set them) of every corpus chart, warm in-process; goal: under 200 ms each.
//   node --import tsx bench/evidence.mjs [--runs N]      (npm run bench -- evidence)
// Wall and CPU (user+sys) time are printed: on a busy machine CPU time is the steadier figure.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { valuesUsage } from '../src-main/chart/value-reads.ts';
import { HelmEngine } from '../src-main/render/engine.ts';
import { loadValuesChartFromPackage } from '../src-main/values/chart-values.ts';

const i = process.argv.indexOf('--runs');
const RUNS = i > 0 ? Number(process.argv[i + 1]) : 3;
const CHARTS = '/work/shared/corpus/render/charts';
const root = join(import.meta.dirname, '..');
const berth = join(root, 'bin', 'berth');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => n.toFixed(0).padStart(7);

function timed(args) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', berth, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const wall = performance.now() - t0;
  const [u, s] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wall, cpu: (u + s) * 1000, status: r.status };
}

console.log(`Reviewer's evidence — median of ${RUNS} runs; load average ${loadavg()[0].toFixed(1)}`);
const charts = readdirSync(CHARTS)
  .filter((f) => f.endsWith('.tgz'))
  .sort();

console.log(`\nberth validate --kube-version 1.36, cold (ms)   wall     cpu   exit`);
for (const c of charts) {
  const runs = Array.from({ length: RUNS }, () => timed(['validate', join(CHARTS, c)]));
  console.log(`${c.padEnd(46)}${fmt(median(runs.map((r) => r.wall)))} ${fmt(median(runs.map((r) => r.cpu)))}   ${runs[0].status}`);
}

const engine = new HelmEngine();
await engine.warmUp();
console.log(`\nunused-values analysis, warm in-process (ms)    wall   values  not judged  unused`);
let total = 0;
for (const c of charts) {
  const bytes = readFileSync(join(CHARTS, c));
  const defaults = loadValuesChartFromPackage(bytes).values;
  await valuesUsage(bytes, defaults, engine); // warm: the chart's first analysis loads code paths
  const times = [];
  let last;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    last = await valuesUsage(bytes, defaults, engine);
    times.push(performance.now() - t0);
  }
  const m = median(times);
  total += m;
  const notJudged = last.findings.filter((f) => f.status === 'not-judged').length;
  console.log(
    `${c.padEnd(46)}${fmt(m)} ${String(Object.keys(defaults).length).padStart(8)} ${String(notJudged).padStart(11)} ${String(last.findings.length - notJudged).padStart(7)}`,
  );
}
console.log(`${'all corpus charts'.padEnd(46)}${fmt(total)}`);
await engine.close();
