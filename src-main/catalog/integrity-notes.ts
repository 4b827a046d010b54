import { readFileSync } from 'node:fs';
import type { IntegrityFinding } from '../../shared/types/catalog';
import { writeFileAtomic } from '../atomic-file';
import { logError, logInfo } from '../log';

/** Enough to tell what happened recently; older findings are in the log file. */
const KEEP = 500;

/**
 * The integrity findings of recent syncs (`<dataDir>/catalog/integrity.json`), newest
 * first, shown under `catalog conflicts` and in the admin's conflicts panel. A finding
 * seen again replaces its older copy, so a store that stays damaged is one line.
 */
export class IntegrityNotes {
  constructor(readonly file: string) {}

  list(): IntegrityFinding[] {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      return Array.isArray(parsed) ? (parsed as IntegrityFinding[]) : [];
    } catch {
      return [];
    }
  }

  add(findings: readonly IntegrityFinding[]): void {
    if (findings.length === 0) return;
    const key = (f: IntegrityFinding) => `${f.kind}|${f.where}|${f.eventId ?? ''}`;
    const fresh = new Set(findings.map(key));
    const kept = [...findings, ...this.list().filter((f) => !fresh.has(key(f)))].slice(0, KEEP);
    for (const f of findings) logInfo(`catalog integrity: ${f.kind} ${f.where}: ${f.message}`);
    try {
      writeFileAtomic(this.file, JSON.stringify(kept));
    } catch (e) {
      // a full data dir must not fail the sync that found the problem; the log file has it
      logError('catalog integrity', e);
    }
  }
}
