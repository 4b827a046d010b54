/**
 * The store check for stores made of units that each hold many events (an S3 bucket's journal
 * batches, a catalog file's sections of rows), where one event may sit in several units (a
 * batch sent again after an interrupted sync, a copy put back). Every sync checks the whole
 * store against this machine's verified events and blobs; what is unchanged costs one
 * comparison.
 *
 * This machine keeps a manifest (`<dataDir>/catalog/store-units.json`):
 *
 * - for each unit, the fingerprint the store gave it (S3: ETag, size and time of the object;
 *   a catalog file: the sha256 of the section's rows) and the events of ours it was found to
 *   hold genuinely (each event is "homed" in exactly one unit; other genuine copies are noted
 *   as spares);
 * - the count and xor of the ids of every verified event in this machine's log (G).
 *
 * Homed events are all ours and never counted twice, so when the homed events' count and xor
 * equal G, the store holds a genuine copy of every event of ours. At a sync, units that are
 * new, changed (a different fingerprint) or gone, and units holding an event that was not ours
 * when they were read but is now, are read; the rest is trusted by fingerprint. When the sums
 * still differ, the log is read once to name what is missing, which is put back.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
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
import { blobPutBack, listBlobs, xorId, type CheckCursor, type CheckResult } from './store-ranges';
import { storeKey } from './store-location';
import type { CatalogStore } from './store';

/** Bytes of unchanged units read again per sync (for damage below the store's own API that keeps its fingerprints). */
export const ROLLING_UNIT_BYTES = 4 * 1024 * 1024;
/** Blob bytes read per sync to check blobs the store's listing cannot vouch for (first sight, multipart uploads). */
export const BLOB_READ_BYTES = 64 * 1024 * 1024;
/** Unknown event ids remembered per unit (junk beyond this is not worth a re-read). */
const LATER_MAX = 10_000;

export interface UnitContent {
  /** One event per line (an S3 batch), or one per row (a catalog file). */
  lines: { where: string; text: string }[];
  /** sha256 of the unit's bytes, to compare at a re-read. */
  hash: string;
}

export interface ListedBlob {
  /** Changes whenever the bytes may have. */
  fp: string;
  /** The md5 of the bytes, when the store's listing says it (an S3 ETag of a single upload). */
  md5?: string;
  /** The sha256 of the bytes, when the store computed it from them (a catalog file). */
  sha256?: string;
}

export interface UnitStore extends CatalogStore {
  /** Every unit with its fingerprint. */
  units(): Promise<Map<string, { fp: string; bytes: number }>>;
  /** True when a unit's fingerprint is a hash of its bytes (no re-read can find more). */
  readonly unitFingerprintsAreContent: boolean;
  unitContent(unit: string): Promise<UnitContent | undefined>;
  /** Every blob the store holds. */
  blobList(): Promise<Map<string, ListedBlob>>;
}

export function hasUnits(store: CatalogStore): store is UnitStore {
  const s = store as Partial<UnitStore>;
  return typeof s.units === 'function' && typeof s.unitContent === 'function' && typeof s.blobList === 'function';
}

interface UnitRecord {
  fp: string;
  /** Homed events here: count, xor of ids, and their ids' first 12 bytes (base64, 16 characters each). */
  n: number;
  x: string;
  ids: string;
  /** Other genuine copies of ours here (homed elsewhere), full ids. */
  spare?: string[];
  /** Ids of events that were not ours when the unit was read. */
  later?: string[];
  /** sha256 of the unit's bytes when read. */
  h: string;
}

interface Manifest {
  store: string;
  /** How much of the local log is counted in G. */
  log: number;
  n: number;
  x: string;
  units: Record<string, UnitRecord>;
  /** Events of ours put back (or not yet found) that the next read of a new unit should home. */
  unhomed: string[];
  /** Blob → its listing fingerprint when last found genuine. */
  blobs: Record<string, string>;
  /** Where the rolling re-read continues. */
  next: string;
}

const ZERO = '0'.repeat(32);
const SHORT = 16;

function short(id: string): string {
  return Buffer.from(id.slice(0, 24), 'hex').toString('base64');
}

function shortsOf(ids: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i += SHORT) out.push(ids.slice(i, i + SHORT));
  return out;
}

function load(file: string, key: string, logSize: number): Manifest {
  try {
    if (existsSync(file)) {
      const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
      if (m.store === key && typeof m.log === 'number' && m.log <= logSize && m.units && m.blobs && Array.isArray(m.unhomed)) return m;
    }
  } catch {
    // start over: every unit is read again
  }
  return { store: key, log: 0, n: 0, x: ZERO, units: {}, unhomed: [], blobs: {}, next: '' };
}

export async function checkByUnits(
  core: CatalogCore,
  ledger: Ledger,
  store: UnitStore,
  cursor: CheckCursor | undefined,
  storeName: string,
): Promise<CheckResult> {
  const at = new Date().toISOString();
  const findings: IntegrityFinding[] = [];
  const name = (key: string) => displayNameOf(ledger.state, key);
  const what = (e: Pick<SignedEvent, 'id' | 'body'>) => `${name(e.body.author)}’s ${e.body.type} event ${e.id.slice(0, 12)}`;
  const file = join(dirname(ledger.log.file), 'store-units.json');
  const m = load(file, storeKey(store.location), ledger.log.size());
  const ours = (e: SignedEvent) => (e.body.catalog === ledger.catalogId || e.id === ledger.catalogId) && ledger.hasEvent(e.id) && ledger.verifies(e);

  // G: this machine's verified events, counted on from where the last check stopped
  // (the whole log at a first check: the event loop is handed back every few ms, event-loop.ts)
  const pause = pauser();
  const fresh = new Set<string>();
  m.log = (
    await ledger.log.readEach(
      m.log,
      (e) => {
        if (!ours(e)) return;
        fresh.add(e.id);
        m.n++;
        m.x = xorId(m.x, e.id);
      },
      pause,
    )
  ).end;

  // which units to read: new, changed, gone, holding events that became ours, and a rolling few
  const listed = await store.units();
  const released = new Set<string>(); // homed events of changed or gone units: to be homed again
  const toRead: string[] = [];
  for (const [unit, rec] of Object.entries(m.units)) {
    const now = listed.get(unit);
    if (now?.fp === rec.fp) continue;
    for (const s of shortsOf(rec.ids)) released.add(s);
    delete m.units[unit];
    if (now) toRead.push(unit);
  }
  for (const unit of listed.keys()) if (!m.units[unit] && !toRead.includes(unit)) toRead.push(unit);
  for (const [unit, rec] of Object.entries(m.units)) if (rec.later?.some((id) => ledger.hasEvent(id))) toRead.push(unit);
  const rolling: string[] = [];
  if (!store.unitFingerprintsAreContent) {
    const unchanged = Object.keys(m.units)
      .filter((u) => !toRead.includes(u))
      .sort();
    const start = unchanged.findIndex((u) => u > m.next);
    let budget = ROLLING_UNIT_BYTES;
    for (const u of start < 0 ? unchanged : [...unchanged.slice(start), ...unchanged.slice(0, start)]) {
      if (budget <= 0) break;
      budget -= Math.max(1, listed.get(u)?.bytes ?? 0);
      rolling.push(u);
      m.next = u;
    }
    if (budget > 0) m.next = '';
  }

  const unhomed = new Set(m.unhomed);
  const homedNow = new Set<string>();
  const expected = (id: string) => !homedNow.has(id) && (fresh.has(id) || unhomed.has(id) || released.has(short(id)));
  const bad = new Map<string, { where: string; text: string }>();
  const spareOf = new Map<string, string>();
  const read = async (unit: string, content: UnitContent): Promise<UnitRecord> => {
    const rec: UnitRecord = { fp: listed.get(unit)?.fp ?? '', n: 0, x: ZERO, ids: '', h: content.hash };
    const ids: string[] = [];
    for (const line of content.lines) {
      if (!line.text.trim()) continue;
      const parsed = parseSignedEvent(line.text);
      if (typeof parsed === 'string') continue; // the pull names what it cannot read
      if (!ledger.hasEvent(parsed.id)) {
        if ((rec.later ??= []).length < LATER_MAX) rec.later.push(parsed.id);
        continue;
      }
      if (!ledger.verifies(parsed) || (parsed.body.catalog !== ledger.catalogId && parsed.id !== ledger.catalogId)) {
        if (!bad.has(parsed.id)) bad.set(parsed.id, line);
        continue;
      }
      if (expected(parsed.id)) {
        homedNow.add(parsed.id);
        ids.push(short(parsed.id));
        rec.n++;
        rec.x = xorId(rec.x, parsed.id);
      } else {
        (rec.spare ??= []).push(parsed.id);
        spareOf.set(parsed.id, unit);
      }
    }
    rec.ids = ids.join('');
    return rec;
  };
  for (const unit of [...toRead, ...rolling]) {
    await pause();
    const content = await store.unitContent(unit);
    if (!content) {
      // listed, then gone: what it homed is looked for elsewhere
      const rec = m.units[unit];
      if (rec) for (const s of shortsOf(rec.ids)) released.add(s);
      delete m.units[unit];
      continue;
    }
    const prior = m.units[unit];
    if (prior && rolling.includes(unit) && prior.h === content.hash) continue;
    if (prior) {
      // a re-read (an event became ours, or the rolling pass found other bytes): its homes are recounted
      for (const s of shortsOf(prior.ids)) released.add(s);
      delete m.units[unit];
    }
    m.units[unit] = await read(unit, content);
  }

  let sumN = 0;
  let sumX = ZERO;
  for (const rec of Object.values(m.units)) {
    sumN += rec.n;
    sumX = xorId(sumX, rec.x);
  }

  let restoredEvents = 0;
  if (sumN !== m.n || sumX !== m.x) {
    // something of ours has no genuine copy: the log names it (and G is counted afresh)
    const homed = new Map<string, string>();
    for (const [unit, rec] of Object.entries(m.units)) for (const s of shortsOf(rec.ids)) if (!homed.has(s)) homed.set(s, unit);
    const lost: SignedEvent[] = [];
    m.n = 0;
    m.x = ZERO;
    const adopt = (e: SignedEvent) => {
      if (!ours(e)) return;
      m.n++;
      m.x = xorId(m.x, e.id);
      if (homed.has(short(e.id))) return;
      const spare = spareOf.get(e.id) ?? Object.entries(m.units).find(([, r]) => r.spare?.includes(e.id))?.[0];
      const rec = spare ? m.units[spare] : undefined;
      if (rec) {
        // a second genuine copy stands in for the lost one
        rec.spare = rec.spare?.filter((id) => id !== e.id);
        rec.ids += short(e.id);
        rec.n++;
        rec.x = xorId(rec.x, e.id);
        homed.set(short(e.id), spare!);
        return;
      }
      lost.push(e);
    };
    m.log = (await ledger.log.readEach(0, adopt, pause)).end;
    for (const e of lost) {
      const copy = bad.get(e.id);
      findings.push({
        at,
        kind: copy ? 'altered' : 'missing',
        where: copy?.where ?? storeName,
        eventId: e.id,
        author: e.body.author,
        authorName: name(e.body.author),
        message: copy
          ? `The store held an altered copy of ${what(e)}; the genuine one was put back from this computer.`
          : `The store had lost ${what(e)} (or it was never sent); it was put back from this computer.`,
        repaired: true,
      });
    }
    await store.restoreEvents(lost);
    restoredEvents = lost.length;
    m.unhomed = lost.map((e) => e.id);
    for (const e of lost) bad.delete(e.id);
  } else m.unhomed = [];

  // copies that do not verify beside a genuine one: named, not removable (units are written once)
  for (const [id, copy] of bad) {
    const parsed = parseSignedEvent(copy.text);
    const author = typeof parsed === 'string' ? '' : parsed.body.author;
    const e = typeof parsed === 'string' ? undefined : parsed;
    findings.push({
      at,
      kind: 'duplicate',
      where: copy.where,
      eventId: id,
      ...(author ? { author, authorName: name(author) } : {}),
      message: `The store holds a copy of ${e ? what(e) : `event ${id.slice(0, 12)}`} that does not verify (a forged twin or a damaged line) in ${copy.where}; every machine keeps the genuine copy, which the store holds too.`,
      repaired: false,
    });
  }

  // blobs: each of this machine's blobs against the store's listing
  const restoredBlobs = await checkBlobs(core, store, m, at, storeName, findings);
  writeFileAtomic(file, JSON.stringify(m));
  return { cursor: cursor ?? { log: 0, blob: '' }, findings, restoredEvents, restoredBlobs };
}

async function checkBlobs(core: CatalogCore, store: UnitStore, m: Manifest, at: string, storeName: string, findings: IntegrityFinding[]): Promise<number> {
  const listed = await store.blobList();
  const local = listBlobs(core.blobs.dir);
  const mine = new Set(local);
  for (const sha of Object.keys(m.blobs)) if (!mine.has(sha)) delete m.blobs[sha];
  let budget = BLOB_READ_BYTES;
  let restored = 0;
  for (const sha of local) {
    const there = listed.get(sha);
    if (there && there.fp === m.blobs[sha]) continue;
    let genuine = false;
    if (there?.sha256) genuine = there.sha256 === sha;
    else if (there) {
      // first sight of it (or a new upload): the ETag when it is the md5, else the bytes themselves
      if (budget <= 0) continue; // at a later sync
      if (there.md5) {
        const bytes = core.blobs.get(sha);
        budget -= bytes?.length ?? 0;
        genuine = there.md5 === md5Of(bytes);
      } else {
        const copy = await store.blobCopy(sha);
        budget -= copy?.length ?? 0;
        genuine = copy !== undefined && sha256Hex(copy) === sha;
      }
    }
    if (genuine) {
      m.blobs[sha] = there!.fp;
      continue;
    }
    const bytes = core.blobs.get(sha);
    if (!bytes) continue;
    await store.restoreBlob(sha, bytes);
    delete m.blobs[sha];
    restored++;
    findings.push(blobPutBack(at, storeName, sha, there !== undefined));
  }
  return restored;
}

function md5Of(bytes: Uint8Array | undefined): string {
  return bytes ? createHash('md5').update(bytes).digest('hex') : '';
}
