/** Several Berth processes write to one shared folder at the same moment, without locks. */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseSignedEvent } from '../../../src-main/catalog/event-parse';
import { cleanup, person, tempDir, type Person } from '../catalog/people';

const ROOT = resolve(__dirname, '../../..');

function runWriter(dataDir: string, prefix: string, count: number): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'writer-process.ts'), dataDir, prefix, String(count)], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => done({ code: code ?? -1, out, err }));
  });
}

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((f) => join(dir, f)).filter((f) => f.endsWith('.json'));
}

describe('concurrent writers to one folder', () => {
  const shared = tempDir('shared');
  const people: Person[] = [];
  afterAll(async () => {
    for (const p of people) await p.close();
    cleanup(shared, ...people.map((p) => p.dataDir));
  });

  test('four processes writing at once: every event arrives whole, all machines converge', async () => {
    const admin = person('Admin');
    people.push(admin);
    await admin.sync.init('Busy', { kind: 'folder', path: shared });
    const writers = ['W1', 'W2', 'W3', 'W4'].map((n) => person(n));
    people.push(...writers);
    for (const w of writers) await w.sync.connect({ kind: 'folder', path: shared });
    await admin.sync.sync();
    for (const w of writers) await admin.commands.grant({ member: w.keyId, role: 'reviewer' });
    await admin.sync.sync();
    for (const w of writers) {
      await w.sync.sync();
      await w.close(); // the processes take over these data dirs
    }

    const results = await Promise.all(writers.map((w) => runWriter(w.dataDir, w.name, 8)));
    for (const r of results) {
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ pushed: 9, warnings: 0 });
    }

    // every file in the folder is a whole, valid event (no torn writes, no temp files left)
    const files = filesUnder(join(shared, 'events'));
    expect(files.length).toBe(1 + 4 + 4 + 4 * 9); // genesis, joins, grants, categories
    for (const f of files) expect(typeof parseSignedEvent(readFileSync(f, 'utf8'))).toBe('object');
    expect((readdirSync(shared, { recursive: true }) as string[]).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const report = await admin.sync.sync();
    expect(report.warnings).toEqual([]);
    const names = (await admin.queries.categories()).map((c) => c.name);
    expect(names.filter((n) => /^W\d-\d+$/.test(n))).toHaveLength(32);
    expect(names.filter((n) => n === 'shared')).toHaveLength(1);
    const losers = (await admin.queries.conflicts()).filter((r) => r.action === 'category.create');
    expect(losers).toHaveLength(3);
    expect(losers.every((r) => r.outcome === 'superseded')).toBe(true);

    // the writers' machines agree with the admin's
    const reopened = writers.map((w) => person(w.name, w.dataDir));
    people.push(...reopened);
    const expected = (await admin.queries.audit({ limit: 5000 })).records.map((r) => `${r.eventId}:${r.outcome}`);
    for (const w of reopened) {
      await w.sync.sync();
      expect((await w.queries.audit({ limit: 5000 })).records.map((r) => `${r.eventId}:${r.outcome}`)).toEqual(expected);
    }
  });
});
