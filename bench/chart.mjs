// Chart toolkit speed against the real helm v4.1.4, measured side by side in one run, for every
// chart of the corpus (../shared/corpus/render/charts: 24 packages):
//   template  `helm template` vs `berth template` (cold CLI: a new process each time; bin/berth,
//             the sh launcher, execs the native engine), and Berth's warm render inside the app
//             (one long-lived engine, as the app keeps it) against helm's cold time;
//   lint      `helm lint CHART.tgz` vs `berth lint CHART.tgz`;
//   package   `helm package DIR` vs `berth package DIR` (each package unpacked once first).
// Each pair runs alternately (helm, berth, helm, berth, …) --runs times (default 5); charts whose
// templates generate RSA keys (sprig's genCA, genPrivateKey, genSelfSignedCert, genSignedCert:
// the time to find a prime is random, tens of ms either way per key) run template, lint and the
// warm render --key-runs times (default 8 × --runs: a key costs ~20–200 ms, and with 15 pairs a
// ratio still moved by ±0.15), so their medians mean something. Medians of wall and CPU (user+sys,
// steadier on a busy machine; read with microsecond resolution through wait4 by a small C helper
// built in the temp dir, else /usr/bin/time's 10 ms) and peak RSS; then ratios berth ÷ helm per
// chart, their median and worst, against the goals of issue 19 (cold ≤ 0.8× on every chart,
// median ≤ 0.6×; warm in the app ≤ 0.5× helm cold).
//   npm run bench -- chart [--charts REGEX] [--runs N] [--key-runs N] [--warm-pause MS] [--ops template,lint,package]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusCharts } from '../scripts/corpus-charts.mjs';
import { helmBinary } from '../test/services/helm.ts';
import { HelmEngine } from '../src-main/render/engine.ts';
import { renderChart } from '../src-main/render/render.ts';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Math.max(1, Number(arg('runs', 5)));
const KEY_RUNS = Math.max(1, Number(arg('key-runs', RUNS * 8)));
const FILTER = new RegExp(arg('charts', '.'));
const OPS = new Set(arg('ops', 'template,lint,package').split(','));
const root = join(import.meta.dirname, '..');
const CORPUS = join(root, '..', 'shared', 'corpus');
const renderDir = join(CORPUS, 'render');
const berth = join(root, 'bin', 'berth');
const helm = helmBinary();
const work = mkdtempSync(join(tmpdir(), 'berth-bench-chart-'));
const home = join(work, 'home');
const env = { ...process.env, HELM_CONFIG_HOME: join(home, 'c'), HELM_CACHE_HOME: join(home, 'k'), HELM_DATA_HOME: join(home, 'd') };

// rtime CMD ARGS…: runs CMD, then prints its user and system CPU seconds (µs resolution, from
// wait4) and peak RSS in KiB on stderr, as /usr/bin/time -f '%U %S %M' does with 10 ms resolution.
const RTIME_C = `#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
int main(int argc, char **argv) {
  pid_t pid = fork();
  if (pid == 0) { execvp(argv[1], argv + 1); _exit(127); }
  int status; struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0) return 126;
  fprintf(stderr, "\\n%ld.%06ld %ld.%06ld %ld\\n", (long)ru.ru_utime.tv_sec, (long)ru.ru_utime.tv_usec,
          (long)ru.ru_stime.tv_sec, (long)ru.ru_stime.tv_usec, ru.ru_maxrss);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
`;
const timer = (() => {
  try {
    writeFileSync(join(work, 'rtime.c'), RTIME_C);
    execFileSync('cc', ['-O2', '-o', join(work, 'rtime'), join(work, 'rtime.c')], { stdio: 'ignore' });
    return { cmd: join(work, 'rtime'), args: [], resolution: 'µs (wait4)' };
  } catch {
    return { cmd: '/usr/bin/time', args: ['-f', '%U %S %M'], resolution: '10 ms (/usr/bin/time)' };
  }
})();

/** Runs a command under the timer: wall and CPU milliseconds, peak RSS in MiB, exit status. */
function timed(cmd, args, cwd) {
  const t0 = performance.now();
  const r = spawnSync(timer.cmd, [...timer.args, cmd, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 << 20 });
  const wall = performance.now() - t0;
  const [u, s, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wall, cpu: (u + s) * 1000, rss: kb / 1024, status: r.status };
}

/** Whether a chart package's templates generate RSA keys (random time: such charts get --key-runs pairs). */
function generatesKeys(file) {
  try {
    return /\bgen(CA|PrivateKey|SelfSignedCert|SignedCert)\b/.test(gunzipSync(readFileSync(file)).toString('latin1'));
  } catch {
    return false;
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const n = (x, w = 6) => `${x.toFixed(0).padStart(w)}`;
const r2 = (x) => x.toFixed(2).padStart(5);

/** Pairs helm and berth for one command line; refuses when the two disagree on success. */
function paired(label, helmArgs, berthArgs, cwd, runs = RUNS) {
  const h = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    h.push(timed(helm, helmArgs(i), cwd));
    b.push(timed(berth, berthArgs(i), cwd));
  }
  const hs = h[0].status;
  const bs = b[0].status;
  const row = {
    label: runs === RUNS ? label : `${label} (${runs} runs)`,
    runs,
    ok: (hs === 0) === (bs === 0),
    status: `${hs}/${bs}`,
    hw: median(h.map((x) => x.wall)),
    hc: median(h.map((x) => x.cpu)),
    hr: median(h.map((x) => x.rss)),
    bw: median(b.map((x) => x.wall)),
    bc: median(b.map((x) => x.cpu)),
    br: median(b.map((x) => x.rss)),
  };
  row.wallRatio = row.bw / row.hw;
  row.cpuRatio = row.bc / row.hc;
  return row;
}

const HEAD = `${'chart'.padEnd(40)} helm wall   cpu  RSS | berth wall   cpu  RSS | ratio wall   cpu`;
function printRow(row, extra = '') {
  const flag = row.ok ? '' : `  (exit helm/berth ${row.status}: they disagree)`;
  console.log(
    `${row.label.padEnd(40)} ${n(row.hw, 9)} ${n(row.hc, 5)} ${n(row.hr, 4)} | ${n(row.bw, 10)} ${n(row.bc, 5)} ${n(row.br, 4)} | ${r2(row.wallRatio).padStart(10)} ${r2(row.cpuRatio)}${extra}${flag}`,
  );
}

function summary(name, rows, goal) {
  if (!rows.length) return;
  const cpu = rows.map((r) => r.cpuRatio);
  const wall = rows.map((r) => r.wallRatio);
  const worst = rows.reduce((a, r) => (r.cpuRatio > a.cpuRatio ? r : a));
  const over = rows.filter((r) => r.cpuRatio > goal.each).map((r) => `${r.label} ${r.cpuRatio.toFixed(2)}`);
  console.log(
    `  ${name.padEnd(9)} ${String(rows.length).padStart(2)} charts  cpu ratio median ${r2(median(cpu))} worst ${r2(worst.cpuRatio)} (${worst.label})  wall ratio median ${r2(median(wall))}` +
      `  goal each ≤ ${goal.each}, median ≤ ${goal.median}: ${median(cpu) <= goal.median && over.length === 0 ? 'met' : `missed${over.length ? ` (${over.join(', ')})` : ''}`}`,
  );
}

// the corpus charts, each with its default case's release and namespace
const charts = corpusCharts(renderDir, FILTER).map((c) => ({
  ...c,
  name: c.file.replace(/\.tgz$/, ''),
  runs: generatesKeys(join(renderDir, c.rel)) ? KEY_RUNS : RUNS,
}));

console.log(
  `Chart toolkit vs helm v4.1.4 — ${charts.length} corpus charts, median of ${RUNS} paired runs; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${(await import('node:os')).cpus().length} CPUs`,
);
console.log(`times in ms, RSS in MiB (peak); ratio = berth ÷ helm, < 1 means Berth is faster; CPU read with ${timer.resolution} resolution`);
console.log(`charts whose templates generate RSA keys run ${KEY_RUNS} pairs: ${charts.filter((c) => c.runs !== RUNS).map((c) => c.name).join(', ') || 'none'}`);

const results = { template: [], lint: [], package: [], warm: [] };

// Warm renders are spaced as the values form re-renders after a pause in typing: the engine's
// background work between renders (RSA keys made ahead for sprig's certificate functions) is
// done then, and counted in the app's CPU per render (the engine's processes over the whole
// loop, pauses included, plus this Node process's own).
const WARM_PAUSE = Math.max(0, Number(arg('warm-pause', 300)));
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** CPU milliseconds the engine's processes used so far (Linux /proc, 10 ms ticks); undefined elsewhere. */
function engineCpu(engine) {
  try {
    return engine.pids().reduce((sum, pid) => {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return sum + (Number(f[11]) + Number(f[12])) * 10;
    }, 0);
  } catch {
    return undefined;
  }
}

if (OPS.has('template')) {
  const engine = new HelmEngine();
  const t0 = performance.now();
  await engine.warmUp();
  const engineStart = performance.now() - t0;
  console.log(
    `\ntemplate (cold CLI), and warm: one render inside the app's running engine (renders ${WARM_PAUSE} ms apart) vs helm cold: wall, and the app's CPU per render (engine processes, background work included, and Node)`,
  );
  console.log(`${HEAD} |  warm  ÷helm |  cpu  ÷helm`);
  for (const c of charts) {
    const args = ['template', c.release, c.rel, '--namespace', c.ns];
    const row = paired(
      c.name,
      () => args,
      () => args,
      renderDir,
      c.runs,
    );
    let extra = '';
    if (row.ok && timedOk(row)) {
      const source = { path: join(renderDir, c.rel) };
      const opts = { releaseName: c.release, namespace: c.ns };
      const warm = [];
      try {
        await renderChart(source, opts, engine); // the first render of a chart in a process tiers its code up
        await pause(WARM_PAUSE);
        const cpu0 = engineCpu(engine);
        const node0 = process.cpuUsage();
        for (let i = 0; i < c.runs; i++) {
          const s = performance.now();
          await renderChart(source, opts, engine);
          warm.push(performance.now() - s);
          await pause(WARM_PAUSE);
        }
        const w = median(warm);
        // the app's CPU for these renders: the engine's processes and this (Node) process
        const node = process.cpuUsage(node0);
        const wc = cpu0 === undefined ? undefined : ((engineCpu(engine) ?? 0) - cpu0 + (node.user + node.system) / 1000) / c.runs;
        results.warm.push({ label: c.name, warm: w, ratio: w / row.hw, cpuRatio: wc === undefined ? undefined : wc / row.hc });
        extra = ` | ${n(w, 5)} ${r2(w / row.hw)}` + (wc === undefined ? '' : ` | ${n(wc, 4)} ${r2(wc / row.hc)}`);
      } catch {
        extra = ' |  (fails, as in helm)';
      }
    }
    printRow(row, extra);
    if (row.ok && timedOk(row)) results.template.push(row);
  }
  const rss = engine.pids().map((pid) => {
    try {
      return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    } catch {
      return 0;
    }
  });
  console.log(
    `app engine: start + warm-up ${engineStart.toFixed(0)} ms; peak RSS of its processes after all charts ${rss.map((r) => r.toFixed(0)).join(', ')} MiB`,
  );
  await engine.close();
}

/** A pair where helm itself failed (a library chart's template) is listed but not part of the ratios. */
function timedOk(row) {
  return !row.status.startsWith('1/') && !row.status.startsWith('2/');
}

if (OPS.has('lint')) {
  console.log('\nlint (cold CLI)');
  console.log(HEAD);
  for (const c of charts) {
    const args = ['lint', join(renderDir, c.rel)];
    const row = paired(
      c.name,
      () => args,
      () => args,
      work,
      c.runs,
    );
    printRow(row);
    if (row.ok) results.lint.push(row);
  }
}

if (OPS.has('package')) {
  console.log('\npackage (cold CLI, from the unpacked chart folder)');
  console.log(HEAD);
  for (const c of charts) {
    const src = join(work, 'src', c.name);
    mkdirSync(src, { recursive: true });
    execFileSync('tar', ['xzf', join(renderDir, c.rel), '-C', src]);
    const dir = join(src, readdirSync(src)[0]);
    const out = (tool, i) => join(work, 'out', tool, c.name, String(i));
    const row = paired(
      c.name,
      (i) => ['package', dir, '-d', out('h', i)],
      (i) => ['package', dir, '-d', out('b', i)],
      work,
    );
    printRow(row);
    if (row.ok) results.package.push(row);
  }
}

console.log('\nsummary (CPU ratio is the figure the goals use; wall is noisier under load):');
summary('template', results.template, { each: 0.8, median: 0.6 });
summary('lint', results.lint, { each: 0.8, median: 0.6 });
summary('package', results.package, { each: 0.8, median: 0.6 });
if (results.warm.length) {
  const worst = results.warm.reduce((a, r) => (r.ratio > a.ratio ? r : a));
  const over = results.warm.filter((r) => r.ratio > 0.5).map((r) => `${r.label} ${r.ratio.toFixed(2)}`);
  console.log(
    `  warm      ${String(results.warm.length).padStart(2)} charts  warm render ÷ helm cold wall: median ${r2(median(results.warm.map((r) => r.ratio)))} worst ${r2(worst.ratio)} (${worst.label})` +
      (results.warm.every((r) => r.cpuRatio !== undefined)
        ? `  (engine CPU ÷ helm cold CPU: median ${r2(median(results.warm.map((r) => r.cpuRatio)))} worst ${r2(Math.max(...results.warm.map((r) => r.cpuRatio)))})`
        : '') +
      `  goal each ≤ 0.5: ${over.length ? `missed (${over.join(', ')})` : 'met'}`,
  );
}
rmSync(work, { recursive: true, force: true });
process.exit(0);
