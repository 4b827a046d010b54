import { closeSync, existsSync, ftruncateSync, fstatSync, mkdirSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseSignedEvent } from './event-parse';
import type { SignedEvent } from './event-types';

const CHUNK = 8 * 1024 * 1024;

export interface LogRead {
  events: SignedEvent[];
  /** Byte offset just past the last complete line read. */
  end: number;
  skipped: number;
}

/** One line of the log: where it ends, and its event unless it is blank or does not parse. */
interface LogLine {
  end: number;
  event?: SignedEvent;
  /** The line as written (with its event). */
  text?: string;
  unreadable?: boolean;
}

function take(out: LogRead, line: LogLine, onEvent?: (e: SignedEvent) => void, texts?: string[]): void {
  out.end = line.end;
  if (line.unreadable) out.skipped++;
  else if (line.event && onEvent) onEvent(line.event);
  else if (line.event) {
    out.events.push(line.event);
    texts?.push(line.text!);
  }
}

/**
 * This machine's copy of every event it knows, one JSON line each, append-only
 * (`<dataDir>/catalog/log.jsonl`). The local view is rebuilt from it; a torn last line
 * (a crash mid-append) is ignored until it is complete.
 */
export class EventLog {
  constructor(readonly file: string) {}

  size(): number {
    return existsSync(this.file) ? statSync(this.file).size : 0;
  }

  append(events: readonly SignedEvent[]): void {
    if (events.length === 0) return;
    mkdirSync(dirname(this.file), { recursive: true });
    let text = '';
    for (const e of events) text += JSON.stringify(e) + '\n';
    const fd = openSync(this.file, 'a+');
    try {
      const before = fstatSync(fd).size;
      // a process killed mid-append leaves a torn last line: start on a fresh line so only it is lost
      const last = Buffer.alloc(1);
      if (before > 0 && readSync(fd, last, 0, 1, before - 1) === 1 && last[0] !== 10) text = '\n' + text;
      const bytes = Buffer.from(text, 'utf8');
      try {
        for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
      } catch (e) {
        // a full disk can leave part of a line: cut it off, or the next append would fuse with it
        try {
          ftruncateSync(fd, before);
        } catch {
          // the torn line stays; readers skip a line that does not parse
        }
        throw e;
      }
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Reads complete lines from `offset` on, streaming so large logs never become one string.
   * With `texts`, each returned event's line is kept there too (same index).
   */
  read(offset = 0, onEvent?: (e: SignedEvent) => void, maxLines = Infinity, texts?: string[]): LogRead {
    const out: LogRead = { events: [], end: offset, skipped: 0 };
    for (const line of this.lines(offset, maxLines)) take(out, line, onEvent, texts);
    return out;
  }

  /**
   * `read` with an event per call of `onEvent`, handing the event loop back every few
   * milliseconds (`pause`, event-loop.ts): a sync reads the whole log without holding up the
   * bridge meanwhile.
   */
  async readEach(offset: number, onEvent: (e: SignedEvent) => void, pause: () => Promise<void> | undefined): Promise<LogRead> {
    const out: LogRead = { events: [], end: offset, skipped: 0 };
    for (const line of this.lines(offset, Infinity)) {
      take(out, line, onEvent);
      await pause();
    }
    return out;
  }

  /** Each complete line from `offset` on: its event (or that it does not parse) and where it ends. */
  private *lines(offset: number, maxLines: number): Generator<LogLine> {
    if (!existsSync(this.file)) return;
    const fd = openSync(this.file, 'r');
    try {
      const buf = Buffer.alloc(CHUNK);
      let carry = Buffer.alloc(0);
      let pos = offset;
      let end = offset;
      let lines = 0;
      for (;;) {
        const n = readSync(fd, buf, 0, CHUNK, pos);
        if (n === 0) break;
        pos += n;
        const data = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
        let start = 0;
        for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
          if (lines++ >= maxLines) break;
          const line = data.toString('utf8', start, nl);
          end += nl - start + 1;
          start = nl + 1;
          if (!line.trim()) {
            yield { end };
            continue;
          }
          const parsed = parseSignedEvent(line);
          yield typeof parsed === 'string' ? { end, unreadable: true } : { end, event: parsed, text: line };
        }
        if (lines > maxLines) break;
        carry = Buffer.from(data.subarray(start));
      }
    } finally {
      closeSync(fd);
    }
  }
}
