/**
 * renderChart: `helm template`, computed by Helm's own engine, as a typed call used by deploy,
 * review and the CLI. Output is byte for byte what helm v4.1.4 prints; failures carry Helm's message.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { BerthFailure } from '../../shared/result';
import type { RenderOptions, RenderResult } from '../../shared/types/chart';
import { readChartArchive } from '../chart/archive';
import { valueRequest } from '../chart/lint';
import { vetChartPath } from '../chart/source';
import type { HelmEngine } from './engine';
import { splitManifests } from './manifests';

/** A chart as the engine reads it, after ChartService resolved the caller's ChartSource: a path on disk or vetted bytes. */
export type ResolvedChart = { path: string } | { archive: Uint8Array };

/** The request the Go side's template operation reads (src-main/render/engine/template.go). */
export function templateRequest(chartLabel: string, o: RenderOptions): object {
  return {
    args: o.releaseName === undefined ? [chartLabel] : [o.releaseName, chartLabel],
    namespace: o.namespace ?? 'default',
    ...valueRequest(o),
    kubeVersion: o.kubeVersion ?? '',
    // helm's --api-versions is a string slice: each value may hold a comma-separated list
    apiVersions: (o.apiVersions ?? []).flatMap((a) => a.split(',')).filter((a) => a !== ''),
    includeCrds: o.includeCrds === true,
    skipTests: o.skipTests === true,
    disableHooks: o.noHooks === true,
    isUpgrade: o.isUpgrade === true,
    skipSchemaValidation: o.skipSchemaValidation === true,
    showOnly: o.showOnly ?? [],
  };
}

export function warningsOf(stderr: string | undefined): string[] {
  return (stderr ?? '').split('\n').filter((l) => l.trim() !== '');
}

const decoder = new TextDecoder();

/** Digests of packages on disk vetted before: the same bytes are not expanded and vetted again. */
const vettedDigests = new Set<string>();

/**
 * A package on disk as vetted bytes for Helm's loader (undefined for a folder, or a file Helm
 * reports on in its own words). The app renders the same package again and again: bytes vetted
 * once (sha256) are not expanded again in JavaScript on every render.
 */
function vettedPackageBytes(path: string): Uint8Array | undefined {
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) return vetChartPath(path)?.bytes;
    bytes = readFileSync(path);
  } catch {
    return vetChartPath(path)?.bytes;
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (vettedDigests.has(digest)) return bytes;
  const vetted = vetChartPath(path);
  if (vetted !== undefined) {
    if (vettedDigests.size >= 64) vettedDigests.delete(vettedDigests.values().next().value as string);
    vettedDigests.add(createHash('sha256').update(vetted.bytes).digest('hex'));
  }
  return vetted?.bytes;
}

export async function renderChart(source: ResolvedChart, options: RenderOptions = {}, engine: HelmEngine): Promise<RenderResult> {
  let blob: Uint8Array | undefined;
  let label: string;
  // the chart a stopped engine's sentence names: the package's own folder (its chart name), not a
  // temp file name; worked out only if the engine is stopped (expanding the package costs ~25 ms on a large chart)
  let named: (() => string) | undefined;
  if ('archive' in source) {
    const archive = source.archive;
    named = () => `“${readChartArchive(archive).baseDir}”`;
    blob = archive;
    label = 'chart.tgz';
  } else {
    // a vetted package goes to Helm's loader as bytes: the same LoadArchive, without reading it twice
    blob = vettedPackageBytes(source.path);
    label = source.path;
  }
  const reply = await engine.call('template', templateRequest(label, options), blob, named);
  if (reply.error !== undefined) {
    throw new BerthFailure('chart.render-failed', reply.error);
  }
  const output = decoder.decode(reply.stdout);
  return { output, notes: reply.notes ?? '', manifests: splitManifests(output), warnings: warningsOf(reply.stderr) };
}
