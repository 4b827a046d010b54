/**
 * kill -9 at each step of committing and syncing (crash-points.ts, as SQLite's crash tests
 * do): after the next ordinary run nothing committed is lost, nothing is doubled, and every
 * machine converges.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { CrashPoint } from '../../../src-main/catalog/crash-points';
import { cleanup, person, tempDir, type Person } from '../catalog/people';

const ROOT = resolve(__dirname, '../../..');
const POINTS: CrashPoint[] = ['commit.queued', 'commit.logged', 'sync.blobs-pushed', 'sync.events-pushed', 'sync.pulled', 'sync.ingested'];

function run(dataDir: string, args: string[], crashAt?: CrashPoint): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }> {
  return new Promise((done) => {
    const env = { ...process.env, ...(crashAt ? { BERTH_CRASH_AT: crashAt } : {}) };
    if (!crashAt) delete env.BERTH_CRASH_AT;
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crash-writer.ts'), dataDir, ...args], { cwd: ROOT, env });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code, signal) => done({ code, signal, err }));
  });
}

describe('kill -9 at each step of commit and sync', () => {
  const shared = tempDir('crash-shared');
  const people: Person[] = [];
  afterAll(async () => {
    for (const p of people) await p.close();
    cleanup(shared, ...people.map((p) => p.dataDir));
  });

  test('0 events lost, none doubled, everyone converges', async () => {
    const ada = person('Ada');
    const bob = person('Bob');
    people.push(ada, bob);
    await ada.sync.init('Crash', { kind: 'folder', path: shared });
    await bob.sync.connect({ kind: 'folder', path: shared });
    await ada.sync.sync();
    await ada.commands.grant({ member: 'Bob', role: 'reviewer' });
    await ada.sync.sync();
    await ada.close(); // the crashing processes take over Ada's data dir
    await bob.sync.sync();

    for (const point of POINTS) {
      // Bob has something to pull, so the pull steps are reached too
      await bob.commands.createCategory({ name: `Bob at ${point}` });
      await bob.sync.sync();
      const crashed = await run(ada.dataDir, ['create', `Ada at ${point}`], point);
      expect(crashed.signal, `${point}: ${crashed.err}`).toBe('SIGKILL');
      const after = await run(ada.dataDir, ['sync']);
      expect(after.code, after.err).toBe(0);
      expect(readdirSync(join(ada.dataDir, 'catalog')).filter((n) => n.endsWith('.lock') || n.endsWith('.tmp'))).toEqual([]);
    }

    const again = person('Ada', ada.dataDir);
    people.push(again);
    await again.sync.sync();
    await bob.sync.sync();
    const carol = person('Carol');
    people.push(carol);
    await carol.sync.connect({ kind: 'folder', path: shared });
    const expected = POINTS.flatMap((p) => [`Ada at ${p}`, `Bob at ${p}`]).sort();
    for (const p of [again, bob, carol]) {
      const names = (await p.queries.categories()).map((c) => c.name).filter((n) => / at /.test(n));
      expect(names.sort(), p.name).toEqual(expected);
    }
    // one copy of each event in Ada's log
    const ids = readFileSync(join(again.dataDir, 'catalog', 'log.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(again.core.outbox.size()).toBe(0);
  }, 600_000);
});
