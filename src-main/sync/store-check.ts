/**
 * Anti-entropy: at every sync, part of what this machine holds is compared with the store,
 * byte for byte, and what the store lost or holds altered is put back from the verified
 * local copy. Names are content addresses (an event file is named by the sha256 of its
 * body, a blob by the sha256 of its bytes), so "the genuine copy" needs no one's word.
 *
 * A store that names ranges (a folder) is checked range by range against a digest manifest
 * (store-ranges.ts); one made of units holding many events (an S3 bucket's journal batches, a
 * catalog file's sections) unit by unit against a manifest of fingerprints (store-units.ts).
 * A store that offers neither is checked here in windows of the local log and blob cache,
 * continuing where the previous sync stopped, so one sync costs a bounded amount whatever the
 * catalog's size; up to WINDOW_EVENTS events are checked whole at every sync.
 */
import type { IntegrityFinding } from '../../shared/types/catalog';
import type { CatalogCore } from '../catalog/catalog-core';
import { canonicalJson } from '../catalog/canonical-json';
import { parseSignedEvent } from '../catalog/event-parse';
import type { SignedEvent } from '../catalog/event-types';
import type { Ledger } from '../catalog/ledger';
import { sha256Hex } from '../catalog/signing';
import { displayNameOf } from '../catalog/state';
import { blobPutBack, checkByRange, hasRanges, listBlobs, type CheckCursor, type CheckResult } from './store-ranges';
import type { CatalogStore } from './store';
import { checkByUnits, hasUnits } from './store-units';

export const WINDOW_EVENTS = 500;
/** Blob bytes read back from the store per sync. */
export const WINDOW_BLOB_BYTES = 16 * 1024 * 1024;

export type { CheckCursor, CheckResult };

/** Is `text` this very event: same id, same body (canonically), same signature? */
export function isGenuineCopy(text: string, event: SignedEvent): boolean {
  const parsed = parseSignedEvent(text);
  if (typeof parsed === 'string' || parsed.id !== event.id || parsed.sig !== event.sig) return false;
  try {
    return sha256Hex(canonicalJson(parsed.body)) === event.id;
  } catch {
    return false;
  }
}

export async function checkStore(
  core: CatalogCore,
  ledger: Ledger,
  store: CatalogStore,
  cursor: CheckCursor | undefined,
  storeName: string,
): Promise<CheckResult> {
  if (hasRanges(store)) return checkByRange(core, ledger, store, cursor, storeName);
  if (hasUnits(store)) return checkByUnits(core, ledger, store, cursor, storeName);
  return checkWindow(core, ledger, store, cursor, storeName);
}

/** The window check, for stores that name neither ranges nor units. */
async function checkWindow(core: CatalogCore, ledger: Ledger, store: CatalogStore, cursor: CheckCursor | undefined, storeName: string): Promise<CheckResult> {
  const at = new Date().toISOString();
  const findings: IntegrityFinding[] = [];
  const name = (key: string) => displayNameOf(ledger.state, key);

  // events: this machine's verified copies in the next window of its log
  const start = cursor && cursor.log <= ledger.log.size() ? cursor.log : 0;
  const read = ledger.log.read(start, undefined, WINDOW_EVENTS);
  const nextLog = read.events.length < WINDOW_EVENTS ? 0 : read.end;
  const mine = new Map<string, SignedEvent>();
  for (const e of read.events) {
    if (e.body.catalog !== ledger.catalogId && e.id !== ledger.catalogId) continue;
    if (mine.has(e.id) || !ledger.hasEvent(e.id) || !ledger.verifies(e)) continue;
    mine.set(e.id, e);
  }
  const events = [...mine.values()];
  const copies = await store.eventCopies(events);
  const restore: SignedEvent[] = [];
  for (const e of events) {
    const held = copies.get(e.id) ?? [];
    const what = `${name(e.body.author)}’s ${e.body.type} event ${e.id.slice(0, 12)}`;
    if (held.some((c) => isGenuineCopy(c.text, e))) {
      // beside the genuine copy, one that does not verify (a forged twin, a damaged line left in a batch)
      for (const c of held.filter((c) => !isGenuineCopy(c.text, e))) {
        findings.push({
          at,
          kind: 'duplicate',
          where: c.where,
          eventId: e.id,
          author: e.body.author,
          authorName: name(e.body.author),
          message: `The store holds a copy of ${what} that does not verify (a forged twin or a damaged line) in ${c.where}; every machine keeps the genuine copy, which the store holds too.`,
          repaired: false,
        });
      }
      continue;
    }
    restore.push(e);
    findings.push({
      at,
      kind: held.length ? 'altered' : 'missing',
      where: held[0]?.where ?? storeName,
      eventId: e.id,
      author: e.body.author,
      authorName: name(e.body.author),
      message: held.length
        ? `The store held an altered copy of ${what}; the genuine one was put back from this computer.`
        : `The store had lost ${what} (or it was never sent); it was put back from this computer.`,
      repaired: true,
    });
  }
  await store.restoreEvents(restore);

  // blobs: the next window of this machine's blob cache, by name
  const shas = listBlobs(core.blobs.dir).filter((s) => !cursor || s > cursor.blob);
  let budget = WINDOW_BLOB_BYTES;
  let last = '';
  let restoredBlobs = 0;
  for (const sha of shas) {
    if (budget <= 0) break;
    last = sha;
    const there = await store.blobCopy(sha);
    budget -= there?.length ?? 0;
    if (there && sha256Hex(there) === sha) continue;
    const bytes = core.blobs.get(sha);
    if (!bytes) continue;
    await store.restoreBlob(sha, bytes);
    restoredBlobs++;
    findings.push(blobPutBack(at, storeName, sha, Boolean(there)));
  }
  const nextBlob = budget > 0 ? '' : last;
  return { cursor: { log: nextLog, blob: nextBlob }, findings, restoredEvents: restore.length, restoredBlobs };
}
