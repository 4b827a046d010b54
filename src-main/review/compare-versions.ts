/**
 * Any two versions of an app side by side: Chart.yaml, the default values (structurally and
 * as text), every other file, the manifests both render for the same values, and their
 * pre-submission reports.
 */
import type { JsonObject } from '../../shared/types/values';
import type { ComparedVersion, ReportView, VersionComparison } from '../../shared/types/review-tools';
import type { RenderPort } from './build-report';
import { chartValues } from '../values/coalesce';
import { diffValues } from '../values/diff';
import type { LoadedChart } from './chart-source';
import { compareFile, compareFiles, type FileContent } from './compare-files';

function described(c: LoadedChart): ComparedVersion {
  const out: ComparedVersion = { chart: { name: c.values.name, version: c.values.version }, packageSha256: c.sha256 };
  if (c.version) {
    out.version = c.version.id;
    out.versionName = c.version.name;
  }
  return out;
}

function filesOf(c: LoadedChart): Map<string, FileContent> {
  return new Map(c.archive.files.filter((f) => f.path !== 'Chart.yaml' && f.path !== 'values.yaml').map((f) => [f.path, f.data]));
}

function fileText(c: LoadedChart, path: string): FileContent | undefined {
  return c.archive.files.find((f) => f.path === path)?.data;
}

async function renderFor(render: RenderPort, c: LoadedChart, values: JsonObject, kubeVersion: string): Promise<Map<string, FileContent>> {
  const files = await render({ chart: c.bytes, values, kubeVersion });
  // Template paths start with the chart name; compare by the path inside the chart so a renamed chart still lines up.
  return new Map(Object.entries(files).map(([path, text]) => [path.slice(path.indexOf('/') + 1), text]));
}

export async function compareVersions(
  a: LoadedChart,
  b: LoadedChart,
  options: { values?: JsonObject; kubeVersion?: string; render?: RenderPort; reports?: { a?: ReportView; b?: ReportView } } = {},
): Promise<VersionComparison> {
  const values = options.values ?? {};
  let manifests: VersionComparison['manifests'];
  if (!options.render) {
    manifests = { available: false, reason: 'This Berth has no chart engine to render the manifests with.', files: [] };
  } else {
    const kube = options.kubeVersion ?? 'v1.33.0';
    try {
      manifests = { available: true, files: compareFiles(await renderFor(options.render, a, values, kube), await renderFor(options.render, b, values, kube)) };
    } catch (e) {
      manifests = { available: false, reason: e instanceof Error ? e.message.split('\n')[0] : String(e), files: [] };
    }
  }
  const out: VersionComparison = {
    a: described(a),
    b: described(b),
    chartYaml: compareFile('Chart.yaml', fileText(a, 'Chart.yaml'), fileText(b, 'Chart.yaml')),
    values: diffValues(chartValues(a.values, values), chartValues(b.values, values)),
    valuesYaml: compareFile('values.yaml', a.values.valuesYaml, b.values.valuesYaml),
    files: compareFiles(filesOf(a), filesOf(b)),
    manifests,
    reports: {},
  };
  if (options.reports?.a) out.reports.a = options.reports.a;
  if (options.reports?.b) out.reports.b = options.reports.b;
  return out;
}
