/**
 * Someone with write access to the store alters, deletes, duplicates or replaces its files.
 * Honest machines keep their state, report what they found, and put the genuine copies
 * back, so that after one sync of any honest machine a newcomer sees the same catalog.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SignedEvent } from '../../../src-main/catalog/event-types';
import { FolderStore } from '../../../src-main/sync/folder-store';
import { backlogBudget } from '../../../src-main/sync/store-ranges';
import { person, tempDir } from '../catalog/people';
import { approvedApp, closeWorld, editCatalogFile, newcomerSees, type ApprovedWorld } from './store-world';

describe('a folder store tampered with', () => {
  const shared = tempDir('tamper-folder');
  let w: ApprovedWorld;
  const store = new FolderStore(shared);
  beforeAll(async () => {
    w = await approvedApp({ kind: 'folder', path: shared }, 'Tamper');
  });
  afterAll(async () => {
    await closeWorld(w, shared);
  });

  test('an approval altered in place: honest machines keep it, report it, put it back; a newcomer sees it approved', async () => {
    const file = store.eventPath(w.approve);
    const altered = readFileSync(file, 'utf8').replace('"version.approve"', '"version.reject"');
    writeFileSync(file, altered);
    const report = await w.ada.sync.sync();
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'altered', eventId: w.approve.id, author: w.rex.keyId, authorName: 'Rex', repaired: true }),
    ]);
    expect(report.findings[0].where).toContain(w.approve.id);
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(w.approve) + '\n');
    expect((await w.ada.queries.version(w.version)).state).toBe('passed');
    // reported where people look: catalog conflicts (integrity) and the report the UI turns into a notice
    expect((await w.ada.queries.integrity()).findings[0]).toMatchObject({ kind: 'altered', eventId: w.approve.id });
    expect(await newcomerSees(w)).toBe('passed');
  });

  test('an approval overwritten in place with as many bytes, its times put back (utimes): found at the next sync', async () => {
    // both machines settled: every folder's times and digest are in their manifests
    await w.ada.sync.sync();
    await w.ada.sync.sync();
    const file = store.eventPath(w.approve);
    const dir = join(file, '..');
    const before = statSync(file, { bigint: true });
    const dirBefore = statSync(dir, { bigint: true });
    const text = readFileSync(file, 'utf8');
    // one character of the signature changed: same size, same name, same folder listing
    const at = text.indexOf('"sig":"') + 10;
    const altered = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    expect(altered.length).toBe(text.length);
    writeFileSync(file, altered);
    // its modification time put back to the nanosecond (utimensat, as `touch -d` does)
    const ns = before.mtimeNs;
    execFileSync('touch', ['-m', '-d', `@${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, '0')}`, file]);
    const after = statSync(file, { bigint: true });
    expect([after.mtimeNs, after.size, after.ino]).toEqual([before.mtimeNs, before.size, before.ino]);
    // the folder's times are untouched, so only the rolling pass (every file's size and times) can see it:
    // the file's ctime moved (no system call sets it back)
    const dirAfter = statSync(dir, { bigint: true });
    expect([dirAfter.mtimeNs, dirAfter.ctimeNs]).toEqual([dirBefore.mtimeNs, dirBefore.ctimeNs]);
    const report = await w.ada.sync.sync();
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'altered', eventId: w.approve.id, repaired: true })]);
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(w.approve) + '\n');
    expect(await newcomerSees(w)).toBe('passed');
  });

  test('a deleted event file and a deleted blob are put back', async () => {
    rmSync(store.eventPath(w.approve));
    const blob = join(shared, 'blobs', w.chartSha.slice(0, 2), w.chartSha);
    rmSync(blob);
    const report = await w.rex.sync.sync();
    expect(report.findings.map((f) => f.kind).sort()).toEqual(['missing', 'missing']);
    expect(existsSync(store.eventPath(w.approve))).toBe(true);
    expect(existsSync(blob)).toBe(true);
    expect(await newcomerSees(w)).toBe('passed');
  });

  test('a blob replaced by garbage is put back', async () => {
    const blob = join(shared, 'blobs', w.chartSha.slice(0, 2), w.chartSha);
    writeFileSync(blob, 'garbage');
    const report = await w.ada.sync.sync();
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'altered', repaired: true })]);
    expect(readFileSync(blob).length).toBeGreaterThan(1000);
  });

  test('an event file replaced by garbage is put back', async () => {
    writeFileSync(store.eventPath(w.approve), '\u0000\u0001 not json');
    const report = await w.ada.sync.sync();
    expect(report.findings.find((f) => f.eventId === w.approve.id)).toMatchObject({ kind: 'altered', repaired: true });
    expect(await newcomerSees(w)).toBe('passed');
  });

  test('a forged twin read before the genuine copy: the newcomer keeps the copy that verifies', async () => {
    const twin: SignedEvent = { ...w.approve, sig: Buffer.alloc(64, 7).toString('base64') };
    // an author folder that lists before Rex's, so the twin is read first
    const dir = join(shared, 'events', '0000000000000000', '2000-01-01');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${w.approve.id}.json`), JSON.stringify(twin));
    expect(await newcomerSees(w)).toBe('passed');
    const report = await w.ada.sync.sync();
    // found in a folder it has no business in, named and removed
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'duplicate', eventId: w.approve.id, authorName: 'Rex', repaired: true })]);
    expect(existsSync(join(dir, `${w.approve.id}.json`))).toBe(false);
    expect((await w.ada.queries.version(w.version)).state).toBe('passed');
  });

  test('a file that is not an event is listed under the findings', async () => {
    const dir = join(shared, 'events', w.rex.keyId.slice(0, 16));
    const day = readdirSync(dir)[0];
    writeFileSync(join(dir, day, 'notes.txt'), 'hello');
    const report = await w.ada.sync.sync();
    expect(report.findings.find((f) => f.kind === 'unreadable')?.message).toContain('notes.txt');
    expect((await w.ada.queries.integrity()).findings.some((f) => f.kind === 'unreadable')).toBe(true);
  });
});

describe('a new machine checks the store a few folders per sync (its backlog)', () => {
  const shared = tempDir('tamper-backlog');
  let w: ApprovedWorld;
  const store = new FolderStore(shared);
  const budget = { ...backlogBudget };
  beforeAll(async () => {
    w = await approvedApp({ kind: 'folder', path: shared }, 'Tamper');
  });
  afterAll(async () => {
    Object.assign(backlogBudget, budget);
    await closeWorld(w, shared);
  });

  test('an approval altered in a folder not checked yet is found when its turn comes; then every folder is settled', async () => {
    // one folder of the backlog per sync
    Object.assign(backlogBudget, { files: 1, ms: 0 });
    const nia = person('Nia');
    w.people.push(nia);
    await nia.sync.connect(w.where);
    const digests = () => JSON.parse(readFileSync(join(nia.dataDir, 'catalog', 'store-digests.json'), 'utf8')) as { ranges: Record<string, { dir?: string }> };
    const approveRange = store.rangeOf(w.approve);
    expect(digests().ranges[approveRange].dir).toBeUndefined();
    // altered after Nia read it: only her check of that folder can find it
    const file = store.eventPath(w.approve);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"version.approve"', '"version.reject"'));
    const left = () => Object.values(digests().ranges).filter((r) => r.dir === undefined).length;
    const findings = [];
    for (let turn = 0; turn < 12 && (left() > 0 || findings.length === 0); turn++) {
      const before = left();
      findings.push(...(await nia.sync.sync()).findings);
      // each sync drills at least one folder of the backlog (a damaged one stays on it until put back)
      expect(left()).toBeLessThanOrEqual(before);
    }
    expect(findings).toEqual([expect.objectContaining({ kind: 'altered', eventId: w.approve.id, repaired: true })]);
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(w.approve) + '\n');
    expect(left()).toBe(0);
    // settled folders cost one comparison each: a further sync finds nothing
    expect((await nia.sync.sync()).findings).toEqual([]);
  });
});

describe('a catalog file used as the store, tampered with', () => {
  const dir = tempDir('tamper-file');
  const path = join(dir, 'team.berth');
  let w: ApprovedWorld;
  beforeAll(async () => {
    w = await approvedApp({ kind: 'file', path }, 'Tamper');
  });
  afterAll(async () => {
    await closeWorld(w, dir);
  });

  test('an altered event row and a deleted blob row are put back; a newcomer sees the approval', async () => {
    await editCatalogFile(path, 'UPDATE events SET json = ? WHERE id = ?', [JSON.stringify({ ...w.approve, sig: 'AAAA' }), w.approve.id]);
    await editCatalogFile(path, 'DELETE FROM blobs WHERE sha256 = ?', [w.chartSha]);
    const report = await w.rex.sync.sync();
    expect(report.findings.map((f) => f.kind).sort()).toEqual(['altered', 'missing']);
    expect(await newcomerSees(w)).toBe('passed');
  });

  test('a catalog file replaced by garbage is refused in words, and the honest machines keep their state', async () => {
    writeFileSync(path, 'garbage');
    await expect(w.ada.sync.sync()).rejects.toMatchObject({ code: 'input.invalid' });
    expect((await w.ada.queries.version(w.version)).state).toBe('passed');
  });
});
