import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { refusal } from '../sentences';

/** How long a command waits for another Berth process on the same data dir before saying so. */
const WAIT_MS = 30_000;
/** A lock file still empty after this long was left by a process killed while taking it. */
const EMPTY_STALE_MS = 10_000;

/**
 * One writer per data dir: Berth processes (the window, `berth` commands, `serve`) that
 * share a data dir take turns appending to its log, so each new event is stamped after
 * everything the others wrote. The lock is a file naming the holder's pid, created with
 * O_EXCL; a holder killed with -9 leaves it behind, and the next writer sees that pid is
 * gone and takes over.
 */
export class WriterLock {
  private depth = 0;

  constructor(readonly file: string) {}

  async hold<T>(fn: () => Promise<T>): Promise<T> {
    // re-entrant within this process: the catalog's own queue already runs one change at a time
    if (this.depth > 0) return fn();
    await this.acquire();
    this.depth++;
    try {
      return await fn();
    } finally {
      this.depth--;
      rmSync(this.file, { force: true });
    }
  }

  private async acquire(): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    let delay = 2;
    for (;;) {
      if (this.tryCreate()) return;
      if (this.isStale()) {
        rmSync(this.file, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw refusal('catalog.in-use', 'store.writerBusy', { pid: this.holder() ?? '?', seconds: WAIT_MS / 1000 });
      }
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
      delay = Math.min(delay * 2, 100);
    }
  }

  private tryCreate(): boolean {
    let fd: number;
    try {
      fd = openSync(this.file, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
    try {
      writeSync(fd, String(process.pid));
    } catch (e) {
      closeSync(fd);
      rmSync(this.file, { force: true });
      throw e;
    }
    closeSync(fd);
    return true;
  }

  private holder(): number | undefined {
    try {
      const pid = Number(readFileSync(this.file, 'utf8'));
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  private isStale(): boolean {
    const pid = this.holder();
    if (pid === undefined) {
      try {
        return Date.now() - statSync(this.file).mtimeMs > EMPTY_STALE_MS;
      } catch {
        return false; // released meanwhile; the next try takes it
      }
    }
    if (pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
}
