// Builds Helm's engine for Berth: the Go module in src-main/render/engine (which pins
// helm.sh/helm/v4 v4.1.4) compiled to WebAssembly, plus Go's wasm_exec.js that runs it.
//   dist/engine/helm-engine.wasm
//   dist/engine/wasm_exec.js
// Needs the machine's Go (1.24+) at build time only; Berth never needs Go or helm at run time.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src-main', 'render', 'engine');
const outDir = join(root, 'dist', 'engine');
const wasm = join(outDir, 'helm-engine.wasm');
const runtime = join(outDir, 'wasm_exec.js');

/** Helm's own version stamp, as `make build` of v4.1.4 sets it (shows in .Capabilities.HelmVersion). */
const HELM_LDFLAGS = [
  '-X helm.sh/helm/v4/internal/version.version=v4.1.4',
  '-X helm.sh/helm/v4/internal/version.gitCommit=05fa37973dc9e42b76e1d2883494c87174b6074f',
  '-X helm.sh/helm/v4/internal/version.gitTreeState=clean',
];

function newestSource(dir = source) {
  let t = dir === source ? statSync(fileURLToPath(import.meta.url)).mtimeMs : 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestSource(p));
    else t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

function go(args, env = {}) {
  return execFileSync('go', args, { cwd: source, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

export async function buildEngine({ ifNeeded = false } = {}) {
  if (ifNeeded && existsSync(wasm) && existsSync(runtime) && statSync(wasm).mtimeMs >= newestSource()) return;
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'Building Berth\'s render engine needs Go 1.24 or newer (https://go.dev/dl/); "go" was not found on PATH. ' +
        'Install Go and run "node scripts/build.mjs engine".',
    );
  }
  mkdirSync(outDir, { recursive: true });
  const tmp = `${wasm}.tmp`;
  go(['build', '-trimpath', `-ldflags=-s -w ${HELM_LDFLAGS.join(' ')}`, '-o', tmp, '.'], { GOOS: 'js', GOARCH: 'wasm', CGO_ENABLED: '0' });
  renameSync(tmp, wasm);
  const goroot = go(['env', 'GOROOT']).trim();
  const candidates = [join(goroot, 'lib', 'wasm', 'wasm_exec.js'), join(goroot, 'misc', 'wasm', 'wasm_exec.js')];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`Go's wasm_exec.js was not found under ${goroot}.`);
  copyFileSync(found, runtime);
}
