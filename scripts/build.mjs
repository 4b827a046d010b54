#!/usr/bin/env node
// Builds Berth: `node scripts/build.mjs [main|electron|renderer|engine|all] [--if-needed]`.
//   main      src-main/cli/main.ts            → dist/main/cli.cjs (the `berth` CLI and browser mode)
//   electron  src-main/electron/{main,preload} → dist/electron/*.cjs
//   renderer  src-renderer (Vite)              → dist/renderer
//   engine    Helm's engine (Go, native)      → dist/engine/berth-engine (see scripts/build-engine.mjs)
//   kube-schemas Kubernetes 1.22…1.36 API schemas → dist/kube-schemas (see scripts/build-kube-schemas.mjs)
//   engine-all the engine for every platform    → dist/engine/<os>-<arch>/ (packaging only)
// --if-needed skips a target whose outputs are newer than all of its inputs.
import { build as esbuild } from 'esbuild';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const args = process.argv.slice(2);
const ifNeeded = args.includes('--if-needed');
const wanted = args.filter((a) => !a.startsWith('--'));
const targets = wanted.length === 0 || wanted.includes('all') ? ['engine', 'kube-schemas', 'main', 'electron', 'renderer'] : wanted;

function newest(paths) {
  let t = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== 'node_modules' && !e.startsWith('.')) walk(join(p, e));
    } else t = Math.max(t, s.mtimeMs);
  };
  paths.forEach((p) => walk(join(root, p)));
  return t;
}

function upToDate(inputs, output) {
  const out = join(root, output);
  return existsSync(out) && statSync(out).mtimeMs >= newest(inputs);
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __BERTH_VERSION__: JSON.stringify(pkg.version) },
  // sql.js loads its .wasm from its own package folder at run time
  external: ['electron', 'sql.js'],
};

const steps = {
  async 'engine-all'() {
    const { buildEngineAllPlatforms } = await import('./build-engine.mjs');
    await buildEngineAllPlatforms();
  },
  async 'kube-schemas'() {
    const { buildKubeSchemas } = await import('./build-kube-schemas.mjs');
    await buildKubeSchemas({ ifNeeded });
  },
  async engine() {
    const { buildEngine } = await import('./build-engine.mjs');
    await buildEngine({ ifNeeded });
  },
  async main() {
    if (ifNeeded && upToDate(['src-main', 'shared', 'package.json'], 'dist/main/cli.cjs')) return;
    await esbuild({
      ...common,
      entryPoints: [join(root, 'src-main/cli/main.ts')],
      outfile: join(root, 'dist/main/cli.cjs'),
      define: { ...common.define, __BERTH_CLI_ENTRY__: 'true' },
    });
  },
  async electron() {
    if (ifNeeded && upToDate(['src-main', 'shared', 'package.json'], 'dist/electron/main.cjs')) return;
    await esbuild({
      ...common,
      entryPoints: { main: join(root, 'src-main/electron/main.ts'), preload: join(root, 'src-main/electron/preload.ts') },
      outdir: join(root, 'dist/electron'),
      outExtension: { '.js': '.cjs' },
    });
  },
  async renderer() {
    if (ifNeeded && upToDate(['src-renderer', 'shared', 'vite.config.mts'], 'dist/renderer/index.html')) return;
    const { build } = await import('vite');
    await build({ configFile: join(root, 'vite.config.mts'), logLevel: 'warn' });
  },
};

for (const t of targets) {
  if (!steps[t]) {
    console.error(`unknown build target "${t}" (use main, electron, renderer, engine, kube-schemas or all)`);
    process.exit(2);
  }
  const started = Date.now();
  await steps[t]();
  if (!process.env.BERTH_QUIET_BUILD) console.error(`built ${t} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}
