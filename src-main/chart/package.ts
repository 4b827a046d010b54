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
