/**
 * Vets a chart on disk before Helm's loader reads it: a .tgz goes through the archive safety
 * layer; in a folder, every packaged subchart under charts/ does.
 */
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { checkArchiveSize, isGzip, readChartArchive, type ChartArchive } from './archive';
import { ARCHIVE_LIMITS } from './limits';

export interface VettedPackage {
  /** The file's bytes, so callers need not read it again. */
  bytes: Uint8Array;
  archive: ChartArchive;
}

/** Returns the vetted package when `path` is a gzipped file, undefined for folders and other files. */
export function vetChartPath(path: string): VettedPackage | undefined {
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    return undefined; // Helm reports missing paths in its own words
  }
  if (st.isFile()) {
    checkArchiveSize(st.size, path);
    const bytes = readFileSync(path);
    return isGzip(bytes) ? { bytes, archive: readChartArchive(bytes, { label: path }) } : undefined;
  }
  if (st.isDirectory()) vetSubchartArchives(path, 0);
  return undefined;
}

function vetSubchartArchives(dir: string, depth: number): void {
  const charts = join(dir, 'charts');
  let entries: string[];
  try {
    entries = readdirSync(charts);
  } catch {
    return;
  }
  for (const name of entries) {
    const p = join(charts, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isFile() && name.endsWith('.tgz')) vetChartPath(p);
    else if (st.isDirectory() && depth < ARCHIVE_LIMITS.maxNestingDepth) vetSubchartArchives(p, depth + 1);
  }
}
