// Makes src-main/render/engine/default.pgo, the CPU profile Go's profile-guided optimisation
// builds the shipped engine with (`go build` picks up default.pgo in the main package's folder
// by itself: every build of scripts/build-engine.mjs, the host's and the packaged platforms').
// Run it again after a large change to the engine or a new helm:
//   node scripts/engine-pgo.mjs [--rounds N] [--warm N]
// It builds the engine with the build tag berth_pgo (internal/pgoprofile: every process writes a
// 1000 Hz CPU profile, start-up included) and runs it as Berth does, over every chart of
// ../shared/corpus/render/charts:
//   cold CLI  template, lint (the package) and package (the unpacked folder), --rounds times
//             each (default 3), with the launcher's environment (GOGC=off until start-up ends);
//   warm      the app's sidecar (HelmEngine, as `berth serve` and Electron run it): one first
//             render, then --warm renders (default 5) of each chart;
// then merges every profile into default.pgo (`go tool pprof -proto`).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusCharts } from './corpus-charts.mjs';

// the warm part renders through the app's TypeScript (HelmEngine, renderChart): run under tsx
if (!process.execArgv.some((a) => a.includes('tsx'))) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 3);
const WARM = arg('warm', 5);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src-main', 'render', 'engine');
const renderDir = join(root, '..', 'shared', 'corpus', 'render');
const work = mkdtempSync(join(tmpdir(), 'berth-engine-pgo-'));
const profiles = join(work, 'profiles');
mkdirSync(profiles);
const engine = join(work, 'berth-engine');

const { buildProfilingEngine } = await import('./build-engine.mjs');
console.log('building the profiling engine (build tag berth_pgo)…');
buildProfilingEngine(engine, profiles);

const charts = corpusCharts(renderDir);

const cliEnv = { PATH: process.env.PATH, HOME: work, GOGC: 'off', BERTH_ENGINE_GC_AT_START: '1' };
const cli = (args, cwd) => spawnSync(engine, args, { cwd, env: cliEnv, stdio: 'ignore' });

console.log(`cold CLI: template, lint, package of ${charts.length} charts, ${ROUNDS} rounds…`);
const unpacked = charts.map(({ file }) => {
  const dir = join(work, 'src', file);
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['xzf', join(renderDir, 'charts', file), '-C', dir]);
  return join(dir, readdirSync(dir)[0]);
});
for (let round = 0; round < ROUNDS; round++) {
  charts.forEach(({ rel, release, ns }, i) => {
    cli(['template', release, rel, '--namespace', ns], renderDir);
    cli(['lint', join(renderDir, rel)], work);
    cli(['package', unpacked[i], '-d', join(work, 'out')], work);
  });
}

console.log(`warm: ${WARM} renders of each chart in the app's engine…`);
process.env.BERTH_ENGINE = engine;
const { HelmEngine } = await import('../src-main/render/engine.ts');
const { renderChart } = await import('../src-main/render/render.ts');
const app = new HelmEngine();
await app.warmUp();
for (const { rel, release, ns } of charts) {
  for (let i = 0; i <= WARM; i++) {
    await renderChart({ path: join(renderDir, rel) }, { releaseName: release, namespace: ns }, app).catch(() => undefined);
  }
}
// the sidecar writes a profile every second and is ended with SIGKILL: let the last one out
await new Promise((r) => setTimeout(r, 1500));
await app.close();

const files = readdirSync(profiles)
  .map((f) => join(profiles, f))
  .filter((f) => statSync(f).size > 0);
const out = join(source, 'default.pgo');
const merged = execFileSync('go', ['tool', 'pprof', '-proto', ...files], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
writeFileSync(out, merged);
console.log(`${out}: ${files.length} profiles merged, ${(merged.length / 1024).toFixed(0)} KiB`);
rmSync(work, { recursive: true, force: true });
process.exit(0);
