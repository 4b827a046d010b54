/**
 * `helm package`: a chart folder → <name>-<version>.tgz, written by Helm's own chartutil.Save
 * (same entries, paths and contents; .helmignore honoured; charts/ included).
 */
import { BerthFailure } from '../../shared/result';
import { sharedEngine, type HelmEngine } from '../render/engine';
import { vetChartPath } from './source';

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

export async function packageChart(dir: string, options: PackageOptions = {}, engine: HelmEngine = sharedEngine()): Promise<PackageResult> {
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

/**
 * Packages a folder given as files (the UI's folder picker): they are written to a private temp
 * folder — every path checked to stay inside it — and packaged from there.
 */
export async function packageChartFiles(
  files: { path: string; data: Uint8Array }[],
  options: Omit<PackageOptions, 'destination'> = {},
  engine: HelmEngine = sharedEngine(),
): Promise<{ fileName: string; archive: Uint8Array }> {
  const { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { basename, dirname, join, resolve, sep } = await import('node:path');
  const work = mkdtempSync(join(tmpdir(), 'berth-package-'));
  try {
    const src = join(work, 'chart');
    const out = join(work, 'out');
    mkdirSync(out);
    for (const f of files) {
      const target = resolve(src, f.path);
      if (f.path.includes('\0') || !target.startsWith(src + sep)) throw new BerthFailure('chart.unsafe-archive', `The folder holds a path outside itself: ${JSON.stringify(f.path)}.`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.data);
    }
    const result = await packageChart(src, { ...options, destination: out }, engine);
    return { fileName: basename(result.path), archive: readFileSync(result.path) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
