/** A small RAM disk for the fault tests: fill it and every write fails with ENOSPC, for real. */
import { execFileSync } from 'node:child_process';
import { closeSync, fstatSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Tmpfs {
  dir: string;
  /** Writes a filler file until the disk is full, leaving `leave` bytes unallocated at most. */
  fill(leave?: number): void;
  /** Removes the filler. */
  free(): void;
  unmount(): void;
}

/** Mounts a tmpfs of `size` (e.g. '2m'); a string says why it cannot (not root, no mount). */
export function mountTmpfs(size: string): Tmpfs | string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return `mounting a tmpfs needs root (mount said: ${String((e as { stderr?: Buffer }).stderr ?? e).trim()})`;
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    fill(leave = 0) {
      const fd = openSync(filler, 'a');
      try {
        for (const chunk of [65536, 4096, 512, 64, 1]) {
          const buf = Buffer.alloc(chunk, 1);
          for (;;) {
            try {
              writeSync(fd, buf);
            } catch {
              break;
            }
          }
        }
      } finally {
        closeSync(fd);
      }
      if (leave > 0) {
        // give back whole pages: tmpfs allocates page by page
        const fd2 = openSync(filler, 'r+');
        try {
          ftruncateSync(fd2, Math.max(0, fstatSync(fd2).size - leave));
        } finally {
          closeSync(fd2);
        }
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
