/**
 * Helm's lint and package read and write files on disk, while Berth mostly holds charts as
 * bytes; these give such a call a private temp folder (mkdtemp: mode 0700, a fresh random
 * name) and remove it afterwards, whether the call succeeded or not.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function withTempDir<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `berth-${prefix}-`));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Package bytes as a `.tgz` file for the length of `work`, as `helm lint` reads archives only from disk. */
export function withPackageFile<T>(pkg: Uint8Array, work: (path: string) => Promise<T>): Promise<T> {
  return withTempDir('chart', (dir) => {
    const file = join(dir, 'chart.tgz');
    writeFileSync(file, pkg);
    return work(file);
  });
}
