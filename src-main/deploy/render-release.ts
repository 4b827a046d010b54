/**
 * Turns a chart and values into what a release needs: Helm's manifest text (sorted for install),
 * the hooks and NOTES.txt. Rendering itself is the chart engine's job (Helm's engine compiled to
 * WebAssembly under src-main/render); deploy only asks for it through ChartRenderer.
 */
import type { ValueSources } from '../../shared/types/chart';
import { readChartArchive, type ChartArchive } from '../chart/archive';
import { helmChartFromArchive, markEnabledDependencies, type HelmChart, type Values } from './helm-chart';
import { joinManifests, sortManifests, type HelmHook, type Manifest } from './manifests';

export interface RenderRequest {
  /** The chart package (.tgz). */
  chart: Uint8Array;
  /** User-supplied values; the engine coalesces them over the chart's values.yaml and validates the schema. */
  values: Values;
  /** helm's -f files and --set* flags, merged over `values` by Helm's own code in the engine. */
  valueSources?: ValueSources;
  release: { name: string; namespace: string; revision: number; isInstall: boolean; isUpgrade: boolean };
  /** The target cluster's: its /version (major and minor as the server reports them) and Helm's API version set. */
  capabilities: { kubeVersion: string; kubeMajor?: string; kubeMinor?: string; apiVersions: string[] };
  /**
   * Upgrades that carry the upgraded revision's values over (helm upgrade --reuse-values,
   * --reset-then-reuse-values, or by default its config when no values are given), with that
   * revision's chart values and config.
   */
  carry?: { mode: 'reuse' | 'reset-then-reuse' | 'default'; chartValues: Values; config: Values };
}

export interface RenderedFiles {
  /** Template path (e.g. "emqx/templates/service.yaml") → rendered text, as Helm's engine.Render returns. */
  files: Record<string, string>;
  /** The top chart's NOTES.txt, when the renderer reports it apart from the files. */
  notes?: string;
  /** With `carry`: the release's config (the given values merged over the previous ones, as Helm merges them). */
  values?: Record<string, unknown>;
  /**
   * The release's config as JSON text exactly as helm stores it (Go's json.Marshal of the merged
   * values: an int64 from --set keeps every digit).
   */
  configJson?: string;
  /**
   * The chart's values as Helm stores them in the release (read as Helm reads YAML, after
   * import-values, and with `carry` mode "reuse" the previous revision's); when absent, deploy
   * keeps the values.yaml it read itself.
   */
  chartValues?: Record<string, unknown> | null;
}

export type ChartRenderer = (request: RenderRequest) => Promise<RenderedFiles>;

/** A crds/ file Helm would create before rendering (the chart's and its enabled subcharts'). */
export interface CrdFile {
  /** e.g. "parent/charts/sub/crds/widget.yaml" */
  filename: string;
  data: string;
}

/** Lists the chart's CRD files for the given values (subchart conditions and tags applied). */
export type CrdLister = (request: { chart: Uint8Array; values: Values; valueSources?: ValueSources }) => Promise<CrdFile[]>;

export interface RenderedRelease {
  archive: ChartArchive;
  /** The release's config: the values the engine merged (else the request's values). */
  values: Values;
  /** The same config as the JSON text helm stores, when the engine gave it. */
  configJson?: string;
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
  // the engine's JSON: already plain JSON values
  if (out.chartValues !== undefined) chart.values = out.chartValues as Values | null;
  const values = out.configJson !== undefined ? (JSON.parse(out.configJson) as Values) : ((out.values as Values | undefined) ?? request.values);
  markEnabledDependencies(chart, values);
  return {
    archive,
    chart,
    values,
    ...(out.configJson !== undefined ? { configJson: out.configJson } : {}),
    manifests,
    manifest: joinManifests(manifests),
    hooks,
    notes,
  };
}
