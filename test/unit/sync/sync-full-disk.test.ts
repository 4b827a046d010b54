/**
 * A sync meeting a full disk at each of its write steps (real 2 MiB tmpfs, filled to a few
 * pages of free space, one page more each round): the store full while blobs, events and
 * repairs go up; the data dir full while events, files and the check's manifest come down.
 * Each failed sync says so in a sentence and leaves no temp file; nothing is lost, and once
 * there is room one sync brings every machine to the same catalog.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, fixture, person, tempDir, type Person } from '../catalog/people';
import { mountTmpfs, type Tmpfs } from './tmpfs';

const probe = mountTmpfs('2m');
const why = typeof probe === 'string' ? probe : '';
if (why) console.warn(`sync full-disk tests skipped: ${why}`);
if (typeof probe !== 'string') probe.unmount();

function tempFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.split('/').pop()!.startsWith('.') || f.endsWith('.tmp'));
}

const names = async (p: Person) => (await p.queries.categories()).map((c) => c.name).filter((n) => n.startsWith('Step')).sort();

describe.skipIf(why !== '')('a sync on a full disk, at each write step', () => {
  const disks: Tmpfs[] = [];
  const people: Person[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const p of people) await p.close().catch(() => undefined);
    for (const d of disks) d.unmount();
    cleanup(...dirs, ...people.map((p) => p.dataDir));
  });
  const disk = (): Tmpfs => {
    const d = mountTmpfs('2m') as Tmpfs;
    disks.push(d);
    return d;
  };

  test('the store full at each step of a push: a sentence, no temp file, nothing lost', async () => {
    const fs = disk();
    const shared = join(fs.dir, 'catalog');
    const ada = person('Ada');
    people.push(ada);
    await ada.sync.init('Full store steps', { kind: 'folder', path: shared });
    await ada.commands.createWorkspace({ name: 'ws' });
    let failures = 0;
    for (let pages = 0; pages <= 8; pages++) {
      // each round brings a file (the chart package) and events to send
      await ada.commands.createCategory({ name: `Step${pages}` });
      if (pages === 0) await ada.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
      fs.fill(pages * 4096);
      const failed = await ada.sync.sync().catch((e: Error & { code?: string }) => e);
      if (failed instanceof Error) {
        failures++;
        expect(failed).toMatchObject({ code: 'storage.failed' });
        expect(failed.message).not.toMatch(/ENOSPC/);
        expect(ada.sync.status().pending).toBeGreaterThan(0);
      }
      expect(tempFiles(shared)).toEqual([]);
      fs.free();
    }
    expect(failures).toBeGreaterThan(0);
    await ada.sync.sync();
    expect(ada.sync.status()).toMatchObject({ state: 'synced', pending: 0 });
    const bob = person('Bob');
    people.push(bob);
    await bob.sync.connect({ kind: 'folder', path: shared });
    expect(await names(bob)).toEqual(await names(ada));
    expect((await bob.core.state()).apps.size).toBe(1);
  });

  test('the data dir full at each step of a pull: a sentence, no temp file, and then the same catalog', async () => {
    const shared = tempDir('full-pull-shared');
    dirs.push(shared);
    const ada = person('Ada');
    people.push(ada);
    await ada.sync.init('Full data dir steps', { kind: 'folder', path: shared });
    await ada.commands.createWorkspace({ name: 'ws' });
    const fs = disk();
    const bob = person('Bob', join(fs.dir, 'bob'));
    people.push(bob);
    await bob.sync.connect({ kind: 'folder', path: shared });
    let failures = 0;
    for (let pages = 0; pages <= 8; pages++) {
      await ada.commands.createCategory({ name: `Step${pages}` });
      if (pages === 0) await ada.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
      await ada.sync.sync();
      fs.fill(pages * 4096);
      const failed = await bob.sync.sync().catch((e: Error & { code?: string }) => e);
      if (failed instanceof Error) {
        failures++;
        expect(failed).toMatchObject({ code: 'storage.failed' });
        expect(failed.message).not.toMatch(/ENOSPC/);
      }
      expect(tempFiles(bob.dataDir).filter((f) => !f.startsWith('logs'))).toEqual([]);
      fs.free();
    }
    expect(failures).toBeGreaterThan(0);
    await bob.sync.sync();
    expect(await names(bob)).toEqual(await names(ada));
    await bob.close();
    // what bob's data dir holds after all those failures reopens whole
    const again = person('Bob', bob.dataDir);
    people.push(again);
    expect(await names(again)).toEqual(await names(ada));
    expect((await again.core.state()).apps.size).toBe(1);
  });
});
