/**
 * Turns a chart and values into what a release needs: Helm's manifest text (sorted for install),
 * the hooks and NOTES.txt. Rendering itself is the chart engine's job (Helm's engine compiled to
 * WebAssembly under src-main/render); deploy only asks for it through ChartRenderer.
 */
import { readChartArchive, type ChartArchive } from '../chart/archive';
import { helmChartFromArchive, type HelmChart, type Values } from './helm-chart';
import { joinManifests, sortManifests, type HelmHook, type Manifest } from './manifests';

export interface RenderRequest {
  /** The chart package (.tgz). */
  chart: Uint8Array;
  /** User-supplied values; the engine coalesces them over the chart's values.yaml and validates the schema. */
  values: Values;
  release: { name: string; namespace: string; revision: number; isInstall: boolean; isUpgrade: boolean };
  /** The target cluster's: its /version (major and minor as the server reports them) and Helm's API version set. */
  capabilities: { kubeVersion: string; kubeMajor?: string; kubeMinor?: string; apiVersions: string[] };
}

export interface RenderedFiles {
  /** Template path (e.g. "emqx/templates/service.yaml") → rendered text, as Helm's engine.Render returns. */
  files: Record<string, string>;
  /** The top chart's NOTES.txt, when the renderer reports it apart from the files. */
  notes?: string;
}

export type ChartRenderer = (request: RenderRequest) => Promise<RenderedFiles>;

/** A crds/ file Helm would create before rendering (the chart's and its enabled subcharts'). */
export interface CrdFile {
  /** e.g. "parent/charts/sub/crds/widget.yaml" */
  filename: string;
  data: string;
}

/** Lists the chart's CRD files for the given values (subchart conditions and tags applied). */
export type CrdLister = (request: { chart: Uint8Array; values: Values }) => Promise<CrdFile[]>;

export interface RenderedRelease {
  archive: ChartArchive;
  chart: HelmChart;
  manifests: Manifest[];
  manifest: string;
  hooks: HelmHook[];
  notes: string;
}

export async function renderRelease(renderer: ChartRenderer, request: RenderRequest): Promise<RenderedRelease> {
  const archive = readChartArchive(request.chart, { label: 'The chart package' });
  const chart = helmChartFromArchive(archive);
  const out = await renderer(request);
  const files = { ...out.files };
  const chartName = String(chart.metadata.name ?? archive.baseDir);
  // Helm keeps only the top chart's NOTES.txt (without --render-subchart-notes) and drops the rest.
  let notes = out.notes ?? '';
  for (const path of Object.keys(files)) {
    if (!path.endsWith('NOTES.txt')) continue;
    if (path === `${chartName}/templates/NOTES.txt`) notes = files[path];
    delete files[path];
  }
  const { hooks, manifests } = sortManifests(files);
  return { archive, chart, manifests, manifest: joinManifests(manifests), hooks, notes };
}
