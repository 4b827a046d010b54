// Builds Helm's engine for Berth: the Go module in src-main/render/engine (which pins
// helm.sh/helm/v4 v4.1.4) as a native executable.
//   dist/engine/berth-engine[.exe]                 for this machine (`npm run build`, `npm test`)
//   dist/engine/<os>-<arch>/berth-engine[.exe]     per platform, only when packaging; named as
//                                                  electron-builder's ${os}-${arch} (linux|mac|win, x64|arm64)
//                                                  (`node scripts/build.mjs engine-all`)
// Needs the machine's Go (1.25+) at build time only; Berth never needs Go or helm at run time.
// Every build is profile-guided: `go build` uses src-main/render/engine/default.pgo, a CPU profile of
// the engine's cold commands and warm renders over the corpus (~3 % less CPU; remake it with
// `node scripts/engine-pgo.mjs`). Go's build cache keys include the profile, and so does the
// --if-needed check below (newestSource walks the whole engine folder).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src-main', 'render', 'engine');
const outDir = join(root, 'dist', 'engine');

/** Helm's own version stamp, as `make build` of v4.1.4 sets it (shows in .Capabilities.HelmVersion). */
const HELM_LDFLAGS = [
  '-X helm.sh/helm/v4/internal/version.version=v4.1.4',
  '-X helm.sh/helm/v4/internal/version.gitCommit=05fa37973dc9e42b76e1d2883494c87174b6074f',
  '-X helm.sh/helm/v4/internal/version.gitTreeState=clean',
];

/** The platforms a packaged Berth ships an engine for (electron-builder extraResources). */
export const ENGINE_PLATFORMS = [
  ['linux', 'linux'],
  ['darwin', 'mac'],
  ['windows', 'win'],
].flatMap(([os, dir]) => [['amd64', 'x64'], ['arm64', 'arm64']].map(([arch, archDir]) => ({ os, arch, dir: `${dir}-${archDir}` })));

const GOOS = { linux: 'linux', darwin: 'darwin', win32: 'windows' };
const GOARCH = { x64: 'amd64', arm64: 'arm64' };

export function engineFileName(goos = GOOS[process.platform]) {
  return goos === 'windows' ? 'berth-engine.exe' : 'berth-engine';
}

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

function requireGo() {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'Building Berth\'s render engine needs Go 1.25 or newer (https://go.dev/dl/); "go" was not found on PATH. ' +
        'Install Go and run "node scripts/build.mjs engine".',
    );
  }
}

/**
 * Helm's pkg/engine/engine.go with Berth's one change (bounded tpl nesting) and
 * pkg/release/v1/util/manifest.go splitting documents without a regexp. Go refuses to
 * overlay files in the module cache, so the build uses a copy of the helm.sh/helm/v4 module
 * (sources only) with that file replaced, through an alternate go.mod (-modfile): the
 * committed go.mod and go.sum stay those of the published module.
 */
function patchedModFile() {
  const helmDir = go(['list', '-m', '-f', '{{.Dir}}', 'helm.sh/helm/v4']).trim();
  const copy = join(outDir, 'build', 'helm-v4');
  // overlay file → the file of helm's module it replaces
  const patches = [
    ['helm-engine.go.overlay', join('pkg', 'engine', 'engine.go')],
    ['helm-release-manifest.go.overlay', join('pkg', 'release', 'v1', 'util', 'manifest.go')],
    ['helm-lint-deprecations.go.overlay', join('pkg', 'chart', 'v2', 'lint', 'rules', 'deprecations.go')],
    ['helm-chart-values-schema.go.overlay', join('pkg', 'chart', 'common', 'util', 'jsonschema.go')],
    ['helm-release-manifest-sorter.go.overlay', join('pkg', 'release', 'v1', 'util', 'manifest_sorter.go')],
    ['helm-chart-save.go.overlay', join('pkg', 'chart', 'v2', 'util', 'save.go')],
  ];
  if (!existsSync(join(copy, 'go.mod'))) {
    rmSync(copy, { recursive: true, force: true });
    cpSync(helmDir, copy, { recursive: true, filter: (src) => !/(^|[\\/])testdata$|_test\.go$/.test(src) });
    // the module cache is read-only; the copy must not be
    chmodTree(copy);
  }
  for (const [patch, file] of patches) copyFileSync(join(source, 'overlay', patch), join(copy, file));
  const modFile = join(outDir, 'build', 'go.mod');
  const goMod = readFileSync(join(source, 'go.mod'), 'utf8');
  writeFileSync(modFile, `${goMod}\nreplace helm.sh/helm/v4 => ${JSON.stringify(copy)}\n`);
  copyFileSync(join(source, 'go.sum'), join(outDir, 'build', 'go.sum'));
  return modFile;
}

function chmodTree(dir) {
  chmodSync(dir, 0o755);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) chmodTree(p);
    else chmodSync(p, 0o644);
  }
}

function buildOne(goos, goarch, output, modFile, { tags = [], ldflags = [] } = {}) {
  const tmp = `${output}.tmp`;
  const tagArgs = tags.length ? [`-tags=${tags.join(',')}`] : [];
  go(['build', '-trimpath', ...tagArgs, `-modfile=${modFile}`, `-ldflags=-s -w ${[...HELM_LDFLAGS, ...ldflags].join(' ')}`, '-o', tmp, '.'], {
    GOOS: goos,
    GOARCH: goarch,
    CGO_ENABLED: '0',
  });
  renameSync(tmp, output);
}

/** The host's engine, rebuilt only when a source is newer (with `ifNeeded`). */
export async function buildEngine({ ifNeeded = false } = {}) {
  const output = join(outDir, engineFileName());
  if (ifNeeded && existsSync(output) && statSync(output).mtimeMs >= newestSource()) return;
  requireGo();
  mkdirSync(outDir, { recursive: true });
  buildOne(GOOS[process.platform], GOARCH[process.arch], output, patchedModFile());
}

/** Every platform's engine, for electron-builder; never part of `npm test`. */
export async function buildEngineAllPlatforms() {
  requireGo();
  mkdirSync(outDir, { recursive: true });
  const modFile = patchedModFile();
  for (const { os, arch, dir: name } of ENGINE_PLATFORMS) {
    const dir = join(outDir, name);
    mkdirSync(dir, { recursive: true });
    buildOne(os, arch, join(dir, engineFileName(os)), modFile);
  }
}

/**
 * The host's engine built to record CPU profiles (build tag berth_pgo, internal/pgoprofile):
 * every process it runs writes them into profileDir. For scripts/engine-pgo.mjs, which makes
 * default.pgo from them; never shipped.
 */
export function buildProfilingEngine(output, profileDir) {
  requireGo();
  mkdirSync(dirname(output), { recursive: true });
  buildOne(GOOS[process.platform], GOARCH[process.arch], output, patchedModFile(), {
    tags: ['berth_pgo'],
    ldflags: [`-X berth.dev/helm-engine/internal/pgoprofile.Dir=${profileDir}`],
  });
}
