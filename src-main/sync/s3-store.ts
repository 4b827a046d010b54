/**
 * A catalog shared through an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, SeaweedFS,
 * versitygw…), the same store the folder is, for teams across sites.
 *
 *   <prefix>berth-catalog.json                          which catalog this is (created once)
 *   <prefix>journal/<server ms, 13 digits>-<random>.jsonl   batches of events, one JSON line each
 *   <prefix>blobs/<first 2 hex>/<sha256>                 files, content-addressed
 *
 * Every object is created once and never changed (`If-None-Match: *` where the server supports
 * it). A push writes its events as one journal batch, named by the server's clock, so keys sort
 * by arrival whatever the writers' clocks say; a pull lists only keys after its cursor (less a
 * grace window for uploads still in flight) and reads only batches it has not read. Pushing the
 * same events again after an interrupted sync writes a second batch; pulls drop the repeats, so
 * nothing is lost and nothing arrives twice.
 */
import { randomBytes } from 'node:crypto';
import { BerthFailure } from '../../shared/result';
import { refusal } from '../sentences';
import type { StoreLocation } from '../../shared/types/catalog';
import type { S3StoreLocation } from '../../shared/types/distribution';
import { parseSignedEvent } from '../catalog/event-parse';
import type { SignedEvent } from '../catalog/event-types';
import { checkSignature, sha256Hex } from '../catalog/signing';
import { S3Objects, type S3Access } from './s3-objects';
import { isManifest, type EventCopy, type PullResult, type StoreManifest } from './store';
import type { ListedBlob, UnitContent, UnitStore } from './store-units';

const MANIFEST = 'berth-catalog.json';
const JOURNAL = 'journal/';
const JOURNAL_KEY = /^journal\/(\d{13})-[0-9a-f]{16}\.jsonl$/;
/** Batches written up to this long before the newest one seen may still be landing. */
export const GRACE_MS = 5 * 60_000;
const BATCH_EVENTS = 1000;
const BATCH_BYTES = 4 * 1024 * 1024;

interface S3Cursor {
  /** Newest batch time (server ms) seen so far. */
  high: number;
  /** Batches already read whose time is within the grace window of `high`. */
  seen: string[];
}

/** Batches read by listEventIds, kept (up to this many bytes) so the first pull after it reads each batch once. */
const BATCH_CACHE_BYTES = 512 * 1024 * 1024;

export class S3Store implements UnitStore {
  readonly objects: S3Objects;
  private readonly batchCache = new Map<string, Uint8Array>();
  private batchCacheBytes = 0;

  constructor(
    readonly s3: S3StoreLocation,
    access: Omit<S3Access, 'location'> = {},
  ) {
    if (!s3.bucket?.trim()) throw refusal('input.invalid', 'store.giveBucket');
    // keys given by the caller (saved on this computer, see s3-keys.ts), otherwise the AWS chain
    this.objects = new S3Objects({ ...access, location: s3 });
  }

  get location(): StoreLocation {
    return this.s3;
  }

  /** A missing bucket or refused keys, in plain words (reads alone would see “no catalog here”). */
  async check(): Promise<void> {
    try {
      await this.objects.checkBucket();
    } catch (e) {
      // HEAD answers wrong keys and missing permission alike (a bare 403); a listing says which
      if (e instanceof BerthFailure && e.code === 'distribution.refused') await this.objects.list(MANIFEST);
      throw e;
    }
  }

  async readManifest(): Promise<StoreManifest | undefined> {
    const bytes = await this.objects.get(MANIFEST);
    if (!bytes) return undefined;
    try {
      const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
      return isManifest(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  async createManifest(manifest: StoreManifest): Promise<void> {
    await this.objects.checkBucket();
    const created = await this.objects.createOnly(MANIFEST, JSON.stringify(manifest, null, 2) + '\n', 'application/json');
    if (!created) throw refusal('catalog.duplicate', 'store.bucketHoldsCatalog', { bucket: this.s3.bucket });
  }

  async pull(options: { cursor?: string; isKnown: (id: string) => boolean; keepBatches?: boolean }): Promise<PullResult> {
    const previous = parseCursor(options.cursor);
    const startAfter = previous ? journalKey(Math.max(0, previous.high - GRACE_MS), '') : undefined;
    const listed = await this.objects.list(JOURNAL, startAfter);
    const seen = new Set(previous?.seen ?? []);
    const out: PullResult = { events: [], warnings: [], cursor: '' };
    const taken = new Map<string, number>();
    const read: string[] = [];
    let high = previous?.high ?? 0;
    for (const { key } of listed) {
      const m = JOURNAL_KEY.exec(key);
      if (!m) {
        out.warnings.push(`Skipped ${key}: not a Berth journal batch.`);
        continue;
      }
      high = Math.max(high, Number(m[1]));
      if (seen.has(key)) continue;
      const bytes = this.batchCache.get(key) ?? (await this.objects.get(key));
      if (bytes && !this.batchCache.has(key) && options.keepBatches && this.batchCacheBytes + bytes.length <= BATCH_CACHE_BYTES) {
        this.batchCache.set(key, bytes);
        this.batchCacheBytes += bytes.length;
      }
      if (!bytes) continue; // listed, then gone: nothing to read
      read.push(key);
      for (const line of Buffer.from(bytes).toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        const parsed = parseSignedEvent(line);
        if (typeof parsed === 'string') {
          out.warnings.push(`Skipped an event in ${key}: ${parsed}.`);
          continue;
        }
        if (options.isKnown(parsed.id)) continue;
        const prior = taken.get(parsed.id);
        if (prior === undefined) {
          taken.set(parsed.id, out.events.length);
          out.events.push(parsed);
        } else if (checkSignature(out.events[prior]) !== undefined && checkSignature(parsed) === undefined) {
          // a resent batch repeats an event; of a forged twin and the genuine copy, the one that verifies is kept
          out.events[prior] = parsed;
        }
      }
    }
    const window = high - GRACE_MS;
    const keep = [...seen, ...read].filter((k) => Number(JOURNAL_KEY.exec(k)?.[1] ?? 0) >= window);
    out.cursor = JSON.stringify({ high, seen: keep } satisfies S3Cursor);
    return out;
  }

  async listEventIds(): Promise<Set<string>> {
    const ids = new Set<string>();
    // the sync that asks this (a first sync with the store) pulls everything next: keep the batches
    await this.pull({ isKnown: (id) => (ids.add(id), true), keepBatches: true });
    return ids;
  }

  async putEvents(events: readonly SignedEvent[]): Promise<void> {
    let batch: string[] = [];
    let bytes = 0;
    const flush = async () => {
      if (!batch.length) return;
      const body = batch.join('');
      // a fresh random name per batch: a clash is practically impossible, and create-only anyway
      while (!(await this.objects.createOnly(journalKey(this.objects.serverNow(), randomBytes(8).toString('hex')), body, 'application/x-ndjson'))) {
        // name taken: draw another
      }
      batch = [];
      bytes = 0;
    };
    for (const e of events) {
      const line = JSON.stringify(e) + '\n';
      if (batch.length >= BATCH_EVENTS || bytes + line.length > BATCH_BYTES) await flush();
      batch.push(line);
      bytes += line.length;
    }
    await flush();
  }

  private blobKey(sha256: string): string {
    return `blobs/${sha256.slice(0, 2)}/${sha256}`;
  }

  async hasBlob(sha256: string): Promise<boolean> {
    return this.objects.exists(this.blobKey(sha256));
  }

  async getBlob(sha256: string): Promise<Uint8Array | undefined> {
    const bytes = await this.objects.get(this.blobKey(sha256));
    return bytes && sha256Hex(bytes) === sha256 ? bytes : undefined;
  }

  async putBlob(sha256: string, bytes: Uint8Array): Promise<void> {
    if (sha256Hex(bytes) !== sha256) throw new Error('blob bytes do not match their digest');
    await this.objects.createOnly(this.blobKey(sha256), bytes);
  }

  async eventCopies(events: readonly SignedEvent[]): Promise<Map<string, EventCopy[]>> {
    const wanted = new Set(events.map((e) => e.id));
    const out = new Map<string, EventCopy[]>();
    if (wanted.size === 0) return out;
    // events live in batches: every batch is read (from the cache when this sync already did)
    for (const { key } of await this.objects.list(JOURNAL)) {
      if (!JOURNAL_KEY.test(key)) continue;
      const bytes = this.batchCache.get(key) ?? (await this.objects.get(key));
      if (!bytes) continue;
      for (const line of Buffer.from(bytes).toString('utf8').split('\n')) {
        const id = /"id":"([0-9a-f]{64})"/.exec(line)?.[1];
        if (!id || !wanted.has(id)) continue;
        const copies = out.get(id) ?? [];
        copies.push({ where: key, text: line });
        out.set(id, copies);
      }
    }
    return out;
  }

  async restoreEvents(events: readonly SignedEvent[]): Promise<void> {
    // a new batch: readers keep the copy that verifies over the damaged one
    await this.putEvents(events);
  }

  async removeCopy(): Promise<void> {
    // batches are written once; the damaged line stays and is outvoted by the genuine copy
  }

  async blobCopy(sha256: string): Promise<Uint8Array | undefined> {
    return this.objects.get(this.blobKey(sha256));
  }

  async restoreBlob(sha256: string, bytes: Uint8Array): Promise<void> {
    if (sha256Hex(bytes) !== sha256) throw new Error('blob bytes do not match their digest');
    await this.objects.put(this.blobKey(sha256), bytes);
  }

  // ── units: the journal batches (store-units.ts checks them by ETag, size and time)

  readonly unitFingerprintsAreContent = false;

  async units(): Promise<Map<string, { fp: string; bytes: number }>> {
    const out = new Map<string, { fp: string; bytes: number }>();
    for (const o of await this.objects.list(JOURNAL)) if (JOURNAL_KEY.test(o.key)) out.set(o.key, { fp: `${o.etag}/${o.size}/${o.modified}`, bytes: o.size });
    return out;
  }

  async unitContent(key: string): Promise<UnitContent | undefined> {
    const bytes = this.batchCache.get(key) ?? (await this.objects.get(key));
    if (!bytes) return undefined;
    // the pull of this sync reads the same batches: keep them for it
    if (!this.batchCache.has(key) && this.batchCacheBytes + bytes.length <= BATCH_CACHE_BYTES) {
      this.batchCache.set(key, bytes);
      this.batchCacheBytes += bytes.length;
    }
    const lines = Buffer.from(bytes)
      .toString('utf8')
      .split('\n')
      .map((text) => ({ where: key, text }));
    return { lines, hash: sha256Hex(bytes) };
  }

  async blobList(): Promise<Map<string, ListedBlob>> {
    const out = new Map<string, ListedBlob>();
    for (const o of await this.objects.list('blobs/')) {
      const sha = /^blobs\/[0-9a-f]{2}\/([0-9a-f]{64})$/.exec(o.key)?.[1];
      if (!sha) continue;
      out.set(sha, { fp: `${o.etag}/${o.size}/${o.modified}`, ...(/^[0-9a-f]{32}$/.test(o.etag) ? { md5: o.etag } : {}) });
    }
    return out;
  }

  async close(): Promise<void> {
    this.batchCache.clear();
    this.batchCacheBytes = 0;
    this.objects.destroy();
  }
}

/** The batch key for a time; with no random part, the point just before every batch of that millisecond. */
export function journalKey(serverMs: number, random: string): string {
  return `${JOURNAL}${String(Math.floor(serverMs)).padStart(13, '0')}-${random ? `${random}.jsonl` : ''}`;
}

function parseCursor(text: string | undefined): S3Cursor | undefined {
  try {
    const c = JSON.parse(text ?? '') as S3Cursor;
    if (c && typeof c.high === 'number' && Array.isArray(c.seen)) return c;
  } catch {
    // start over
  }
  return undefined;
}
