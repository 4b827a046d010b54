/** reviewChart: the reviewer's checks on a package, rendering it with its defaults through Helm's engine. */
import type { ChartReview } from '../../shared/types/chart';
import type { HelmEngine } from '../render/engine';
import { renderChart } from '../render/render';
import { readChartArchive } from '../chart/archive';
import { readMetadataFromArchive } from '../chart/inspect';
import { DEFAULT_REVIEW_KUBE_VERSION, reviewFrom } from './checks';

export async function reviewChart(pkg: Uint8Array, options: { kubeVersion?: string } = {}, engine: HelmEngine): Promise<ChartReview> {
  const archive = readChartArchive(pkg);
  const md = readMetadataFromArchive(archive);
  const kubeVersion = options.kubeVersion ?? DEFAULT_REVIEW_KUBE_VERSION;
  const render = await renderChart({ archive: pkg }, { releaseName: md.name, namespace: 'default', kubeVersion }, engine).catch((e: unknown) =>
    e instanceof Error ? e : new Error(String(e)),
  );
  return reviewFrom(archive, md, render, kubeVersion);
}
