import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file';
import { parseSignedEvent } from './event-parse';
import type { SignedEvent } from './event-types';

/**
 * Events made or imported here that the connected store has not received yet
 * (`<dataDir>/catalog/outbox/<event id>.json`). Work done offline waits here for the next sync.
 */
export class Outbox {
  constructor(readonly dir: string) {}

  add(events: readonly SignedEvent[]): void {
    for (const e of events) writeFileAtomic(join(this.dir, `${e.id}.json`), JSON.stringify(e));
  }

  list(): SignedEvent[] {
    const out: SignedEvent[] = [];
    for (const name of this.names()) {
      try {
        const parsed = parseSignedEvent(readFileSync(join(this.dir, name), 'utf8'));
        if (typeof parsed !== 'string') out.push(parsed);
      } catch {
        // removed by a concurrent sync in another Berth process
      }
    }
    return out;
  }

  has(id: string): boolean {
    return existsSync(join(this.dir, `${id}.json`));
  }

  size(): number {
    return this.names().length;
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) rmSync(join(this.dir, `${id}.json`), { force: true });
  }

  private names(): string[] {
    mkdirSync(this.dir, { recursive: true });
    return readdirSync(this.dir).filter((n) => /^[0-9a-f]{64}\.json$/.test(n));
  }
}
