/**
 * The store check by range, for stores that can name them (a folder store: one range per
 * author/day folder of events and per blob folder). This machine keeps a digest manifest
 * (`<dataDir>/catalog/store-digests.json`): for each range, the store's fingerprint of it
 * (the folder's times) and the digest (count and xor of ids) of the verified events this
 * machine holds there, both as they were when the range was last found whole. At a sync:
 *
 * - a range whose fingerprint and digest are unchanged costs one comparison;
 * - a changed range (files added, deleted, renamed over; events of ours added) is drilled
 *   into: its files are read, each known event is checked (the verified cache answers for
 *   copies seen before), and what is altered, missing or a forged twin is put right from this
 *   machine's verified copies;
 * - a rolling pass compares every file's size and times in a few unchanged ranges per sync,
 *   for what leaves a folder's times alone (a file overwritten in place);
 * - ranges never checked are drilled a bounded number per sync, smallest first, after the
 *   rest of the check and within a time budget (a new machine's backlog is spread over syncs).
 *
 * A drilled range whose every file is a copy this data dir verified before (verified-cache.ts),
 * in its home range, with the digest of this machine's events, is whole without asking the
 * view about each file; anything else there is checked file by file against the view.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { IntegrityFinding } from '../../shared/types/catalog';
import { writeFileAtomic } from '../atomic-file';
import { pauser } from '../event-loop';
import type { CatalogCore } from '../catalog/catalog-core';
import { parseSignedEvent } from '../catalog/event-parse';
import type { SignedEvent } from '../catalog/event-types';
import type { Ledger } from '../catalog/ledger';
import { sha256Hex } from '../catalog/signing';
import { displayNameOf } from '../catalog/state';
import { storeKey } from './store-location';
import type { CatalogStore } from './store';

/**
 * How much of a new machine's backlog (ranges never checked: a new machine, a new store) one
 * sync drills: at most `files` event files, and no new range once `ms` have passed since the
 * backlog's turn began (the first range is always drilled, so it moves on however busy the
 * machine). The bench drains it at once with `files: Infinity, ms: Infinity`.
 */
export const backlogBudget = { files: 2000, ms: 250 };
/** Files whose size and times the rolling pass compares per sync. */
export const ROLLING_FILES = 2000;

export interface CheckCursor {
  /** Byte offset in the local log where the next window starts. */
  log: number;
  /** The last blob (sha256) checked; the next window starts after it. */
  blob: string;
}

export interface CheckResult {
  cursor: CheckCursor;
  findings: IntegrityFinding[];
  restoredEvents: number;
  restoredBlobs: number;
}

export interface RangeFile {
  where: string;
  id: string;
  /** Undefined when the file is too large to be an event. */
  text?: string;
}

export interface RangeStore extends CatalogStore {
  /** Every range with a cheap fingerprint (changes when files are added, removed or renamed over). */
  ranges(): Promise<Map<string, string>>;
  rangeOf(event: SignedEvent): string;
  blobRangeOf(sha256: string): string;
  /** Every file's size and times in a range. */
  rangeFingerprint(range: string): Promise<{ fingerprint: string; files: number }>;
  rangeFiles(range: string): Promise<RangeFile[]>;
}

export function hasRanges(store: CatalogStore): store is RangeStore {
  const s = store as Partial<RangeStore>;
  return typeof s.ranges === 'function' && typeof s.rangeOf === 'function' && typeof s.rangeFiles === 'function';
}

interface RangeEntry {
  /** Verified events of this machine that belong here: count and xor of their ids (32 hex). */
  n: number;
  x: string;
  /** The store's fingerprint and this machine's digest (`n:x`) when the range was last found whole. */
  dir?: string;
  ok?: string;
  /** Every file's size and times then (the rolling pass). */
  files?: string;
}

interface Manifest {
  store: string;
  /** How much of the local log is counted in the ranges. */
  log: number;
  ranges: Record<string, RangeEntry>;
  /** Where the rolling pass continues. */
  next: string;
}

const ZERO = '0'.repeat(32);

/** xor of a 32-hex digest with an id's first 32 hex digits. */
export function xorId(a: string, id: string): string {
  let out = '';
  for (let i = 0; i < 32; i += 8) out += ((parseInt(a.slice(i, i + 8), 16) ^ parseInt(id.slice(i, i + 8), 16)) >>> 0).toString(16).padStart(8, '0');
  return out;
}

function digestOf(ids: Iterable<string>): { n: number; x: string } {
  let n = 0;
  let x = ZERO;
  for (const id of ids) {
    n++;
    x = xorId(x, id);
  }
  return { n, x };
}

export function listBlobs(dir: string): string[] {
  const out: string[] = [];
  let prefixes: string[];
  try {
    prefixes = readdirSync(dir)
      .filter((p) => /^[0-9a-f]{2}$/.test(p))
      .sort();
  } catch {
    return out;
  }
  for (const p of prefixes) {
    try {
      for (const n of readdirSync(`${dir}/${p}`).sort()) if (/^[0-9a-f]{64}$/.test(n)) out.push(n);
    } catch {
      // removed meanwhile
    }
  }
  return out;
}

function loadManifest(file: string, key: string, logSize: number): Manifest {
  try {
    if (existsSync(file)) {
      const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
      if (m.store === key && typeof m.log === 'number' && m.log <= logSize && typeof m.ranges === 'object' && m.ranges) return m;
    }
  } catch {
    // start over: every range is checked again
  }
  return { store: key, log: 0, ranges: {}, next: '' };
}

export async function checkByRange(
  core: CatalogCore,
  ledger: Ledger,
  store: RangeStore,
  cursor: CheckCursor | undefined,
  storeName: string,
): Promise<CheckResult> {
  const at = new Date().toISOString();
  const findings: IntegrityFinding[] = [];
  const name = (key: string) => displayNameOf(ledger.state, key);
  const file = join(dirname(ledger.log.file), 'store-digests.json');
  const m = loadManifest(file, storeKey(store.location), ledger.log.size());
  const entry = (r: string) => (m.ranges[r] ??= { n: 0, x: ZERO });
  const ours = (e: SignedEvent) => (e.body.catalog === ledger.catalogId || e.id === ledger.catalogId) && ledger.hasEvent(e.id) && ledger.verifies(e);
  // the whole log at a first check: the event loop is handed back every few ms (event-loop.ts)
  const pause = pauser();

  // this machine's new verified events, counted into their ranges
  const read = await ledger.log.readEach(
    m.log,
    (e) => {
      if (!ours(e)) return;
      const r = entry(store.rangeOf(e));
      r.n++;
      r.x = xorId(r.x, e.id);
    },
    pause,
  );
  m.log = read.end;

  // this machine's blobs, by range
  const localBlobs = new Map<string, string[]>();
  for (const sha of listBlobs(core.blobs.dir)) {
    const r = store.blobRangeOf(sha);
    localBlobs.set(r, [...(localBlobs.get(r) ?? []), sha]);
  }
  for (const [r, shas] of localBlobs) Object.assign(entry(r), digestOf(shas));
  for (const [r, e] of Object.entries(m.ranges)) if (r.startsWith('blobs/') && !localBlobs.has(r)) Object.assign(e, { n: 0, x: ZERO });

  const there = await store.ranges();
  const all = new Set([...there.keys(), ...Object.keys(m.ranges).filter((r) => m.ranges[r].n > 0 || m.ranges[r].dir !== undefined)]);
  const fp = (r: string) => there.get(r) ?? 'absent';
  const local = (r: string) => `${entry(r).n}:${entry(r).x}`;
  const changed: string[] = [];
  const backlog: string[] = [];
  const unchanged: string[] = [];
  for (const r of [...all].sort()) {
    const e = entry(r);
    if (e.dir === fp(r) && e.ok === local(r)) unchanged.push(r);
    else if (e.dir === undefined) backlog.push(r);
    else changed.push(r);
  }
  const drill = [...changed];
  // the rolling pass: every file's size and times, in the next unchanged ranges
  let budget = ROLLING_FILES;
  const start = unchanged.findIndex((r) => r > m.next);
  const order = start < 0 ? unchanged : [...unchanged.slice(start), ...unchanged.slice(0, start)];
  for (const r of order) {
    if (budget <= 0) break;
    const deep = await store.rangeFingerprint(r);
    budget -= Math.max(1, deep.files);
    m.next = r;
    if (deep.fingerprint !== entry(r).files) drill.push(r);
  }
  if (budget > 0) m.next = '';

  // drill: read what is there and compare with this machine's verified copies
  const settled: string[] = [];
  const mismatched = new Map<string, Set<string>>();
  const bad: { range: string; copy: RangeFile }[] = [];
  const restoreBlobs: { sha: string; altered: boolean }[] = [];
  // the backlog last, smallest ranges first, within its budget
  backlog.sort((a, b) => entry(a).n - entry(b).n);
  let files = backlogBudget.files;
  let backlogFrom = 0;
  const inBudget = () => {
    if (backlogFrom === 0) backlogFrom = performance.now();
    else if (files <= 0 || performance.now() - backlogFrom > backlogBudget.ms) return false;
    return true;
  };
  const turns = [...drill.map((r) => ({ r, backlog: false })), ...backlog.map((r) => ({ r, backlog: true }))];
  for (const { r, backlog: fromBacklog } of turns) {
    if (fromBacklog && !inBudget()) break;
    const e = entry(r);
    if (fromBacklog) files -= Math.max(1, e.n);
    if (r.startsWith('blobs/')) {
      let whole = true;
      for (const sha of localBlobs.get(r) ?? []) {
        const copy = await store.blobCopy(sha);
        if (copy && sha256Hex(copy) === sha) continue;
        restoreBlobs.push({ sha, altered: copy !== undefined });
        whole = false;
      }
      if (whole) settled.push(r);
      continue;
    }
    const copies = await store.rangeFiles(r);
    if (await wholeByCache(ledger, store, r, copies, e, pause)) {
      settled.push(r);
      continue;
    }
    const found = new Set<string>();
    let clean = true;
    for (const copy of copies) {
      await pause();
      if (!ledger.hasEvent(copy.id)) continue; // not known here: the pull's business
      const parsed = copy.text === undefined ? undefined : parseSignedEvent(copy.text);
      if (parsed && typeof parsed !== 'string' && parsed.id === copy.id && ledger.verifies(parsed)) {
        if (store.rangeOf(parsed) === r) found.add(parsed.id);
        continue;
      }
      bad.push({ range: r, copy });
      clean = false;
    }
    const d = digestOf(found);
    if (clean && d.n === e.n && d.x === e.x) settled.push(r);
    else mismatched.set(r, found);
  }
  // found whole: remember how the range looked (every file's times too, for the rolling pass)
  for (const r of settled) {
    const e = entry(r);
    e.dir = fp(r);
    e.ok = local(r);
    e.files = (await store.rangeFingerprint(r)).fingerprint;
  }

  // what differs: this machine's copies of those ranges (and of the damaged events), from the log
  let restoredEvents = 0;
  if (mismatched.size > 0 || bad.length > 0) {
    const wantIds = new Set(bad.map((b) => b.copy.id));
    const exact = new Map<string, Map<string, SignedEvent>>();
    const copies = new Map<string, SignedEvent>();
    await ledger.log.readEach(
      0,
      (e) => {
        const r = store.rangeOf(e);
        if (!mismatched.has(r) && !wantIds.has(e.id)) return;
        if (!ours(e)) return;
        if (wantIds.has(e.id)) copies.set(e.id, e);
        if (mismatched.has(r)) (exact.get(r) ?? exact.set(r, new Map()).get(r)!).set(e.id, e);
      },
      pause,
    );
    const restore = new Map<string, SignedEvent>();
    const what = (e: SignedEvent) => `${name(e.body.author)}’s ${e.body.type} event ${e.id.slice(0, 12)}`;
    for (const { range, copy } of bad) {
      const e = copies.get(copy.id);
      if (!e) continue;
      const home = store.rangeOf(e) === range;
      const finding = { at, eventId: e.id, author: e.body.author, authorName: name(e.body.author), where: copy.where, repaired: true };
      if (home) {
        restore.set(e.id, e);
        findings.push({
          ...finding,
          kind: 'altered',
          message: `The store held an altered copy of ${what(e)}; the genuine one was put back from this computer.`,
        });
      } else {
        await store.removeCopy(copy.where);
        findings.push({
          ...finding,
          kind: 'duplicate',
          message: `The store held a second copy of ${what(e)} that does not verify (a forged twin); it was removed, and every machine keeps the genuine one.`,
        });
      }
    }
    for (const [r, found] of mismatched) {
      const mine = exact.get(r) ?? new Map<string, SignedEvent>();
      for (const [id, e] of mine) {
        if (found.has(id) || restore.has(id)) continue;
        restore.set(id, e);
        findings.push({
          at,
          kind: 'missing',
          where: storeName,
          eventId: id,
          author: e.body.author,
          authorName: name(e.body.author),
          message: `The store had lost ${what(e)} (or it was never sent); it was put back from this computer.`,
          repaired: true,
        });
      }
      // the exact count replaces the running one; the range is drilled again at the next sync
      Object.assign(entry(r), digestOf(mine.keys()));
    }
    await store.restoreEvents([...restore.values()]);
    restoredEvents = restore.size;
  }

  let restoredBlobs = 0;
  for (const { sha, altered } of restoreBlobs) {
    const bytes = core.blobs.get(sha);
    if (!bytes) continue;
    await store.restoreBlob(sha, bytes);
    restoredBlobs++;
    findings.push(blobPutBack(at, storeName, sha, altered));
  }
  for (const r of Object.keys(m.ranges)) if (!there.has(r) && m.ranges[r].n === 0) delete m.ranges[r];
  writeFileAtomic(file, JSON.stringify(m));
  return { cursor: cursor ?? { log: 0, blob: '' }, findings, restoredEvents, restoredBlobs };
}

/**
 * Is this range whole, by copies this data dir verified before? Every file of an event known
 * here must parse, carry its name's id, be a copy the verified cache holds (byte for byte as
 * JSON) and belong here, and together they must make this machine's digest of the range; files
 * of events not known here are the pull's business. Then the view is asked only about the files
 * the cache does not vouch for; anything else (an altered or misplaced copy, another digest)
 * leaves the range to the file-by-file check.
 */
async function wholeByCache(
  ledger: Ledger,
  store: RangeStore,
  range: string,
  copies: readonly RangeFile[],
  mine: { n: number; x: string },
  pause: () => Promise<void> | undefined,
): Promise<boolean> {
  let n = 0;
  let x = ZERO;
  for (const copy of copies) {
    await pause();
    const parsed = copy.text === undefined ? undefined : parseSignedEvent(copy.text);
    if (parsed && typeof parsed !== 'string' && parsed.id === copy.id && ledger.verified.has(parsed) && store.rangeOf(parsed) === range) {
      n++;
      x = xorId(x, parsed.id);
    } else if (ledger.hasEvent(copy.id)) return false;
  }
  return n === mine.n && x === mine.x;
}

/** The finding for a blob put back in the store from this computer's verified copy (altered there, or missing). */
export function blobPutBack(at: IntegrityFinding['at'], storeName: string, sha: string, altered: boolean): IntegrityFinding {
  const file = sha.slice(0, 12);
  return {
    at,
    kind: altered ? 'altered' : 'missing',
    where: `file ${file} in ${storeName}`,
    message: altered
      ? `The store held an altered copy of the file ${file}; the genuine one was put back from this computer.`
      : `The store had lost the file ${file}; it was put back from this computer.`,
    repaired: true,
  };
}
