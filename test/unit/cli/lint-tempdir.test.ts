// `berth lint CHART.tgz` unpacks the package as helm lint does, but on Linux without a TMPDIR of
// the user's into /dev/shm (memory: less kernel work than a disk's /tmp), and removes it however
// the command ends: done, at Berth's time limit, at SIGINT or SIGTERM. With a TMPDIR it stays there.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginePath } from '../../../src-main/render/engine';

const SHM = '/dev/shm';
let work: string;
let forever: string;
let fine: string;

/** A chart package in work, made by the engine's own `package`. */
function pack(name: string, template: string): string {
  const dir = join(work, 'src', name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  writeFileSync(join(dir, 'values.yaml'), '');
  writeFileSync(join(dir, 'templates', 'cm.yaml'), template);
  const r = spawnSync(enginePath(), ['package', dir, '-d', work], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return join(work, `${name}-0.1.0.tgz`);
}

const lintDirs = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('helm-lint')) : []);
const envWithout = (extra: NodeJS.ProcessEnv) => {
  const { TMPDIR: _unused, ...env } = process.env;
  return { ...env, ...extra };
};

/** Starts a lint of the never-ending chart; resolves with the process once its unpacked folder appears in dir. */
async function lintUntilUnpacked(dir: string, env: NodeJS.ProcessEnv) {
  const before = new Set(lintDirs(dir));
  const child = spawn(enginePath(), ['lint', forever], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  for (let i = 0; i < 600 && !lintDirs(dir).some((d) => !before.has(d)); i++) await new Promise((r) => setTimeout(r, 50));
  const unpacked = lintDirs(dir).filter((d) => !before.has(d));
  return { child, exited, unpacked, stderr: () => stderr };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'berth-lint-tempdir-'));
  forever = pack('forever', '{{ range $i := until 100000 }}{{ range $j := until 100000 }}{{ end }}{{ end }}\n');
  fine = pack('fine', 'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\n');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.runIf(process.platform === 'linux' && existsSync(SHM))('lint unpacks a package in memory', () => {
  it('into /dev/shm without a TMPDIR, removed at the time limit', { timeout: 60_000 }, async () => {
    const run = await lintUntilUnpacked(SHM, envWithout({ BERTH_ENGINE_TIMEOUT_S: '3' }));
    expect(run.unpacked).toHaveLength(1);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(/longer than 3 seconds/);
    expect(existsSync(join(SHM, run.unpacked[0]))).toBe(false);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('removed at %s', { timeout: 60_000 }, async (signal, code) => {
    const run = await lintUntilUnpacked(SHM, envWithout({ BERTH_ENGINE_TIMEOUT_S: '30' }));
    expect(run.unpacked).toHaveLength(1);
    run.child.kill(signal);
    expect(await run.exited).toBe(code);
    expect(existsSync(join(SHM, run.unpacked[0]))).toBe(false);
  });

  it('removed after a lint that passes, with the same report', () => {
    const before = lintDirs(SHM).length;
    const inMemory = spawnSync(enginePath(), ['lint', fine], { env: envWithout({}), encoding: 'utf8' });
    const onDisk = spawnSync(enginePath(), ['lint', fine], { env: envWithout({ TMPDIR: work }), encoding: 'utf8' });
    expect(inMemory.stdout).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
    expect(inMemory.stdout).toBe(onDisk.stdout);
    expect(lintDirs(SHM).length).toBeLessThanOrEqual(before);
  });

  it("in the user's TMPDIR when one is set", { timeout: 60_000 }, async () => {
    const mine = join(work, 'mine');
    mkdirSync(mine);
    const run = await lintUntilUnpacked(mine, envWithout({ TMPDIR: mine, BERTH_ENGINE_TIMEOUT_S: '2' }));
    expect(run.unpacked).toHaveLength(1);
    expect(await run.exited).toBe(1);
    expect(lintDirs(mine)).toEqual([]);
  });
});

// The removal is one of the engine's exit clean-ups (internal/atexit); a profiling build adds
// its CPU profile. Go's own test runs them in child processes that exit, or get SIGINT or SIGTERM.
describe("the engine's exit clean-up", () => {
  it('runs every registered function once, last first, at exit and at SIGINT or SIGTERM; with none, a signal ends the process', { timeout: 180_000 }, () => {
    const r = spawnSync('go', ['test', '-count=1', './internal/atexit'], { cwd: join(__dirname, '../../../src-main/render/engine'), encoding: 'utf8' });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/^ok\s+berth\.dev\/helm-engine\/internal\/atexit/m);
  });
});
