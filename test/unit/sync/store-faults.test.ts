/**
 * The store itself misbehaves: mounted read-only, or full (a real 2 MiB tmpfs). A read-only
 * store can be joined and read, and says so; a full one fails with a sentence, leaves no
 * temp file, and once it has room again one sync sends everything.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, person, tempDir, type Person } from '../catalog/people';
import { mountTmpfs, type Tmpfs } from './tmpfs';

/** A read-only view of `dir` (a bind mount remounted ro), or why it cannot be made. */
function readOnlyView(dir: string): { path: string; release(): void } | string {
  const path = tempDir('ro-view');
  try {
    execFileSync('mount', ['--bind', dir, path], { stdio: 'pipe' });
    execFileSync('mount', ['-o', 'remount,ro,bind', path], { stdio: 'pipe' });
  } catch (e) {
    try {
      execFileSync('umount', [path], { stdio: 'pipe' });
    } catch {
      // was not mounted
    }
    return `bind mounts need root (mount said: ${String((e as { stderr?: Buffer }).stderr ?? e).trim()})`;
  }
  return {
    path,
    release() {
      execFileSync('umount', ['-l', path], { stdio: 'pipe' });
      cleanup(path);
    },
  };
}

const probe = tempDir('ro-probe');
const canMount = readOnlyView(probe);
if (typeof canMount === 'string') console.warn(`store fault tests skipped: ${canMount}`);
else canMount.release();
cleanup(probe);

function tmpFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.tmp'));
}

describe.skipIf(typeof canMount === 'string')('a store that misbehaves', () => {
  const people: Person[] = [];
  const dirs: string[] = [];
  const releases: (() => void)[] = [];
  afterAll(async () => {
    for (const p of people) await p.close();
    for (const r of releases) r();
    cleanup(...dirs, ...people.map((p) => p.dataDir));
  });

  test('a read-only store can be joined and read; status says read-only, in words; the work waits', async () => {
    const shared = tempDir('ro-shared');
    dirs.push(shared);
    const ada = person('Ada');
    people.push(ada);
    await ada.sync.init('Read only', { kind: 'folder', path: shared });
    await ada.commands.createCategory({ name: 'Visible' });
    await ada.sync.sync();
    const ro = readOnlyView(shared);
    if (typeof ro === 'string') throw new Error(ro);
    releases.push(ro.release);

    const bob = person('Bob');
    people.push(bob);
    const status = await bob.sync.connect({ kind: 'folder', path: ro.path });
    expect(status.sync.state).toBe('read-only');
    expect(status.sync.message).toMatch(/is read-only\. Make it writable/);
    expect(status.sync.message).not.toMatch(/EROFS|ENOENT|mkdir/);
    expect((await bob.queries.categories()).map((c) => c.name)).toContain('Visible');
    expect(status.sync.pending).toBeGreaterThan(0); // his join waits for a writable store

    // later changes still arrive through the read-only view
    await ada.commands.createCategory({ name: 'Later' });
    await ada.sync.sync();
    const report = await bob.sync.sync();
    expect(report.status.state).toBe('read-only');
    expect((await bob.queries.categories()).map((c) => c.name)).toContain('Later');
  });

  test('a full store: a sentence, no temp file left, and everything sent once it has room', async () => {
    const disk = mountTmpfs('2m');
    if (typeof disk === 'string') throw new Error(disk);
    const fs: Tmpfs = disk;
    releases.push(() => fs.unmount());
    const shared = join(fs.dir, 'catalog');
    mkdirSync(shared);
    const ada = person('Ada');
    people.push(ada);
    await ada.sync.init('Full store', { kind: 'folder', path: shared });
    fs.fill();
    for (let i = 0; i < 3; i++) await ada.commands.createCategory({ name: `Waiting ${i}` });
    const failed = await ada.sync.sync().catch((e: Error) => e);
    expect(failed).toMatchObject({ code: 'storage.failed' });
    expect((failed as Error).message).toMatch(/disk holding the shared folder .* is full\. Free some space there/);
    expect(ada.sync.status()).toMatchObject({ state: 'error', pending: 3 });
    expect(tmpFiles(shared)).toEqual([]);

    fs.free();
    await ada.sync.sync();
    expect(ada.sync.status()).toMatchObject({ state: 'synced', pending: 0 });
    const bob = person('Bob');
    people.push(bob);
    await bob.sync.connect({ kind: 'folder', path: shared });
    expect((await bob.queries.categories()).map((c) => c.name).filter((n) => n.startsWith('Waiting'))).toHaveLength(3);
  });
});
