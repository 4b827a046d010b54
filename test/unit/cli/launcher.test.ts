// bin/berth, the sh launcher: it finds its package from $0 however it is called (a relative or
// absolute path, npm's node_modules/.bin symlink, a PATH lookup, another working directory) and
// sends helm's chart commands and release reads to the native engine, everything else to Node.
// Every call runs with a PATH that has no node, so a command sent to Node fails with
// "node: not found" (exit 127) and a wrong package root fails the engine commands the same way.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginePath } from '../../../src-main/render/engine';

const ROOT = join(__dirname, '../../..');
let work: string;
let chart: string;
let noNode: string;

/** A PATH with the launcher's one helper (readlink, for symlinks) and no node. */
function pathWithoutNode(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const found = spawnSync('sh', ['-c', 'command -v readlink'], { encoding: 'utf8' }).stdout.trim();
  symlinkSync(found, join(dir, 'readlink'));
  return dir;
}

function run(command: string, args: string[], { cwd = work, path = noNode } = {}) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { PATH: path, KUBECONFIG: join(work, 'no-kubeconfig') } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The tiny chart's Chart.yaml, printed by the engine's `show chart`. */
function expectEngineShowedChart(r: ReturnType<typeof run>) {
  expect(r.stderr).toBe('');
  expect(r.stdout).toContain('name: tiny');
  expect(r.status).toBe(0);
}

function expectSentToNode(r: ReturnType<typeof run>) {
  expect(r.stderr).toMatch(/node: not found/);
  expect(r.status).toBe(127);
}

beforeAll(() => {
  expect(enginePath()).toMatch(/berth-engine(\.exe)?$/);
  work = mkdtempSync(join(tmpdir(), 'berth-launcher-'));
  chart = join(work, 'tiny');
  mkdirSync(chart);
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: tiny\nversion: 0.1.0\n');
  noNode = pathWithoutNode(join(work, 'no-node-bin'));
  // what npm makes of a dependency on Berth: node_modules/berth and a relative node_modules/.bin link
  mkdirSync(join(work, 'project', 'node_modules', '.bin'), { recursive: true });
  symlinkSync(ROOT, join(work, 'project', 'node_modules', 'berth'));
  symlinkSync('../berth/bin/berth', join(work, 'project', 'node_modules', '.bin', 'berth'));
  // and a user's own absolute link to that link
  mkdirSync(join(work, 'home-bin'));
  symlinkSync(join(work, 'project', 'node_modules', '.bin', 'berth'), join(work, 'home-bin', 'berth'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('bin/berth finds the engine however it is called', () => {
  it('by its absolute path, from another directory', () => {
    expectEngineShowedChart(run(join(ROOT, 'bin', 'berth'), ['show', 'chart', chart]));
  });

  it('by a relative path from the package and from elsewhere', () => {
    expectEngineShowedChart(run('./bin/berth', ['show', 'chart', chart], { cwd: ROOT }));
    expectEngineShowedChart(run('bin/../bin/berth', ['show', 'chart', chart], { cwd: ROOT }));
    expectEngineShowedChart(run(relative(work, join(ROOT, 'bin', 'berth')), ['show', 'chart', chart]));
  });

  it('as `sh berth` inside bin/ ($0 without a slash)', () => {
    expectEngineShowedChart(run('/bin/sh', ['berth', 'show', 'chart', chart], { cwd: join(ROOT, 'bin') }));
  });

  it("through npm's node_modules/.bin symlink, by path and found on PATH", () => {
    expectEngineShowedChart(run(join(work, 'project', 'node_modules', '.bin', 'berth'), ['show', 'chart', chart]));
    expectEngineShowedChart(run('node_modules/.bin/berth', ['show', 'chart', chart], { cwd: join(work, 'project') }));
    const onPath = `${join(work, 'project', 'node_modules', '.bin')}:${noNode}`;
    expectEngineShowedChart(run('/bin/sh', ['-c', `berth show chart ${chart}`], { path: onPath }));
  });

  it('through a chain of symlinks (an absolute link to the relative .bin link)', () => {
    expectEngineShowedChart(run(join(work, 'home-bin', 'berth'), ['show', 'chart', chart]));
  });
});

describe('bin/berth dispatch', () => {
  const launcher = () => join(work, 'project', 'node_modules', '.bin', 'berth');

  it('sends template, lint and package to the engine', () => {
    const t = run(launcher(), ['template', 'x', chart]);
    expect(t.status).toBe(0);
    expect(t.stderr).not.toMatch(/node/);
    const l = run(launcher(), ['lint', chart]);
    expect(l.stdout).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
    const p = run(launcher(), ['package', chart, '-d', work]);
    expect(p.stdout).toMatch(/Successfully packaged chart and saved it to: .*tiny-0\.1\.0\.tgz/);
  });

  it('sends release reads in helm\'s formats to the engine (helm\'s error for a missing cluster)', () => {
    for (const args of [['list'], ['history', 'r', '-o', 'json'], ['get', 'values', 'r'], ['status', 'r', '-o', 'yaml'], ['status', 'r', '--output=json']]) {
      const r = run(launcher(), args);
      expect(r.stderr, args.join(' ')).toMatch(/^Error: kubernetes cluster unreachable/m);
      expect(r.status, args.join(' ')).toBe(1);
    }
  });

  it("sends Berth's own flags, status as a table, help and every other command to Node", () => {
    for (const args of [['status', 'r'], ['list', '--json'], ['history', 'r', '--data-dir', work], ['get', '--help'], ['install', 'r', chart], ['version'], []]) {
      expectSentToNode(run(launcher(), args));
    }
  });

  it('falls back to Node when the engine is not built', () => {
    // a package copy with bin/berth and no dist/engine
    const bare = join(work, 'bare');
    mkdirSync(join(bare, 'bin'), { recursive: true });
    writeFileSync(join(bare, 'bin', 'berth'), readFileSync(join(ROOT, 'bin', 'berth')), { mode: 0o755 });
    expectSentToNode(run(join(bare, 'bin', 'berth'), ['show', 'chart', chart]));
  });
});
