/**
 * Renders a chart for a real release (install, upgrade, preview) with Helm's engine: the
 * cluster's own capabilities, the release's revision and mode, and the raw template files
 * Helm's engine.Render returns (template path → text) for deploy to sort as Helm does.
 * Structurally the deploy domain's ChartRenderer; render/ does not import deploy/.
 */
import { BerthFailure } from '../../shared/result';
import type { ValueSources } from '../../shared/types/chart';
import { readChartArchive } from '../chart/archive';
import { valueRequest } from '../chart/lint';
import type { HelmEngine } from './engine';

export interface ReleaseRenderRequest {
  chart: Uint8Array;
  values: Record<string, unknown>;
  /** helm's -f files and --set* flags, merged over `values` by Helm's own code (values.go). */
  valueSources?: ValueSources;
  release: { name: string; namespace: string; revision: number; isInstall: boolean; isUpgrade: boolean };
  capabilities: { kubeVersion: string; kubeMajor?: string; kubeMinor?: string; apiVersions: string[] };
  /** helm upgrade --reuse-values / --reset-then-reuse-values: the upgraded revision's chart values and config. */
  carry?: { mode: 'reuse' | 'reset-then-reuse' | 'default'; chartValues: Record<string, unknown>; config: Record<string, unknown> };
}

export interface ReleaseRenderedFiles {
  files: Record<string, string>;
  /** With `carry`: the merged config. */
  values?: Record<string, unknown>;
  /** The release's config as Go's json.Marshal writes it (what helm stores). */
  configJson?: string;
  /** The chart's values as Helm stores them in the release (Helm's YAML reading, import-values, carried values). */
  chartValues?: Record<string, unknown> | null;
}

export function releaseRenderer(engine: () => HelmEngine): (request: ReleaseRenderRequest) => Promise<ReleaseRenderedFiles> {
  return async (request) => {
    readChartArchive(request.chart, { label: 'The chart package' });
    const reply = await engine().call(
      'render',
      {
        releaseName: request.release.name,
        namespace: request.release.namespace,
        revision: request.release.revision,
        isUpgrade: request.release.isUpgrade,
        kubeVersion: request.capabilities.kubeVersion,
        kubeMajor: request.capabilities.kubeMajor ?? '',
        kubeMinor: request.capabilities.kubeMinor ?? '',
        apiVersions: request.capabilities.apiVersions,
        valuesJson: JSON.stringify(request.values ?? {}),
        ...(request.valueSources ? { valueSources: valueRequest(request.valueSources) } : {}),
        ...(request.carry
          ? {
              carry: {
                mode: request.carry.mode,
                chartValuesJson: JSON.stringify(request.carry.chartValues ?? {}),
                configJson: JSON.stringify(request.carry.config ?? {}),
              },
            }
          : {}),
      },
      request.chart,
    );
    if (reply.error !== undefined) throw new BerthFailure('chart.render-failed', reply.error);
    const parsed = JSON.parse(new TextDecoder().decode(reply.stdout)) as ReleaseRenderedFiles;
    const out: ReleaseRenderedFiles = { files: parsed.files ?? {} };
    if (parsed.values) out.values = parsed.values;
    if (typeof parsed.configJson === 'string') out.configJson = parsed.configJson;
    if (parsed.chartValues !== undefined) out.chartValues = parsed.chartValues;
    return out;
  };
}

/** A crds/ file of the chart or of an enabled subchart (packed ones included), in Helm's order. */
export interface ReleaseCrdFile {
  /** Its path in its own chart, e.g. "crds/widget.yaml". */
  name: string;
  /** Its full path, e.g. "parent/charts/sub/crds/widget.yaml". */
  filename: string;
  data: string;
}

/**
 * The CRD files `helm install` creates before rendering: chrt.CRDObjects() after
 * ProcessDependencies, so subcharts disabled by their condition or tags are left out.
 */
export function releaseCrds(
  engine: () => HelmEngine,
): (request: { chart: Uint8Array; values: Record<string, unknown>; valueSources?: ValueSources }) => Promise<ReleaseCrdFile[]> {
  return async (request) => {
    const sources = request.valueSources ? { valueSources: valueRequest(request.valueSources) } : {};
    const reply = await engine().call('crds', { valuesJson: JSON.stringify(request.values ?? {}), ...sources }, request.chart);
    if (reply.error !== undefined) throw new BerthFailure('chart.render-failed', reply.error);
    return JSON.parse(new TextDecoder().decode(reply.stdout)) as ReleaseCrdFile[];
  };
}
