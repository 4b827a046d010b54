/**
 * A catalog in one portable file (SQLite through sql.js): the events and the blobs they
 * refer to. It is how a snapshot travels to an offline reviewer and how their decisions
 * come back (`berth catalog export` / `import`); it can also serve as a store of its own.
 * The file is read whole and written back whole, atomically, when closed — it suits one
 * writer at a time (a hand-over), unlike the folder store.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { StoreLocation } from '../../shared/types/catalog';
import { refusal } from '../sentences';
import { writeFileAtomic } from '../atomic-file';
import { parseSignedEvent } from '../catalog/event-parse';
import type { SignedEvent } from '../catalog/event-types';
import { sha256Hex } from '../catalog/signing';
import { loadSqlJs, queryRows, queryValue, type Database } from '../catalog/sqlite';
import { createHash } from 'node:crypto';
import { isManifest, type EventCopy, type PullResult, type StoreManifest } from './store';
import type { ListedBlob, UnitContent, UnitStore } from './store-units';

/** Rows per section of the events table (by rowid: new rows go to the last sections). */
const SECTION_ROWS = 1024;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS manifest (json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL);
`;

export class CatalogFile implements UnitStore {
  readonly location: StoreLocation;
  private dirty = false;

  private constructor(
    readonly path: string,
    private readonly db: Database,
  ) {
    this.location = { kind: 'file', path };
  }

  /** Opens the file, or starts an empty one (written at close) when `create` and it does not exist. */
  static async open(path: string, options: { create: boolean }): Promise<CatalogFile> {
    const SQL = await loadSqlJs();
    if (!existsSync(path)) {
      if (!options.create) throw refusal('sync.unreachable', 'store.noCatalogFile', { path });
      const db = new SQL.Database();
      db.run(SCHEMA);
      const file = new CatalogFile(path, db);
      file.dirty = true;
      return file;
    }
    let db: Database;
    try {
      db = new SQL.Database(readFileSync(path));
      db.run(SCHEMA);
      queryValue(db, 'SELECT count(*) FROM events');
    } catch {
      throw refusal('input.invalid', 'store.notCatalogFile', { path });
    }
    return new CatalogFile(path, db);
  }

  async readManifest(): Promise<StoreManifest | undefined> {
    const text = queryValue(this.db, 'SELECT json FROM manifest LIMIT 1');
    try {
      const parsed: unknown = typeof text === 'string' ? JSON.parse(text) : undefined;
      return isManifest(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  async createManifest(manifest: StoreManifest): Promise<void> {
    if (await this.readManifest()) throw refusal('catalog.duplicate', 'store.fileHoldsCatalog', { path: this.path });
    this.db.run('INSERT INTO manifest (json) VALUES (?)', [JSON.stringify(manifest)]);
    this.dirty = true;
  }

  async pull(options: { isKnown: (id: string) => boolean }): Promise<PullResult> {
    const out: PullResult = { events: [], warnings: [], cursor: '' };
    for (const row of queryRows<{ id: string; json: string }>(this.db, 'SELECT id, json FROM events')) {
      if (options.isKnown(row.id)) continue;
      const parsed = parseSignedEvent(row.json);
      if (typeof parsed === 'string') out.warnings.push(`Skipped event ${row.id.slice(0, 12)} in ${this.path}: ${parsed}.`);
      else if (parsed.id !== row.id) out.warnings.push(`Skipped event ${row.id.slice(0, 12)} in ${this.path}: its id does not match the event inside.`);
      else out.events.push(parsed);
    }
    return out;
  }

  async listEventIds(): Promise<Set<string>> {
    return new Set(queryRows<{ id: string }>(this.db, 'SELECT id FROM events').map((r) => r.id));
  }

  async putEvents(events: readonly SignedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const stmt = this.db.prepare('INSERT OR IGNORE INTO events (id, json) VALUES (?, ?)');
    try {
      for (const e of events) stmt.run([e.id, JSON.stringify(e)]);
    } finally {
      stmt.free();
    }
    this.dirty = true;
  }

  async hasBlob(sha256: string): Promise<boolean> {
    return queryValue(this.db, 'SELECT 1 FROM blobs WHERE sha256 = ?', [sha256]) !== undefined;
  }

  async getBlob(sha256: string): Promise<Uint8Array | undefined> {
    const data = queryValue(this.db, 'SELECT data FROM blobs WHERE sha256 = ?', [sha256]);
    return data instanceof Uint8Array && sha256Hex(data) === sha256 ? data : undefined;
  }

  async putBlob(sha256: string, bytes: Uint8Array): Promise<void> {
    if (sha256Hex(bytes) !== sha256) throw new Error('blob bytes do not match their digest');
    this.db.run('INSERT OR IGNORE INTO blobs (sha256, data) VALUES (?, ?)', [sha256, bytes]);
    this.dirty = true;
  }

  async eventCopies(events: readonly SignedEvent[]): Promise<Map<string, EventCopy[]>> {
    const out = new Map<string, EventCopy[]>();
    for (const e of events) {
      const text = queryValue(this.db, 'SELECT json FROM events WHERE id = ?', [e.id]);
      if (typeof text === 'string') out.set(e.id, [{ where: `event ${e.id.slice(0, 12)} in ${this.path}`, text }]);
    }
    return out;
  }

  async restoreEvents(events: readonly SignedEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const e of events) this.db.run('INSERT OR REPLACE INTO events (id, json) VALUES (?, ?)', [e.id, JSON.stringify(e)]);
    this.dirty = true;
  }

  async removeCopy(): Promise<void> {
    // one row per id: a copy is replaced, never doubled
  }

  async blobCopy(sha256: string): Promise<Uint8Array | undefined> {
    const data = queryValue(this.db, 'SELECT data FROM blobs WHERE sha256 = ?', [sha256]);
    return data instanceof Uint8Array ? data : undefined;
  }

  async restoreBlob(sha256: string, bytes: Uint8Array): Promise<void> {
    if (sha256Hex(bytes) !== sha256) throw new Error('blob bytes do not match their digest');
    this.db.run('INSERT OR REPLACE INTO blobs (sha256, data) VALUES (?, ?)', [sha256, bytes]);
    this.dirty = true;
  }

  // ── units: sections of the events table by rowid, each fingerprinted by the sha256 of its rows

  readonly unitFingerprintsAreContent = true;

  async units(): Promise<Map<string, { fp: string; bytes: number }>> {
    const out = new Map<string, { fp: string; bytes: number }>();
    let section = -1;
    let hash = createHash('sha256');
    let bytes = 0;
    const end = () => {
      if (section >= 0) out.set(`section ${section}`, { fp: hash.digest('hex'), bytes });
    };
    const stmt = this.db.prepare('SELECT rowid, id, json FROM events ORDER BY rowid');
    try {
      while (stmt.step()) {
        const [rowid, id, json] = stmt.get() as [number, string, string];
        const s = Math.floor(rowid / SECTION_ROWS);
        if (s !== section) {
          end();
          section = s;
          hash = createHash('sha256');
          bytes = 0;
        }
        hash.update(`${rowid}\u0000${id}\u0000${json}\n`);
        bytes += json.length;
      }
      end();
    } finally {
      stmt.free();
    }
    return out;
  }

  async unitContent(unit: string): Promise<UnitContent | undefined> {
    const section = Number(/^section (\d+)$/.exec(unit)?.[1] ?? NaN);
    if (!Number.isFinite(section)) return undefined;
    const rows = queryRows<{ rowid: number; id: string; json: string }>(this.db, 'SELECT rowid, id, json FROM events WHERE rowid >= ? AND rowid < ? ORDER BY rowid', [
      section * SECTION_ROWS,
      (section + 1) * SECTION_ROWS,
    ]);
    if (rows.length === 0) return undefined;
    const hash = createHash('sha256');
    for (const r of rows) hash.update(`${r.rowid}\u0000${r.id}\u0000${r.json}\n`);
    return { lines: rows.map((r) => ({ where: `event ${r.id.slice(0, 12)} in ${this.path}`, text: r.json })), hash: hash.digest('hex') };
  }

  async blobList(): Promise<Map<string, ListedBlob>> {
    // the file is in memory whole: the bytes themselves say whether each blob is genuine
    const out = new Map<string, ListedBlob>();
    const stmt = this.db.prepare('SELECT sha256, data FROM blobs');
    try {
      while (stmt.step()) {
        const [sha, data] = stmt.get() as [string, Uint8Array];
        const actual = data instanceof Uint8Array ? sha256Hex(data) : '';
        out.set(sha, { fp: actual, sha256: actual });
      }
    } finally {
      stmt.free();
    }
    return out;
  }

  async close(): Promise<void> {
    if (this.dirty) writeFileAtomic(this.path, this.db.export());
    this.dirty = false;
    this.db.close();
  }
}
