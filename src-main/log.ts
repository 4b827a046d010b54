import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

let logFile: string | undefined;

/** Stack traces go to this file, never to the screen. */
export function setLogDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  logFile = join(dir, 'berth.log');
}

export function logError(context: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const line = `${new Date().toISOString()} ERROR ${context}: ${detail}\n`;
  if (logFile) {
    try {
      appendFileSync(logFile, line);
      return;
    } catch {
      // fall through to stderr when the log folder is unwritable
    }
  }
  if (process.env.BERTH_DEBUG) process.stderr.write(line);
}

export function logInfo(message: string): void {
  if (!logFile) return;
  try {
    appendFileSync(logFile, `${new Date().toISOString()} INFO ${message}\n`);
  } catch {
    // logging must never break a call
  }
}
