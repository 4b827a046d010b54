import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import type { AuditQuery, AuditRecord, EventOutcome, StoreApp } from '../../shared/types/catalog';
import { writeFileAtomic } from '../atomic-file';
import { FillOnUse } from './fill-on-use';
import { storeSearchText, toStoreApp } from './projection';
import { inTransaction, loadSqlJs, queryRows, queryValue, utf8, type Database, type SqlJsStatic, type Statement } from './sqlite';
import { appState, builtInCategory, chartKey, createState, DEFAULT_CATEGORY, type AppRecord, type CatalogState, type Head, type VersionRecord } from './state';
import { AUDIT_INDEXES, DATA_TABLES, DROP_AUDIT_INDEXES, SCHEMA_SQL, VIEW_SCHEMA } from './view-schema';

/** An audit record plus what the view needs to skip re-verifying; its time in milliseconds since 1970. */
export interface AuditRow extends Omit<AuditRecord, 'at'> {
  atMs: number;
  sigOk: boolean;
}

type Row = Record<string, string | number | null>;

/** The most SQLite's memory is grown by up front for a rebuild (its page cache alone is 64 MiB). */
const WORK_MEMORY_MAX = 192 * 1024 * 1024;

/** The settings of a view's connection. */
function tune(db: Database): Database {
  // the database lives in sql.js's in-memory file system and is saved whole (save()): a
  // rollback journal there only copies pages around; keep it in SQLite's own memory
  db.run('PRAGMA journal_mode = MEMORY');
  // a rebuild writes hundreds of MB: a larger page cache keeps index pages from being written back and forth
  db.run('PRAGMA cache_size = -65536');
  // sorting (building an index, ORDER BY) spills to temporary files: in sql.js's file system they
  // are JavaScript buffers grown step by step; SQLite's own memory is cheaper
  db.run('PRAGMA temp_store = MEMORY');
  return db;
}

/** The file beside the view that names the bytes last saved (`<size>:<crc32>`). */
const sealFile = (file: string) => `${file}.seal`;
const sealOf = (bytes: Uint8Array) => `${bytes.length}:${crc32(bytes)}`;

function writeSeal(file: string, bytes: Uint8Array): void {
  try {
    writeFileAtomic(sealFile(file), sealOf(bytes));
  } catch {
    // without a seal the next open runs SQLite's check again
  }
}

/**
 * The local view: a sql.js database materialised from the event log, saved atomically as
 * `<dataDir>/catalog/view.sqlite`. It is a cache: when it is missing, from an older Berth,
 * behind the log or unreadable, it is rebuilt from the log.
 */
export class LocalView {
  /** Statements asked many times (once per file during sync, once per app or version looked up); sql.js frees them when the view is saved. */
  private kept = new Map<string, Statement>();
  /** Maps of a loaded state not filled yet: filled before the rows they read are deleted. */
  private unfilled: FillOnUse<unknown, unknown>[] = [];
  /** Bumped whenever apps or the store's copy change; categoryCounts is kept until then. */
  private changes = 0;
  private counted?: { at: number; counts: Map<string, { all: number; active: number }> };

  /** Set while the in-memory file holds the room made for a rebuild (create): the first save gives it back. */
  private roomy?: SqlJsStatic;

  private constructor(public db: Database) {
    tune(db);
  }

  /**
   * A new, empty view. `room` (bytes) makes room for a rebuild up front, while the JavaScript heap
   * is still small. Its in-memory file: sql.js's file system grows a file 12.5 % at a time,
   * copying all of it each time (~8 times the final size in all). SQLite's memory (page cache,
   * sorting for the indexes): the WebAssembly memory grows step by step. Each growth makes V8
   * collect its whole heap, over a second each once 500,000 events are parsed. SQLite saves only
   * the pages it holds, and the first save gives the file's room back.
   */
  static async create(room = 0): Promise<LocalView> {
    const SQL = await loadSqlJs();
    let db = new SQL.Database();
    db.run(SCHEMA_SQL);
    if (room > 0) {
      const image = db.export();
      db.close();
      const file = new Uint8Array(Math.max(room, image.length));
      file.set(image);
      db = new SQL.Database(file);
      // SQLite allocates this much once and frees it: the WebAssembly memory keeps the size
      db.exec(`SELECT length(CAST(zeroblob(${Math.round(Math.min(room / 2, WORK_MEMORY_MAX))}) AS BLOB) || x'00')`);
    }
    const view = new LocalView(db);
    if (room > 0) view.roomy = SQL;
    view.setMeta('schema', VIEW_SCHEMA);
    return view;
  }

  /**
   * The saved view, or undefined when it is missing, unreadable or of another schema. The file
   * is read off the event loop (the bridge serves the page meanwhile). SQLite's quick check
   * runs unless the file is byte for byte the one this machine last saved from a sound view
   * (its seal: size and CRC-32, written after it): at 10,000 apps the check costs ~0.3 s.
   */
  static async open(file: string): Promise<LocalView | undefined> {
    if (!existsSync(file)) return undefined;
    const SQL = await loadSqlJs();
    try {
      const [bytes, seal] = await Promise.all([readFile(file), readFile(sealFile(file), 'utf8').catch(() => undefined)]);
      const sealed = seal !== undefined && seal === sealOf(bytes);
      const db = new SQL.Database(bytes);
      const view = new LocalView(db);
      if (view.meta('schema') !== VIEW_SCHEMA || (!sealed && queryValue(db, 'PRAGMA quick_check') !== 'ok')) {
        db.close();
        return undefined;
      }
      // found sound: the next open of these very bytes can skip the check
      if (!sealed) writeSeal(file, bytes);
      return view;
    } catch {
      return undefined;
    }
  }

  save(file: string): void {
    this.releaseStatements();
    // sql.js's export closes the database and opens it again: its settings are made anew
    const bytes = this.db.export();
    tune(this.db);
    writeFileAtomic(file, bytes);
    // after the view: a crash in between leaves an old seal, and the next open checks the file
    writeSeal(file, bytes);
    if (this.roomy) {
      // the room made for a rebuild stays in memory as long as the file does: open it anew at its size
      this.db.close();
      this.db = tune(new this.roomy.Database(bytes));
      this.roomy = undefined;
    }
  }

  close(): void {
    this.releaseStatements();
    this.db.close();
  }

  private releaseStatements(): void {
    for (const stmt of this.kept.values()) stmt.free();
    this.kept.clear();
  }

  /** The first column of the first row, by a statement kept for the next call. */
  private keptValue(sql: string, params: string[]): unknown {
    let stmt = this.kept.get(sql);
    if (!stmt) this.kept.set(sql, (stmt = this.db.prepare(sql)));
    try {
      stmt.bind(params);
      return stmt.step() ? stmt.get()[0] : undefined;
    } finally {
      stmt.reset();
    }
  }

  meta(key: string): string | undefined {
    const v = queryValue(this.db, 'SELECT value FROM meta WHERE key = ?', [key]);
    return typeof v === 'string' ? v : undefined;
  }

  setMeta(key: string, value: string): void {
    this.db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  /** Runs a bulk load with the audit indexes dropped, and builds them once at the end. */
  bulk(fn: () => void): void {
    this.db.run(DROP_AUDIT_INDEXES);
    // no rollback journal while the view is refilled from the log: it is in memory, a failure
    // leaves it to be rebuilt again, and the file is written whole and atomically (save())
    this.db.run('PRAGMA journal_mode = OFF');
    this.db.run('PRAGMA synchronous = OFF');
    try {
      fn();
    } finally {
      this.db.run(AUDIT_INDEXES);
      this.db.run('PRAGMA journal_mode = MEMORY');
      this.db.run('PRAGMA synchronous = FULL');
    }
  }

  clear(): void {
    // a state loaded earlier keeps what the view held when it was loaded
    for (const m of this.unfilled.splice(0)) m.materialize();
    this.changes++;
    inTransaction(this.db, () => {
      for (const t of DATA_TABLES) this.db.run(`DELETE FROM ${t}`);
    });
  }

  // ── state ──────────────────────────────────────────────────────────────────

  /**
   * The state the view holds. Apps, versions and chain heads (most of a large catalog) are
   * read the first time anything looks at them (fill-on-use.ts): the first list, the session
   * and the status do not.
   */
  loadState(catalogId: string): CatalogState {
    const state = createState(catalogId);
    state.name = this.meta('catalog_name');
    state.createdAt = this.meta('catalog_created_at');
    state.genesisApplied = this.meta('genesis_applied') === '1';
    state.infoReview = this.meta('info_review') === '1';
    const each = (sql: string, fn: (r: Row) => void) =>
      this.db.each(
        sql,
        (r) => fn(r as Row),
        () => undefined,
      );
    each('SELECT json FROM members', (r) => {
      const m = JSON.parse(String(r.json));
      state.members.set(m.key, m);
    });
    each('SELECT json FROM workspaces', (r) => {
      const w = JSON.parse(String(r.json));
      state.workspaces.set(w.id, w);
    });
    each('SELECT json FROM categories', (r) => {
      const c = JSON.parse(String(r.json));
      state.categories.set(c.id, c);
    });
    if (!state.categories.has(DEFAULT_CATEGORY)) state.categories.set(DEFAULT_CATEGORY, builtInCategory());
    const lazy = <K, V>(fill: (set: (key: K, value: V) => void) => void, one?: (key: K) => V | undefined) => {
      const map = new FillOnUse<K, V>(fill, one);
      this.unfilled.push(map as FillOnUse<unknown, unknown>);
      return map;
    };
    // one row by its key: applying a few events reads the few apps and versions they touch
    const row = <V>(sql: string, key: string) => {
      const json = this.keptValue(sql, [key]);
      return typeof json === 'string' ? (JSON.parse(json) as V) : undefined;
    };
    // a table of records kept as JSON by id: whole on first iteration, else a row at a time
    const records = <V extends { id: string }>(table: 'apps' | 'versions') =>
      lazy<string, V>(
        (set) =>
          each(`SELECT json FROM ${table}`, (r) => {
            const v = JSON.parse(String(r.json)) as V;
            set(v.id, v);
          }),
        (id) => row<V>(`SELECT json FROM ${table} WHERE id = ?`, id),
      );
    state.apps = records<AppRecord>('apps');
    state.appsByChart = lazy<string, string>((set) => {
      for (const a of state.apps.values()) if (!a.deleted) set(chartKey(a.workspace, a.chartName), a.id);
    });
    state.versions = records<VersionRecord>('versions');
    state.heads = lazy<string, Head>(
      (set) => each('SELECT chain, event, author FROM heads', (r) => set(String(r.chain), { event: String(r.event), author: String(r.author) })),
      (chain) => {
        const v = this.keptValue("SELECT event || ' ' || author FROM heads WHERE chain = ?", [chain]);
        if (typeof v !== 'string') return undefined;
        const [event, author] = v.split(' ');
        return { event, author };
      },
    );
    return state;
  }

  /** Writes what replay changed (or everything, after a rebuild), then forgets the dirty marks. */
  writeState(state: CatalogState, everything = false): void {
    const d = state.dirty;
    this.changes++;
    const pick = <T>(map: Map<string, T>, ids: Set<string>) => (everything ? [...map.keys()] : [...ids]).filter((id) => map.has(id));
    const upsert = (sql: string, rows: (string | number | Uint8Array | null)[][]) => {
      if (rows.length === 0) return;
      const stmt = this.db.prepare(sql);
      try {
        for (const r of rows) stmt.run(r);
      } finally {
        stmt.free();
      }
    };
    inTransaction(this.db, () => {
      if (everything || d.catalog) {
        this.setMeta('catalog_name', state.name ?? '');
        this.setMeta('catalog_created_at', state.createdAt ?? '');
        this.setMeta('genesis_applied', state.genesisApplied ? '1' : '0');
        this.setMeta('info_review', state.infoReview ? '1' : '0');
      }
      upsert(
        'INSERT OR REPLACE INTO members (key, json) VALUES (?, ?)',
        pick(state.members, d.members).map((k) => [k, JSON.stringify(state.members.get(k))]),
      );
      upsert(
        'INSERT OR REPLACE INTO workspaces (id, json) VALUES (?, ?)',
        pick(state.workspaces, d.workspaces).map((k) => [k, JSON.stringify(state.workspaces.get(k))]),
      );
      upsert(
        'INSERT OR REPLACE INTO categories (id, json) VALUES (?, ?)',
        pick(state.categories, d.categories).map((k) => [k, JSON.stringify(state.categories.get(k))]),
      );
      upsert(
        'INSERT OR REPLACE INTO versions (id, app_id, state, submitted_at, json) VALUES (?, ?, ?, ?, CAST(? AS TEXT))',
        pick(state.versions, d.versions).map((k) => {
          const v = state.versions.get(k)!;
          return [k, v.appId, v.state, v.submittedAt ?? null, utf8(JSON.stringify(v))];
        }),
      );
      const apps = pick(state.apps, d.apps).map((k) => {
        const a = state.apps.get(k)!;
        return { a, store: toStoreApp(state, a) };
      });
      upsert(
        'INSERT OR REPLACE INTO apps (id, workspace, chart_name, state, category, store_json, json) VALUES (?, ?, ?, ?, ?, CAST(? AS TEXT), CAST(? AS TEXT))',
        apps.map(({ a, store }) => [
          a.id,
          a.workspace,
          a.chartName,
          appState(state, a),
          a.info.category,
          store ? utf8(JSON.stringify(store)) : null,
          utf8(JSON.stringify(a)),
        ]),
      );
      upsert(
        'INSERT OR REPLACE INTO store_apps (id, chart_name, category, search) VALUES (?, ?, ?, ?)',
        apps.filter((x) => x.store).map(({ a, store }) => [a.id, a.chartName, store!.category, storeSearchText(store!)]),
      );
      upsert(
        'DELETE FROM store_apps WHERE id = ?',
        apps.filter((x) => !x.store).map(({ a }) => [a.id]),
      );
      upsert(
        'INSERT OR REPLACE INTO heads (chain, event, author) VALUES (?, ?, ?)',
        pick(state.heads, d.heads).map((k) => [k, state.heads.get(k)!.event, state.heads.get(k)!.author]),
      );
    });
    state.dirty = { apps: new Set(), versions: new Set(), categories: new Set(), members: new Set(), workspaces: new Set(), heads: new Set(), catalog: false };
  }

  appendAudit(rows: readonly AuditRow[]): void {
    if (rows.length === 0) return;
    inTransaction(this.db, () => {
      const stmt = this.db.prepare(
        `INSERT INTO audit (seq, event_id, at, action, author, author_name, role, app_id, app_name, version_id, version_name, from_state, to_state, message, detail_json, outcome, reason, superseded_by, superseded_author, superseded_name, sig_ok)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      try {
        for (const r of rows) {
          stmt.bind([
            r.seq,
            r.eventId,
            r.atMs,
            r.action,
            r.author,
            r.authorName,
            r.role ?? null,
            r.appId ?? null,
            r.appName ?? null,
            r.versionId ?? null,
            r.versionName ?? null,
            r.from ?? null,
            r.to ?? null,
            r.message ?? null,
            r.detail ? JSON.stringify(r.detail) : null,
            r.outcome,
            r.reason ?? null,
            r.supersededBy?.eventId ?? null,
            r.supersededBy?.author ?? null,
            r.supersededBy?.authorName ?? null,
            r.sigOk ? 1 : 0,
          ]);
          stmt.step();
        }
      } finally {
        stmt.free();
      }
    });
  }

  // ── what replay needs ──────────────────────────────────────────────────────

  eventCount(): number {
    return Number(queryValue(this.db, 'SELECT count(*) FROM audit') ?? 0);
  }

  lastEventBy(author: string): string | undefined {
    const v = queryValue(this.db, 'SELECT event_id FROM audit WHERE author = ? AND sig_ok = 1 ORDER BY seq DESC LIMIT 1', [author]);
    return typeof v === 'string' ? v : undefined;
  }

  /** How many events by this key the view holds. */
  authorEventCount(author: string): number {
    return Number(queryValue(this.db, 'SELECT count(*) FROM audit WHERE author = ?', [author]) ?? 0);
  }

  hasEvent(id: string): boolean {
    return queryValue(this.db, 'SELECT 1 FROM audit WHERE event_id = ?', [id]) !== undefined;
  }

  /** Asked once per file during sync, so the statement is kept. */
  eventStatus(id: string): 'ok' | 'bad' | undefined {
    const v = this.keptValue('SELECT sig_ok FROM audit WHERE event_id = ?', [id]);
    return v === undefined ? undefined : Number(v) === 1 ? 'ok' : 'bad';
  }

  allEventIds(): Set<string> {
    const out = new Set<string>();
    this.db.each(
      'SELECT event_id FROM audit',
      (r) => void out.add(String(r.event_id)),
      () => undefined,
    );
    return out;
  }

  // ── queries ────────────────────────────────────────────────────────────────

  storeApps(filter: { category?: string; search?: string; limit: number; offset: number }): { apps: StoreApp[]; total: number } {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.category) {
      where.push('category = ?');
      params.push(filter.category);
    }
    for (const word of (filter.search ?? '').toLowerCase().split(/\s+/).filter(Boolean)) {
      where.push("search LIKE ? ESCAPE '\\'");
      params.push(`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number(queryValue(this.db, `SELECT count(*) FROM store_apps ${clause}`, params) ?? 0);
    const ids = queryRows<{ id: string }>(this.db, `SELECT id FROM store_apps ${clause} ORDER BY chart_name, id LIMIT ? OFFSET ?`, [
      ...params,
      filter.limit,
      filter.offset,
    ]).map((r) => r.id);
    if (ids.length === 0) return { apps: [], total };
    const byId = new Map(
      queryRows<{ id: string; store_json: string }>(this.db, `SELECT id, store_json FROM apps WHERE id IN (${ids.map(() => '?').join(',')})`, ids).map((r) => [
        r.id,
        r.store_json,
      ]),
    );
    return { apps: ids.map((id) => JSON.parse(byId.get(id)!) as StoreApp), total };
  }

  /**
   * Apps per category: all live apps, and those in the store (two scans of every app: ~50-100 ms
   * at 10,000 apps on a loaded machine, asked by every store.list), kept until apps change.
   * Callers only read the map.
   */
  categoryCounts(): ReadonlyMap<string, { all: number; active: number }> {
    if (this.counted?.at !== this.changes) this.counted = { at: this.changes, counts: this.countCategories() };
    return this.counted.counts;
  }

  private countCategories(): Map<string, { all: number; active: number }> {
    const out = new Map<string, { all: number; active: number }>();
    const get = (id: string) => out.get(id) ?? out.set(id, { all: 0, active: 0 }).get(id)!;
    this.db.each(
      "SELECT category, count(*) AS n FROM apps WHERE state != 'deleted' GROUP BY category",
      (r) => void (get(String(r.category)).all = Number(r.n)),
      () => undefined,
    );
    this.db.each(
      'SELECT category, count(*) AS n FROM store_apps GROUP BY category',
      (r) => void (get(String(r.category)).active = Number(r.n)),
      () => undefined,
    );
    return out;
  }

  appIds(filter: { workspaces?: string[] }): string[] {
    if (filter.workspaces && filter.workspaces.length === 0) return [];
    const params = filter.workspaces ?? [];
    const clause = filter.workspaces ? `AND workspace IN (${params.map(() => '?').join(',')})` : '';
    return queryRows<{ id: string }>(this.db, `SELECT id FROM apps WHERE state != 'deleted' ${clause} ORDER BY chart_name, id`, params).map((r) => r.id);
  }

  submittedVersionIds(): string[] {
    return queryRows<{ id: string }>(this.db, "SELECT id FROM versions WHERE state = 'submitted' ORDER BY submitted_at, id").map((r) => r.id);
  }

  audit(q: AuditQuery): { records: AuditRecord[]; total: number } {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const add = (sql: string, v: string | number | undefined) => {
      if (v === undefined) return;
      where.push(sql);
      params.push(v);
    };
    add('app_id = ?', q.app);
    add('version_id = ?', q.version);
    add('author = ?', q.author);
    add('outcome = ?', q.outcome);
    const base = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // seq numbers the whole trail 1..N, so the unfiltered total needs no count over every row
    const total = Number(queryValue(this.db, where.length ? `SELECT count(*) FROM audit ${base}` : 'SELECT coalesce(max(seq), 0) FROM audit', params) ?? 0);
    const paged = q.beforeSeq !== undefined ? `${base ? `${base} AND` : 'WHERE'} seq < ?` : base;
    const limit = Math.max(1, Math.min(q.limit ?? 200, 5000));
    const rows = queryRows<Row>(this.db, `SELECT * FROM audit ${paged} ORDER BY seq DESC LIMIT ?`, [
      ...params,
      ...(q.beforeSeq !== undefined ? [q.beforeSeq] : []),
      limit,
    ]);
    return { records: rows.map(toAuditRecord), total };
  }

  conflicts(limit: number): AuditRecord[] {
    return queryRows<Row>(this.db, "SELECT * FROM audit WHERE outcome IN ('superseded', 'refused') ORDER BY seq DESC LIMIT ?", [limit]).map(toAuditRecord);
  }

  outcomeCounts(): Record<EventOutcome, number> {
    const out: Record<EventOutcome, number> = { applied: 0, refused: 0, superseded: 0, unknown: 0 };
    // seq numbers the whole trail 1..N: the rare outcomes are counted by index, the applied ones
    // are the rest (counting every row was ~0.1 s at 40,000 events, on every catalog.status)
    this.db.each(
      "SELECT outcome, count(*) AS n FROM audit WHERE outcome IN ('refused', 'superseded', 'unknown') GROUP BY outcome",
      (r) => void (out[r.outcome as EventOutcome] = Number(r.n)),
      () => undefined,
    );
    const total = Number(queryValue(this.db, 'SELECT coalesce(max(seq), 0) FROM audit') ?? 0);
    out.applied = total - out.refused - out.superseded - out.unknown;
    return out;
  }
}

function toAuditRecord(r: Row): AuditRecord {
  const rec: AuditRecord = {
    eventId: String(r.event_id),
    seq: Number(r.seq),
    at: new Date(Number(r.at)).toISOString(),
    action: String(r.action),
    author: String(r.author),
    authorName: String(r.author_name),
    outcome: r.outcome as EventOutcome,
  };
  const opt = <K extends keyof AuditRecord>(key: K, v: unknown) => {
    if (v !== null && v !== undefined) (rec as unknown as Record<string, unknown>)[key] = v;
  };
  opt('role', r.role);
  opt('appId', r.app_id);
  opt('appName', r.app_name);
  opt('versionId', r.version_id);
  opt('versionName', r.version_name);
  opt('from', r.from_state);
  opt('to', r.to_state);
  opt('message', r.message);
  if (r.detail_json) rec.detail = JSON.parse(String(r.detail_json));
  opt('reason', r.reason);
  if (r.superseded_by)
    rec.supersededBy = { eventId: String(r.superseded_by), author: String(r.superseded_author ?? ''), authorName: String(r.superseded_name ?? '') };
  return rec;
}
