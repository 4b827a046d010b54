/**
 * A data dir on a full disk (a real 2 MiB tmpfs): a command either commits its event (in the
 * log and queued for sending) or fails with a sentence and changes nothing, leaving no temp
 * files — at every amount of free space. After space is freed, one sync sends everything.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, person, tempDir, type Person } from '../catalog/people';
import { mountTmpfs, type Tmpfs } from './tmpfs';

const disk = mountTmpfs('2m');
const why = typeof disk === 'string' ? disk : '';
if (why) console.warn(`full-disk tests skipped: ${why}`);

function tempFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'));
}

function logIds(dataDir: string): string[] {
  const text = readFileSync(join(dataDir, 'catalog', 'log.jsonl'), 'utf8');
  return text.split('\n').filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { id: string }).id);
}

function outboxIds(dataDir: string): string[] {
  return readdirSync(join(dataDir, 'catalog', 'outbox')).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, 64));
}

describe.skipIf(typeof disk === 'string')('a data dir on a full disk', () => {
  const fs = disk as Tmpfs;
  const shared = tempDir('full-shared');
  const people: Person[] = [];
  afterAll(async () => {
    for (const p of people) await p.close().catch(() => undefined);
    fs.unmount();
    cleanup(shared);
  });

  test('each command commits whole or not at all, with a sentence; then everything is sent', async () => {
    const alice = person('Alice', join(fs.dir, 'alice'));
    people.push(alice);
    await alice.sync.init('Full', { kind: 'folder', path: shared });
    const committed: string[] = [];
    let failures = 0;
    // from a completely full disk to a few pages free: each step of the commit meets ENOSPC in turn
    for (let pages = 0; pages <= 6; pages++) {
      fs.fill(pages * 4096);
      const name = `Full${pages}`;
      try {
        await alice.commands.createCategory({ name });
        committed.push(name);
      } catch (e) {
        failures++;
        expect(e).toMatchObject({ code: 'storage.failed' });
        expect((e as Error).message).toMatch(/disk holding your data dir .* is full\. Free some space/);
        expect((e as Error).message).not.toMatch(/ENOSPC/);
      }
      // in the log and the outbox together, or in neither
      const inLog = new Set(logIds(alice.dataDir));
      const queued = outboxIds(alice.dataDir);
      for (const id of queued) expect(inLog.has(id)).toBe(true);
      const names = (await alice.queries.categories()).map((c) => c.name);
      expect(names.includes(name)).toBe(committed.includes(name));
      expect(tempFiles(alice.dataDir)).toEqual([]);
      fs.free();
    }
    expect(failures).toBeGreaterThan(0);
    await alice.close();

    // space is back: the reopened data dir holds exactly what was committed, and one sync sends it
    const again = person('Alice', alice.dataDir);
    people.push(again);
    expect((await again.queries.categories()).map((c) => c.name).filter((n) => n.startsWith('Full')).sort()).toEqual([...committed].sort());
    await again.sync.sync();
    expect(outboxIds(again.dataDir)).toEqual([]);
    const bob = person('Bob');
    people.push(bob);
    await bob.sync.connect({ kind: 'folder', path: shared });
    expect((await bob.queries.categories()).map((c) => c.name).filter((n) => n.startsWith('Full')).sort()).toEqual([...committed].sort());
  });
});
