/**
 * `helm package`: a chart folder → <name>-<version>.tgz, written by Helm's own chartutil.Save
 * (same entries, paths and contents; .helmignore honoured; charts/ included).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, normalize, sep } from 'node:path';
import { BerthFailure } from '../../shared/result';
import type { HelmEngine } from '../render/engine';
import { vetChartPath } from './source';
import { withTempDir } from './temp-dir';

export interface PackageOptions {
  /** Folder to write into; defaults to the current directory, as with helm. */
  destination?: string;
  version?: string;
  appVersion?: string;
}

export interface PackageResult {
  /** Absolute path of the written archive. */
  path: string;
  /** What helm prints: "Successfully packaged chart and saved it to: …". */
  output: string;
}

export async function packageChart(dir: string, options: PackageOptions = {}, engine: HelmEngine): Promise<PackageResult> {
  vetChartPath(dir);
  const reply = await engine.call('package', {
    paths: [dir],
    destination: options.destination ?? '.',
    version: options.version ?? '',
    appVersion: options.appVersion ?? '',
  });
  if (reply.error !== undefined) throw new BerthFailure('chart.invalid', reply.error);
  return { path: reply.path ?? '', output: new TextDecoder().decode(reply.stdout) };
}

/** `helm package` of a folder into memory: packaged in a private temp folder, which is then removed. */
export async function packageChartBytes(
  dir: string,
  options: Omit<PackageOptions, 'destination'> = {},
  engine: HelmEngine,
): Promise<{ fileName: string; archive: Uint8Array }> {
  return withTempDir('package', async (out) => {
    const result = await packageChart(dir, { ...options, destination: out }, engine);
    return { fileName: basename(result.path), archive: readFileSync(result.path) };
  });
}

/**
 * Packages a chart folder given as files (a folder picked in the browser has files but no
 * path on disk): they are written to a private temp folder — every path checked to stay
 * inside it — and packaged from there by Helm's own `helm package`.
 */
export async function packagePickedFolder(files: { path: string; data: Uint8Array }[], engine: HelmEngine): Promise<{ fileName: string; archive: Uint8Array }> {
  return withTempDir('folder', async (work) => {
    const root = join(work, 'src');
    const tops = new Set<string>();
    for (const f of files) {
      const rel = normalize(f.path).replace(/^[/\\]+/, '');
      const target = join(root, rel);
      if (f.path.includes('\0') || !target.startsWith(root + sep) || rel.split(/[/\\]/).includes('..')) {
        throw new BerthFailure('input.invalid', `“${f.path}” is not a path inside the chosen folder.`);
      }
      tops.add(rel.split(/[/\\]/)[0]);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.data);
    }
    if (tops.size !== 1) throw new BerthFailure('input.invalid', 'Choose one chart folder (the folder that holds Chart.yaml).');
    try {
      return await packageChartBytes(join(root, [...tops][0]), {}, engine);
    } catch (e) {
      // the person chose a folder in their browser: name files as they know them, never the private temp folder
      if (e instanceof BerthFailure)
        throw new BerthFailure(
          e.code,
          e.message
            .split(root + sep)
            .join('')
            .split(work)
            .join('the chosen folder'),
          e.detail,
        );
      throw e;
    }
  });
}
