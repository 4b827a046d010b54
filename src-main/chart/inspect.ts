/**
 * What the catalog needs to know about an uploaded package, read without Helm's engine:
 * the archive is vetted by the safety layer, then Chart.yaml is parsed and validated as Helm does.
 */
import { BerthFailure } from '../../shared/result';
import type { ChartSummary } from '../../shared/types/chart';
import { decodeText, readChartArchive, type ChartArchive } from './archive';
import { readChartMetadata, type ChartMetadata } from './metadata';
import { parseChartYaml } from './yaml-text';

export function readMetadataFromArchive(archive: ChartArchive): ChartMetadata {
  const chartYaml = archive.files.find((f) => f.path === 'Chart.yaml');
  if (!chartYaml) throw new BerthFailure('chart.invalid', 'The package has no Chart.yaml in its top folder, so it is not a Helm chart.');
  const parsed = parseChartYaml(decodeText(chartYaml), 'Chart.yaml');
  const requirementsFile = archive.files.find((f) => f.path === 'requirements.yaml');
  const requirements = requirementsFile ? parseChartYaml(decodeText(requirementsFile), 'requirements.yaml') : undefined;
  return readChartMetadata(parsed, requirements);
}

export function summarize(md: ChartMetadata): ChartSummary {
  const summary: ChartSummary = {
    apiVersion: md.apiVersion === 'v1' ? 'v1' : 'v2',
    name: md.name,
    version: md.version,
    type: md.type === 'library' ? 'library' : 'application',
    keywords: md.keywords,
    maintainers: md.maintainers,
    sources: md.sources,
    deprecated: md.deprecated,
    annotations: md.annotations,
    dependencies: md.dependencies.map((d) => {
      const dep: ChartSummary['dependencies'][number] = { name: d.name, version: d.version };
      if (d.repository) dep.repository = d.repository;
      if (d.condition) dep.condition = d.condition;
      if (d.alias) dep.alias = d.alias;
      return dep;
    }),
  };
  if (md.appVersion) summary.appVersion = md.appVersion;
  if (md.description) summary.description = md.description;
  if (md.home) summary.home = md.home;
  if (md.icon) summary.icon = md.icon;
  if (md.kubeVersion) summary.kubeVersion = md.kubeVersion;
  return summary;
}

/**
 * Reads a chart package (.tgz bytes). Throws BerthFailure with code `chart.unsafe-archive`
 * for archives the safety layer refuses, and `chart.invalid` for a missing or invalid Chart.yaml.
 */
export async function inspectChartPackage(bytes: Uint8Array): Promise<ChartSummary> {
  return summarize(readMetadataFromArchive(readChartArchive(bytes)));
}
