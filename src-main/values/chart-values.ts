/**
 * What the values tools need from a chart package: values.yaml (text and values), the
 * values.schema.json, and the same for every subchart under the key its values sit at
 * (its alias, else its name), the way Helm's loader and dependency processing see them.
 */
import { BerthFailure } from '../../shared/result';
import type { JsonObject } from '../../shared/types/values';
import { decodeText, readChartArchive, type ChartArchive, type ChartFile } from '../chart/archive';
import { readMetadataFromArchive } from '../chart/inspect';
import { isObject } from './json-value';
import { parseValuesYaml } from './parse-values';

export interface ValuesChart {
  name: string;
  version: string;
  type: 'application' | 'library';
  valuesYaml: string;
  values: JsonObject;
  schema?: JsonObject;
  /** questions.yaml (Rancher's form for the chart), as text. */
  questionsYaml?: string;
  dependencies: ValuesDependency[];
}

export interface ValuesDependency {
  /** Where the subchart's values sit in the parent's: the alias, else the chart name. */
  key: string;
  condition?: string;
  chart: ValuesChart;
}

function parseSchema(file: ChartFile, label: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeText(file, label));
  } catch (e) {
    if (e instanceof BerthFailure) throw e;
    throw new BerthFailure('chart.invalid', `${label} is not valid JSON: ${(e as Error).message}`, { file: label });
  }
  if (!isObject(parsed)) throw new BerthFailure('chart.invalid', `${label} must hold a JSON object.`, { file: label });
  return parsed;
}

/** Subchart archives and folders found under `charts/`. */
function subchartArchives(archive: ChartArchive): ChartArchive[] {
  const out: ChartArchive[] = [];
  const folders = new Map<string, ChartFile[]>();
  for (const f of archive.files) {
    const tgz = /^charts\/([^/]+\.tgz)$/.exec(f.path);
    if (tgz) {
      out.push(readChartArchive(f.data, { label: `charts/${tgz[1]}` }));
      continue;
    }
    const inFolder = /^charts\/([^/]+)\/(.+)$/.exec(f.path);
    if (inFolder) {
      const files = folders.get(inFolder[1]) ?? [];
      files.push({ path: inFolder[2], data: f.data });
      folders.set(inFolder[1], files);
    }
  }
  for (const [dir, files] of folders) if (files.some((f) => f.path === 'Chart.yaml')) out.push({ baseDir: dir, files });
  return out;
}

export function loadValuesChart(archive: ChartArchive, label = archive.baseDir): ValuesChart {
  const md = readMetadataFromArchive(archive);
  const valuesFile = archive.files.find((f) => f.path === 'values.yaml');
  const valuesYaml = valuesFile ? decodeText(valuesFile, `${label}/values.yaml`) : '';
  const schemaFile = archive.files.find((f) => f.path === 'values.schema.json');
  const chart: ValuesChart = {
    name: md.name,
    version: md.version,
    type: md.type === 'library' ? 'library' : 'application',
    valuesYaml,
    values: parseValuesYaml(valuesYaml, `${label}/values.yaml`),
    dependencies: [],
  };
  if (schemaFile) chart.schema = parseSchema(schemaFile, `${label}/values.schema.json`);
  const questionsFile = archive.files.find((f) => f.path === 'questions.yaml' || f.path === 'questions.yml');
  if (questionsFile) chart.questionsYaml = decodeText(questionsFile, `${label}/${questionsFile.path}`);

  const loaded = subchartArchives(archive).map((a) => loadValuesChart(a, `${label}/charts/${a.baseDir}`));
  const used = new Set<ValuesChart>();
  for (const dep of md.dependencies) {
    const sub = loaded.find((c) => c.name === dep.name);
    if (!sub) continue; // not vendored: Helm would refuse to render; the values tools just skip it
    used.add(sub);
    chart.dependencies.push({ key: dep.alias || dep.name, condition: dep.condition, chart: sub });
  }
  // Helm keeps subcharts found in charts/ even when Chart.yaml does not list them.
  for (const sub of loaded) if (!used.has(sub)) chart.dependencies.push({ key: sub.name, chart: sub });
  return chart;
}

export function loadValuesChartFromPackage(bytes: Uint8Array): ValuesChart {
  return loadValuesChart(readChartArchive(bytes));
}
