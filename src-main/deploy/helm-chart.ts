/**
 * The chart as Helm stores it inside a release record (helm.sh/helm/v4/pkg/chart/v2.Chart in
 * JSON): metadata, lock, templates, values, schema and the other files, each file base64.
 * Follows the v2 loader's LoadFiles split. Subcharts are not stored, as in Helm.
 */
import { parse } from 'yaml';
import type { ChartArchive } from '../chart/archive';

export interface HelmFile {
  name: string;
  /** base64, as Go encodes []byte. */
  data: string;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export type Values = { [k: string]: JsonValue };

export interface HelmChart {
  metadata: Record<string, JsonValue>;
  lock: JsonValue;
  templates: HelmFile[] | null;
  values: Values | null;
  schema: string | null;
  /** Go's zero time: Helm writes the field even when no schema file has a time. */
  schemamodtime: string;
  files: HelmFile[] | null;
}

function b64(data: Uint8Array): string {
  return Buffer.from(data).toString('base64');
}

function yamlDoc(data: Uint8Array): unknown {
  return parse(Buffer.from(data).toString('utf8')) ?? null;
}

function toJson(x: unknown): JsonValue {
  return JSON.parse(JSON.stringify(x ?? null)) as JsonValue;
}

// Chart.yaml fields in Helm's Metadata struct order; all are omitempty.
const METADATA_FIELDS = [
  'name', 'home', 'sources', 'version', 'description', 'keywords', 'maintainers', 'icon', 'apiVersion',
  'condition', 'tags', 'appVersion', 'deprecated', 'annotations', 'kubeVersion', 'dependencies', 'type',
] as const;

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || v === false || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
}

function metadataOf(raw: Record<string, unknown>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const f of METADATA_FIELDS) {
    let v = raw[f];
    if (f === 'apiVersion' && isEmpty(v)) v = 'v1';
    if (f === 'version' || f === 'appVersion') v = v === undefined || v === null ? v : String(v);
    if (!isEmpty(v)) out[f] = toJson(v);
  }
  return out;
}

export function helmChartFromArchive(archive: ChartArchive): HelmChart {
  const chart: HelmChart = { metadata: {}, lock: null, templates: null, values: null, schema: null, schemamodtime: '0001-01-01T00:00:00Z', files: null };
  let metadata: Record<string, unknown> = {};
  const files: HelmFile[] = [];
  const templates: HelmFile[] = [];
  for (const f of archive.files) {
    const name = f.path;
    if (name === 'Chart.yaml') metadata = { ...metadata, ...((yamlDoc(f.data) as Record<string, unknown>) ?? {}) };
  }
  const isV1 = !metadata.apiVersion || metadata.apiVersion === 'v1';
  for (const f of archive.files) {
    const name = f.path;
    if (name === 'Chart.yaml') continue;
    if (name === 'Chart.lock' || name === 'requirements.lock') {
      chart.lock = toJson(yamlDoc(f.data));
      if (name === 'requirements.lock' && isV1) files.push({ name, data: b64(f.data) });
    } else if (name === 'values.yaml') {
      const v = yamlDoc(f.data);
      chart.values = typeof v === 'object' && v !== null && !Array.isArray(v) ? (toJson(v) as Values) : {};
    } else if (name === 'values.schema.json') {
      chart.schema = b64(f.data);
    } else if (name === 'requirements.yaml') {
      const req = yamlDoc(f.data) as Record<string, unknown> | null;
      if (req?.dependencies) metadata.dependencies = req.dependencies;
      if (isV1) files.push({ name, data: b64(f.data) });
    } else if (name.startsWith('templates/')) {
      templates.push({ name, data: b64(f.data) });
    } else if (name.startsWith('charts/')) {
      if (name.endsWith('.prov')) files.push({ name, data: b64(f.data) });
    } else {
      files.push({ name, data: b64(f.data) });
    }
  }
  chart.metadata = metadataOf(metadata);
  if (templates.length) chart.templates = templates;
  if (files.length) chart.files = files;
  return chart;
}

/** The chart's own values.yaml (what "diff from defaults" compares against). */
export function chartDefaults(chart: HelmChart): Values {
  return chart.values ?? {};
}
