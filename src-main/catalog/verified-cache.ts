/**
 * Which events this data dir has already verified (id matches the canonical body, signature
 * holds), so a rebuild of the local view — lost, corrupt or from an older Berth — does not
 * check 500,000 Ed25519 signatures again. `<dataDir>/catalog/verified.bin` holds one 16-byte
 * key per event: the first half of the sha256 of the whole event as JSON (id, signature and
 * body), so a copy that differs in any byte is not covered and is checked in full.
 *
 * It lives beside the log and the view and is trusted like them: whoever can write the data
 * dir can also replace the private key. Losing it only costs time (everything is verified
 * again and the file written anew); a torn tail (a crash mid-append) is ignored.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import type { SignedEvent } from './event-types';
import { logError } from '../log';

export const KEY_BYTES = 16;

export function verifiedKey(e: SignedEvent): string {
  return createHash('sha256').update(JSON.stringify({ id: e.id, sig: e.sig, body: e.body })).digest().subarray(0, KEY_BYTES).toString('latin1');
}

export class VerifiedCache {
  private keys?: Set<string>;

  constructor(readonly file: string) {}

  private load(): Set<string> {
    if (this.keys) return this.keys;
    const keys = new Set<string>();
    if (existsSync(this.file)) {
      try {
        const text = readFileSync(this.file).toString('latin1');
        const whole = text.length - (text.length % KEY_BYTES);
        for (let i = 0; i < whole; i += KEY_BYTES) keys.add(text.slice(i, i + KEY_BYTES));
      } catch (e) {
        logError('verified cache', e);
      }
    }
    this.keys = keys;
    return keys;
  }

  /** How many events it holds. */
  size(): number {
    return this.load().size;
  }

  has(e: SignedEvent): boolean {
    return this.load().has(verifiedKey(e));
  }

  hasKey(key: string): boolean {
    return this.load().has(key);
  }

  /** Records events that just verified; a failure to write only costs a later re-check. */
  add(events: readonly SignedEvent[]): void {
    this.addKeys(events.map(verifiedKey));
  }

  addKeys(keys: readonly string[]): void {
    const known = this.load();
    const fresh = keys.filter((k) => !known.has(k));
    if (fresh.length === 0) return;
    for (const k of fresh) known.add(k);
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const size = existsSync(this.file) ? readSizeMultiple(this.file) : 0;
      if (size < 0) rmSync(this.file, { force: true }); // a torn tail: start the file over with everything known
      appendFileSync(this.file, Buffer.from((size < 0 ? [...known] : fresh).join(''), 'latin1'));
    } catch (e) {
      logError('verified cache', e);
    }
  }
}

/** The file's size, or -1 when it does not hold whole keys (a crash mid-append). */
function readSizeMultiple(file: string): number {
  const n = statSync(file).size;
  return n % KEY_BYTES === 0 ? n : -1;
}
