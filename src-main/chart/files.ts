/** The files of a chart for browsing: from a package (vetted) or a folder (as `helm package` would take them). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { BerthFailure } from '../../shared/result';
import type { ChartTreeFile } from '../../shared/types/chart';
import { readChartArchive, type ChartFile } from './archive';
import { ARCHIVE_LIMITS } from './limits';

const TEXT_LIMIT = 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function toTreeFile(f: ChartFile): ChartTreeFile {
  const out: ChartTreeFile = { path: f.path, size: f.data.length };
  if (f.data.length <= TEXT_LIMIT && !f.data.includes(0)) {
    try {
      out.text = utf8.decode(f.data);
    } catch {
      // binary: listed by size only
    }
  }
  return out;
}

export function archiveTree(pkg: Uint8Array): ChartTreeFile[] {
  return readChartArchive(pkg).files.map(toTreeFile);
}

/** A folder's regular files (links and special files are not followed), bounded by the archive limits. */
export function folderTree(dir: string): ChartTreeFile[] {
  const out: ChartTreeFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) {
        if (out.length >= ARCHIVE_LIMITS.maxEntries)
          throw new BerthFailure('chart.unsafe-archive', `${dir} holds more than ${ARCHIVE_LIMITS.maxEntries} files.`);
        const path = relative(dir, p).split(sep).join('/');
        out.push(st.size > ARCHIVE_LIMITS.maxFileBytes ? { path, size: st.size } : toTreeFile({ path, data: readFileSync(p) }));
      }
    }
  };
  walk(dir);
  return out;
}
