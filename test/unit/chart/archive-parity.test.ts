/**
 * The archive safety layer exists twice: src-main/chart/source.ts + archive.ts for the app (Node)
 * and src-main/render/engine/archive.go for `berth template|package|show|lint` (the native engine,
 * no Node). Each hostile archive below is written to disk and handed to both; both must refuse it
 * with the same sentence, so a rule added on one side and forgotten on the other fails here.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthFailure } from '../../../shared/result';
import { ARCHIVE_LIMITS } from '../../../src-main/chart/limits';
import { vetChartPath } from '../../../src-main/chart/source';
import { chartTgz, CHART_YAML, tarOf, tgzOf, type RawEntry } from './tar-builder';

const root = resolve(__dirname, '../../..');
const engine = join(root, 'dist/engine/berth-engine');
const work = mkdtempSync(join(tmpdir(), 'berth-archive-parity-'));

/** A subchart archive named `sub` holding `entries` after a valid Chart.yaml. */
function subchart(entries: RawEntry[]): Uint8Array {
  return tgzOf([{ name: 'sub/Chart.yaml', data: CHART_YAML.replace('demo', 'sub') }, ...entries]);
}

/** `levels` subcharts each packed inside the next one's charts/. */
function nested(levels: number): Uint8Array {
  let inner = subchart([]);
  for (let i = 0; i < levels; i++) inner = subchart([{ name: 'sub/charts/sub-0.1.0.tgz', data: inner }]);
  return chartTgz([{ name: 'demo/charts/sub-0.1.0.tgz', data: inner }]);
}

/** 128 MiB of zeros as concatenated gzip members (each member a valid gzip stream): about 130 KiB on disk. */
function gzipBomb(): Uint8Array {
  const header = tarOf([{ name: 'demo/Chart.yaml', data: CHART_YAML }]).subarray(0, 1024);
  const zeros = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  return Buffer.concat([gzipSync(header), zeros, zeros]);
}

const HOSTILE: [string, () => Uint8Array][] = [
  ['path traversal', () => chartTgz([{ name: 'demo/../../x', data: 'x' }])],
  ['an absolute path', () => chartTgz([{ name: '/etc/x', data: 'x' }])],
  ['a Windows absolute path', () => chartTgz([{ name: 'C:\\x', data: 'x' }])],
  ['a symbolic link', () => chartTgz([{ name: 'demo/templates/passwd', type: '2', linkName: '/etc/passwd' }])],
  ['a link whose names need escaping', () => chartTgz([{ name: 'demo/templates/"\u2028\\x', type: '2', linkName: '\t/etc/\u0001' }])],
  ['a hard link', () => chartTgz([{ name: 'demo/templates/values', type: '1', linkName: 'demo/values.yaml' }])],
  ['a device', () => chartTgz([{ name: 'demo/templates/tty', type: '3' }])],
  ['a duplicate entry', () => chartTgz([{ name: 'demo/values.yaml', data: 'b: 2\n' }])],
  ['a file outside the top folder', () => chartTgz([{ name: 'other/x.yaml', data: 'x' }])],
  ['a second top folder after a quoted one', () => tgzOf([{ name: 'de"mo/Chart.yaml', data: CHART_YAML }, { name: 'x/y', data: 'y' }])],
  ['a file outside any chart folder', () => tgzOf([{ name: 'Chart.yaml', data: CHART_YAML }])],
  ['a control character in a name', () => chartTgz([{ name: 'demo/templates/a\u0007.yaml', data: 'x' }])],
  ['a name that is not UTF-8', () => chartTgz([{ name: Uint8Array.of(...new TextEncoder().encode('demo/templates/'), 0xff, 0xfe) }])],
  ['a path deeper than 32 folders', () => chartTgz([{ name: `demo/${'a/'.repeat(ARCHIVE_LIMITS.maxPathDepth)}x`, data: 'x' }])],
  ['a huge entry', () => chartTgz([{ name: 'demo/files/big.bin', data: new Uint8Array(ARCHIVE_LIMITS.maxFileBytes + 1) }])],
  ['too many files', () => chartTgz(Array.from({ length: ARCHIVE_LIMITS.maxEntries }, (_, i) => ({ name: `demo/files/f${i}`, data: '' })))],
  ['a gzip bomb', gzipBomb],
  ['a package larger than 32 MiB', () => new Uint8Array(ARCHIVE_LIMITS.maxCompressedBytes + 1)],
  ['no files at all', () => tgzOf([{ name: 'demo/', type: '5' }])],
  ['a subchart that is not gzip', () => chartTgz([{ name: 'demo/charts/sub-0.1.0.tgz', data: 'apiVersion: v2\n' }])],
  ['a subchart with path traversal', () => chartTgz([{ name: 'demo/charts/sub-0.1.0.tgz', data: subchart([{ name: 'sub/../../escape', data: 'x' }]) }])],
  ['subcharts nested 9 deep', () => nested(ARCHIVE_LIMITS.maxNestingDepth)],
];

/** The sentence the app's loader refuses `file` with. */
function nodeRefusal(file: string): string {
  try {
    vetChartPath(file);
  } catch (e) {
    if (e instanceof BerthFailure && e.code === 'chart.unsafe-archive') return e.message;
    throw e;
  }
  throw new Error(`the app's loader accepted ${file}`);
}

/** What `berth template x FILE` (the sh launcher → native engine) prints on stderr, and its exit code. */
function engineRefusal(file: string): Promise<{ status: number; stderr: string }> {
  return new Promise((done) =>
    execFile(join(root, 'bin/berth'), ['template', 'x', file], { cwd: work, encoding: 'utf8' }, (error, _stdout, stderr) =>
      done({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr }),
    ),
  );
}

beforeAll(() => {
  // the engine is built by `node scripts/build.mjs engine` (npm test builds it first)
  expect(existsSync(engine), 'dist/engine/berth-engine is built').toBe(true);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the app and the engine refuse the same hostile archives with the same sentence', () => {
  it.each(HOSTILE)('%s', async (name, build) => {
    const file = join(work, `${name.replace(/\W+/g, '-')}.tgz`);
    writeFileSync(file, build());
    const app = nodeRefusal(file);
    const cli = await engineRefusal(file);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toBe(`Error: ${app}\n`);
  }, 60_000);
});
