/**
 * What Berth needs from a place where a catalog is shared: a folder, a catalog file or an
 * S3-compatible bucket; another (an HTTP server…) only has to implement this.
 */
import type { StoreLocation } from '../../shared/types/catalog';
import type { SignedEvent } from '../catalog/event-types';

export const STORE_FORMAT = 'berth-catalog';
export const STORE_VERSION = 1;

/** Names the catalog a store holds, so nobody mixes two catalogs in one place. */
export interface StoreManifest {
  format: typeof STORE_FORMAT;
  version: number;
  /** The genesis event id. */
  catalog: string;
  name: string;
  createdAt: string;
}

export interface PullResult {
  events: SignedEvent[];
  /** Files that were skipped, in plain words (half-written, foreign, unreadable). */
  warnings: string[];
  /** Opaque; handed back to the next pull so the store can skip what it already showed. */
  cursor: string;
}

export interface EventCopy {
  /** The file or object, in the store's own words (a relative path, a key). */
  where: string;
  text: string;
}

export interface CatalogStore {
  readonly location: StoreLocation;
  /** Throws a plain failure when the place cannot be used at all (a missing bucket, refused keys). */
  check?(): Promise<void>;
  readManifest(): Promise<StoreManifest | undefined>;
  /** Creates the manifest; refuses when the store already holds a catalog. */
  createManifest(manifest: StoreManifest): Promise<void>;
  /** Events the store holds that `isKnown` says this machine lacks. */
  pull(options: { cursor?: string; isKnown: (id: string) => boolean }): Promise<PullResult>;
  listEventIds(): Promise<Set<string>>;
  /** Adds events; ones already there are left as they are (event files never change). */
  putEvents(events: readonly SignedEvent[]): Promise<void>;
  hasBlob(sha256: string): Promise<boolean>;
  /** The blob's bytes, checked against its sha256; undefined when missing or damaged. */
  getBlob(sha256: string): Promise<Uint8Array | undefined>;
  putBlob(sha256: string, bytes: Uint8Array): Promise<void>;
  // ── anti-entropy (sync-service.ts checks the store against this machine's verified copies)
  /** The store's copies of these events, as text, with where each one is; missing ones have none. */
  eventCopies(events: readonly SignedEvent[]): Promise<Map<string, EventCopy[]>>;
  /** Puts the genuine copy where a lost or altered one was. */
  restoreEvents(events: readonly SignedEvent[]): Promise<void>;
  /** Removes a copy that is not the genuine event (a forged twin); stores that cannot, leave it (readers keep the copy that verifies). */
  removeCopy(where: string): Promise<void>;
  /** The blob's bytes as stored, unchecked; undefined when missing. */
  blobCopy(sha256: string): Promise<Uint8Array | undefined>;
  /** Writes the genuine bytes over a lost or altered blob. */
  restoreBlob(sha256: string, bytes: Uint8Array): Promise<void>;
  /** Writes out anything buffered (the catalog file saves here). */
  close(): Promise<void>;
}

export function isManifest(x: unknown): x is StoreManifest {
  const m = x as StoreManifest;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.format === STORE_FORMAT &&
    typeof m.version === 'number' &&
    typeof m.catalog === 'string' &&
    /^[0-9a-f]{64}$/.test(m.catalog) &&
    typeof m.name === 'string'
  );
}
