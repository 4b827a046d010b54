/**
 * Connects the local catalog with a store: creating and connecting catalogs, the two-way
 * exchange of events and blobs, and catalog-file export/import. Sync is idempotent:
 * running it twice moves nothing the second time.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CatalogStatus, IntegrityFinding, StoreLocation, SyncReport, SyncStatus, TransferReport } from '../../shared/types/catalog';
import { BerthFailure, type Sentence } from '../../shared/result';
import type { S3CheckResult, S3StoreLocation } from '../../shared/types/distribution';
import { writeFileAtomic } from '../atomic-file';
import type { CatalogCore } from '../catalog/catalog-core';
import type { Ledger } from '../catalog/ledger';
import { displayNameOf } from '../catalog/state';
import { blobsOf } from '../catalog/event-blobs';
import type { SignedEvent } from '../catalog/event-types';
import type { CatalogQueries } from '../catalog/queries';
import { validateCatalogName } from '../catalog/validation';
import { logError } from '../log';
import { openStore, type OpenStoreOptions } from './open-store';
import { describeStore, normalizeStoreLocation, savedKeysFor, sentenceStart, storeKey, storePlace } from './store-location';
import { refusal, sentence } from '../sentences';
import { STORE_FORMAT, STORE_VERSION, type CatalogStore } from './store';
import { checkStore, type CheckCursor } from './store-check';
import { crashPoint } from '../catalog/crash-points';
import { errnoOf, fileFailure } from '../file-errors';

interface CursorFile {
  /** The store the cursor belongs to. */
  store: string;
  cursor: string;
  /** Blobs that events refer to but no store had yet. */
  missingBlobs: string[];
  /** Where the store check continues (store-check.ts). */
  check?: CheckCursor;
}

export class SyncService {
  private current: SyncStatus = { state: 'not-connected', pending: 0 };

  constructor(
    private readonly core: CatalogCore,
    private readonly queries: CatalogQueries,
    private readonly onStatus: (status: SyncStatus) => void = () => undefined,
    /** S3 keys saved on this computer (never in the catalog or the location), read at each open. */
    private readonly storeOptions: () => Omit<OpenStoreOptions, 'create'> = () => ({}),
  ) {}

  private open(location: StoreLocation, create = false): Promise<CatalogStore> {
    const { s3Credentials, ...rest } = this.storeOptions();
    const credentials = location.kind === 's3' ? savedKeysFor(location, s3Credentials) : undefined;
    return openStore(location, { ...rest, create, ...(credentials ? { s3Credentials: credentials } : {}) });
  }

  status(): SyncStatus {
    const settings = this.core.settings.get();
    const pending = this.core.catalogId() ? this.core.outbox.size() : 0;
    if (!settings.store) return { state: 'not-connected', pending, ...(settings.lastSyncAt ? { lastSyncAt: settings.lastSyncAt } : {}) };
    const state = this.current.state === 'not-connected' ? (pending > 0 ? 'offline' : 'synced') : this.current.state;
    const out: SyncStatus = { ...this.current, state, pending };
    if (settings.lastSyncAt) out.lastSyncAt = settings.lastSyncAt;
    return out;
  }

  async catalogStatus(): Promise<CatalogStatus> {
    return { ...(await this.queries.status()), sync: this.status() };
  }

  /** Starts a catalog in an empty folder, a new catalog file or a bucket, with this person as admin. */
  async init(name: string, where: StoreLocation): Promise<CatalogStatus> {
    const catalogName = validateCatalogName(name);
    const location = normalizeStoreLocation(where);
    if (location.kind === 'folder') mkdirSync(location.path, { recursive: true });
    const store = await this.open(location, true);
    try {
      // before the catalog starts here: a wrong bucket or key must not leave a catalog behind
      await store.check?.();
      if (await store.readManifest())
        throw refusal('catalog.duplicate', 'store.alreadyCatalog', { place: storePlace(location) });
      const genesis = await this.core.exclusive(() => this.core.startCatalog(catalogName));
      await store.createManifest({ format: STORE_FORMAT, version: STORE_VERSION, catalog: genesis.id, name: catalogName, createdAt: new Date().toISOString() });
    } finally {
      await store.close();
    }
    this.core.settings.update({ store: location });
    await this.sync();
    return this.catalogStatus();
  }

  /** Follows the catalog a folder, file or bucket holds, fetches it, and introduces this person to it. */
  /** Checks a bucket before init or connect: reachable with the keys that would be used, and whether a catalog is there. */
  async checkS3(location: S3StoreLocation): Promise<S3CheckResult> {
    // the S3 client is heavy: loaded only when someone checks a bucket
    const { checkS3Place } = await import('./s3-check');
    return checkS3Place(location, this.storeOptions().s3Credentials);
  }

  async connect(where: StoreLocation): Promise<CatalogStatus> {
    const location = normalizeStoreLocation(where);
    let manifest;
    try {
      const store = await this.open(location);
      try {
        await store.check?.();
        manifest = await store.readManifest();
      } finally {
        await store.close();
      }
    } catch (e) {
      throw joinFailure(e, location);
    }
    if (!manifest) {
      const place = location.kind === 's3' ? location.bucket : location.path;
      throw new BerthFailure(
        'not-found',
        `${sentenceStart(describeStore(location))} holds no Berth catalog. Ask your catalog’s admin for the right place, or create a new catalog there instead.`,
        undefined,
        { key: `join.noCatalog.${location.kind}`, values: { place } },
      );
    }
    this.core.follow(manifest.catalog);
    this.core.settings.update({ store: location });
    this.forgetCursor();
    await this.sync();
    await this.core.exclusive(() => this.core.joinIfNew());
    await this.sync();
    return this.catalogStatus();
  }

  async disconnect(): Promise<CatalogStatus> {
    this.core.settings.update({ store: undefined });
    this.current = { state: 'not-connected', pending: 0 };
    this.emit();
    return this.catalogStatus();
  }

  /** Pushes the outbox (everything missing, the first time with a store), then pulls what is new. */
  async sync(): Promise<SyncReport> {
    const location = this.core.settings.get().store;
    if (!location)
      throw refusal('catalog.not-connected', 'store.notConnected');
    this.current = { state: 'syncing', pending: this.core.outbox.size() };
    this.emit();
    const report: SyncReport = { status: this.current, pulledEvents: 0, pushedEvents: 0, pulledBlobs: 0, pushedBlobs: 0, warnings: [], findings: [] };
    let store: CatalogStore | undefined;
    try {
      store = await this.open(location);
      await store.check?.();
      const manifest = await store.readManifest();
      if (!manifest || manifest.catalog !== this.core.catalogId()) {
        throw refusal('catalog.forbidden', 'store.notThisCatalog', { place: storePlace(location) });
      }
      const place = describeStore(location);
      const placeSaid = storePlace(location);
      let readOnly: BerthFailure | undefined;
      try {
        await this.push(store, report);
        await this.checkStore(store, report, place);
      } catch (e) {
        // a store this machine may only read still brings everyone else's work
        if (!isReadOnly(e)) throw e;
        readOnly = storeFailure(errnoOf(e) === 'ENOENT' ? Object.assign(new Error('read-only'), { code: 'EROFS' }) : e, placeSaid);
      }
      await this.pull(store, report, place);
      await store.close();
      store = undefined;
      if (report.findings.length) this.core.notes.add(report.findings);
      this.core.settings.update({ lastSyncAt: new Date().toISOString() });
      this.current = readOnly
        ? { state: 'read-only', pending: this.core.outbox.size(), ...said(readOnly) }
        : { state: 'synced', pending: this.core.outbox.size() };
    } catch (e) {
      await store?.close().catch(() => undefined);
      if (report.findings.length) this.core.notes.add(report.findings);
      const failure = storeFailure(e, storePlace(location));
      if (failure.code === 'sync.unreachable') {
        this.current = { state: 'offline', pending: this.core.outbox.size(), ...said(failure) };
      } else {
        if (!(e instanceof BerthFailure)) logError('sync', e);
        this.current = { state: 'error', pending: this.core.outbox.size(), ...said(failure) };
        this.emit();
        throw failure;
      }
    }
    report.status = this.status();
    this.emit();
    return report;
  }

  private async push(store: CatalogStore, report: SyncReport): Promise<void> {
    const cursor = this.readCursor(store);
    let events: SignedEvent[] = this.core.outbox.list();
    if (!cursor) {
      // first sync with this store: send whatever it lacks, not only the outbox
      const there = await store.listEventIds();
      const ledger = await this.core.ledger();
      const missing = (await ledger.allEventsPaced()).filter((e) => !there.has(e.id));
      const ids = new Set(missing.map((e) => e.id));
      events = [...missing, ...events.filter((e) => !ids.has(e.id))];
    }
    if (events.length === 0) return;
    // blobs first: a reader must never see an event whose files are not there yet
    for (const sha of new Set(events.flatMap(blobsOf))) {
      if (await store.hasBlob(sha)) continue;
      const bytes = this.core.blobs.get(sha);
      if (!bytes) continue;
      await store.putBlob(sha, bytes);
      report.pushedBlobs++;
    }
    crashPoint('sync.blobs-pushed');
    await store.putEvents(events);
    report.pushedEvents = events.length;
    crashPoint('sync.events-pushed');
    this.core.outbox.remove(events.map((e) => e.id));
  }

  /** Anti-entropy: the next window of this machine's events and blobs, compared with the store and put back where lost or altered. */
  private async checkStore(store: CatalogStore, report: SyncReport, place: string): Promise<void> {
    const saved = this.readCursor(store);
    const ledger = await this.core.ledger();
    const result = await checkStore(this.core, ledger, store, saved?.check, place);
    report.findings.push(...result.findings);
    report.pushedEvents += result.restoredEvents;
    report.pushedBlobs += result.restoredBlobs;
    this.writeCursor({ store: storeKey(store.location), cursor: saved?.cursor ?? '', missingBlobs: saved?.missingBlobs ?? [], check: result.cursor });
  }

  private async pull(store: CatalogStore, report: SyncReport, place: string): Promise<void> {
    const saved = this.readCursor(store);
    const ledger = await this.core.ledger();
    const result = await store.pull({ cursor: saved?.cursor, isKnown: (id) => ledger.hasEvent(id) || this.core.held.has(id) });
    report.warnings.push(...result.warnings);
    const at = new Date().toISOString();
    for (const w of result.warnings) report.findings.push({ at, kind: 'unreadable', where: place, message: w, repaired: false });
    const wanted = new Set(saved?.missingBlobs ?? []);
    for (const e of result.events) for (const sha of blobsOf(e)) wanted.add(sha);
    const missing: string[] = [];
    for (const sha of wanted) {
      if (this.core.blobs.has(sha)) continue;
      const bytes = await store.getBlob(sha);
      if (bytes && this.core.blobs.putVerified(sha, bytes)) report.pulledBlobs++;
      else missing.push(sha);
    }
    crashPoint('sync.pulled');
    const ingested = await this.core.ingest(result.events, { outbox: false, where: place });
    report.pulledEvents = ingested.added.length;
    report.findings.push(...ingested.findings);
    report.findings.push(...this.gaps(ledger, ingested.added, place));
    crashPoint('sync.ingested');
    const check = this.readCursor(store)?.check;
    this.writeCursor({ store: storeKey(store.location), cursor: result.cursor, missingBlobs: missing, ...(check ? { check } : {}) });
  }

  /** Each author's events chain to their previous one: a link nobody delivered is a gap in the store, named. */
  private gaps(ledger: Ledger, added: readonly SignedEvent[], place: string): IntegrityFinding[] {
    const at = new Date().toISOString();
    const out: IntegrityFinding[] = [];
    for (const e of added) {
      const before = e.body.after;
      if (!before || ledger.hasEvent(before) || this.core.held.has(before)) continue;
      const who = displayNameOf(ledger.state, e.body.author);
      out.push({
        at,
        kind: 'gap',
        where: place,
        eventId: before,
        author: e.body.author,
        authorName: who,
        message: `${who}’s event ${before.slice(0, 12)} is missing: their ${e.body.type} event ${e.id.slice(0, 12)} follows it, but the store does not hold it. Ask ${who} (or anyone who has it) to sync.`,
        repaired: false,
      });
    }
    return out;
  }

  /** Writes every local event and the files they refer to into one catalog file. */
  async exportTo(path: string): Promise<TransferReport> {
    const target = resolve(path);
    const ledger = await this.core.ledger();
    const file = await openStore({ kind: 'file', path: target }, { create: true });
    const report: TransferReport = { path: target, events: 0, blobs: 0, newEvents: 0, warnings: [] };
    try {
      const manifest = await file.readManifest();
      if (manifest && manifest.catalog !== ledger.catalogId)
        throw refusal('catalog.forbidden', 'store.exportOtherCatalog', { path: target });
      if (!manifest)
        await file.createManifest({
          format: STORE_FORMAT,
          version: STORE_VERSION,
          catalog: ledger.catalogId,
          name: ledger.state.name ?? '',
          createdAt: new Date().toISOString(),
        });
      const there = await file.listEventIds();
      const events = ledger.allEvents();
      const fresh = events.filter((e) => !there.has(e.id));
      for (const sha of new Set(events.flatMap(blobsOf))) {
        const bytes = this.core.blobs.get(sha);
        if (!bytes) {
          report.warnings.push(`The file ${sha.slice(0, 12)} is not on this machine yet, so it is not in the export.`);
          continue;
        }
        await file.putBlob(sha, bytes);
        report.blobs++;
      }
      await file.putEvents(fresh);
      report.events = events.length;
      report.newEvents = fresh.length;
    } finally {
      await file.close();
    }
    return report;
  }

  /** Merges a catalog file into the local catalog (following its catalog if this data dir follows none yet). */
  async importFrom(path: string): Promise<TransferReport> {
    const source = resolve(path);
    const file = await openStore({ kind: 'file', path: source });
    const report: TransferReport = { path: source, events: 0, blobs: 0, newEvents: 0, warnings: [] };
    try {
      const manifest = await file.readManifest();
      if (!manifest) throw refusal('input.invalid', 'store.notCatalogFile', { path: source });
      const current = this.core.catalogId();
      if (current && current !== manifest.catalog)
        throw refusal('catalog.forbidden', 'store.importOtherCatalog', { path: source, name: manifest.name });
      if (!current) this.core.follow(manifest.catalog);
      const ledger = await this.core.ledger();
      const pulled = await file.pull({ isKnown: (id) => ledger.hasEvent(id) });
      report.warnings.push(...pulled.warnings);
      for (const sha of new Set(pulled.events.flatMap(blobsOf))) {
        if (this.core.blobs.has(sha)) continue;
        const bytes = await file.getBlob(sha);
        if (bytes && this.core.blobs.putVerified(sha, bytes)) report.blobs++;
      }
      const ingested = await this.core.ingest(pulled.events, { outbox: true });
      // a reviewer handed a snapshot introduces themselves, so their decisions carry their name
      if (!current) await this.core.exclusive(() => this.core.joinIfNew());
      report.events = (await file.listEventIds()).size;
      report.newEvents = ingested.added.length;
    } finally {
      await file.close();
    }
    this.emit();
    return report;
  }

  private cursorPath(): string {
    return join(this.core.dataDir, 'catalog', 'sync-cursor.json');
  }

  private readCursor(store: CatalogStore): CursorFile | undefined {
    try {
      const c = JSON.parse(readFileSync(this.cursorPath(), 'utf8')) as CursorFile;
      return c.store === storeKey(store.location) && typeof c.cursor === 'string' ? c : undefined;
    } catch {
      return undefined;
    }
  }

  private writeCursor(c: CursorFile): void {
    writeFileAtomic(this.cursorPath(), JSON.stringify(c));
  }

  private forgetCursor(): void {
    writeFileAtomic(this.cursorPath(), '{}');
  }

  private emit(): void {
    this.onStatus(this.status());
  }
}

/** The store refuses writes, but can be read. */
function isReadOnly(e: unknown): boolean {
  const code = errnoOf(e);
  // Node's recursive mkdir on a read-only mount reports ENOENT, not EROFS
  return code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || (code === 'ENOENT' && (e as NodeJS.ErrnoException).syscall === 'mkdir');
}

/** The status line's wording of a failure: English for logs, the sentence for the UI. */
function said(failure: BerthFailure): Pick<SyncStatus, 'message' | 'say'> {
  return failure.say ? { message: failure.message, say: failure.say } : { message: failure.message };
}

/** A sync failure as a sentence: file-system errors of the store say what to do. */
function storeFailure(e: unknown, place: Sentence): BerthFailure {
  if (e instanceof BerthFailure) return e;
  return fileFailure(e, place, sentence('kept.untilNextSync')) ?? refusal('sync.unreachable', 'store.syncFailed', { place });
}

/**
 * Why joining failed, said for someone joining: nothing of theirs is waiting to be sent (the
 * sync sentences say "your work is kept"), the place they were given is wrong or not there.
 */
function joinFailure(e: unknown, location: StoreLocation): unknown {
  if (!(e instanceof BerthFailure) || e.code !== 'sync.unreachable') return e;
  if (location.kind === 'folder')
    return new BerthFailure(
      'sync.unreachable',
      `There is no folder at ${location.path} on this computer. Check the path your catalog’s admin gave you, and that the share is mounted.`,
      undefined,
      { key: 'join.noFolder', values: { path: location.path } },
    );
  if (location.kind === 'file')
    return new BerthFailure('sync.unreachable', `There is no catalog file at ${location.path}. Check the path your catalog’s admin gave you.`, undefined, {
      key: 'join.noFile',
      values: { path: location.path },
    });
  if (e.say?.key === 's3.noAnswer') return refusal('sync.unreachable', 's3.noAnswerJoining', e.say.values, e.detail);
  return new BerthFailure('sync.unreachable', e.message.replace(/ Your work is kept[^.]*\.$/, ''), e.detail, e.say);
}
