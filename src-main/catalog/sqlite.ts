import { createRequire } from 'node:module';
import { join } from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic, type Statement } from 'sql.js';

let loading: Promise<SqlJsStatic> | undefined;

/** sql.js, with its wasm loaded from its own package folder (it stays external to the bundle). */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs({ locateFile: () => wasmPath() });
  return loading;
}

function wasmPath(): string {
  const req = typeof require === 'function' ? require : createRequire(join(process.cwd(), 'package.json'));
  return req.resolve('sql.js/dist/sql-wasm.wasm');
}

export type { Database, SqlJsStatic, Statement };

/**
 * A long text bound as its UTF-8 bytes, where the statement reads it as `CAST(? AS TEXT)`: sql.js
 * encodes a bound string in JavaScript a character at a time (after measuring it the same way),
 * Buffer.from encodes it natively and sql.js copies the bytes in at once. Short texts gain nothing.
 */
export function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

/** Runs `fn` in one transaction: all of it lands, or none of it. */
export function inTransaction<T>(db: Database, fn: () => T): T {
  db.run('BEGIN');
  try {
    const out = fn();
    db.run('COMMIT');
    return out;
  } catch (e) {
    db.run('ROLLBACK');
    throw e;
  }
}

export function queryRows<T = Record<string, unknown>>(db: Database, sql: string, params: (string | number | null)[] = []): T[] {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    const rows: T[] = [];
    while (stmt.step()) rows.push(stmt.getAsObject() as T);
    return rows;
  } finally {
    stmt.free();
  }
}

export function queryValue(db: Database, sql: string, params: (string | number | null)[] = []): unknown {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    return stmt.step() ? stmt.get()[0] : undefined;
  } finally {
    stmt.free();
  }
}
