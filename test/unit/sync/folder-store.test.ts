/** The folder store's reading side: only what changed is read again, and a half-written file is retried. */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { sha256Hex } from '../../../src-main/catalog/signing';
import { FolderStore } from '../../../src-main/sync/folder-store';
import { cleanup, outsider, tempDir } from '../catalog/people';

describe('folder store', () => {
  const root = tempDir('folder');
  afterAll(() => cleanup(root));
  const catalog = 'c'.repeat(64);

  test('writes create-only files, reads back what is not known, and is idempotent', async () => {
    const store = new FolderStore(root);
    const writer = outsider();
    const events = [writer.write(catalog, 'member.join', { displayName: 'A' }), writer.write(catalog, 'member.join', { displayName: 'B' })];
    await store.putEvents(events);
    await store.putEvents(events);
    expect(await store.listEventIds()).toEqual(new Set(events.map((e) => e.id)));
    const first = await store.pull({ isKnown: () => false });
    expect(first.events.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
    const known = new Set(events.map((e) => e.id));
    const second = await store.pull({ cursor: first.cursor, isKnown: (id) => known.has(id) });
    expect(second.events).toEqual([]);
  });

  test('a half-written file is skipped with a warning, then read once it is complete', async () => {
    const store = new FolderStore(root);
    const e = outsider().write(catalog, 'member.join', { displayName: 'Late' });
    const file = store.eventPath(e);
    mkdirSync(join(file, '..'), { recursive: true });
    const text = JSON.stringify(e);
    writeFileSync(file, text.slice(0, 40));
    const first = await store.pull({ isKnown: () => false });
    expect(first.warnings.join('\n')).toContain('tried again');
    expect(first.events.find((x) => x.id === e.id)).toBeUndefined();
    // the sync tool finishes the file in place: the folder's timestamp does not change
    writeFileSync(file, text);
    const dir = join(file, '..');
    utimesSync(dir, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const second = await store.pull({ cursor: first.cursor, isKnown: () => false });
    expect(second.events.map((x) => x.id)).toContain(e.id);
  });

  test('blobs are verified: a damaged blob is not returned', async () => {
    const store = new FolderStore(root);
    const bytes = Buffer.from('chart bytes');
    const sha = sha256Hex(bytes);
    await store.putBlob(sha, bytes);
    expect(Buffer.from((await store.getBlob(sha))!).toString()).toBe('chart bytes');
    writeFileSync(join(root, 'blobs', sha.slice(0, 2), sha), 'tampered');
    expect(await store.getBlob(sha)).toBeUndefined();
    await expect(store.putBlob(sha, Buffer.from('other'))).rejects.toThrow();
  });

  test('an unreachable folder is reported as such, in plain words', async () => {
    await expect(new FolderStore(join(root, 'not-mounted')).pull({ isKnown: () => false })).rejects.toMatchObject({ code: 'sync.unreachable' });
  });
});
