/**
 * The chart as Helm stores it inside a release record (helm.sh/helm/v4/pkg/chart/v2.Chart in
 * JSON): metadata, lock, templates, values, schema and the other files, each file base64.
 * Follows the v2 loader's LoadFiles split. Subcharts are not stored, as in Helm.
 */
import { parse } from 'yaml';
import type { ChartArchive, ChartFile } from '../chart/archive';
import { goUnixTime } from './go-time';

export interface HelmFile {
  name: string;
  /** base64, as Go encodes []byte. */
  data: string;
  /** The file's time in the package (Go's time.Time; absent when zero, as omitzero leaves it). */
  modtime?: string;
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
  /** Chart.yaml's time in the package. */
  modtime?: string;
}

function b64(data: Uint8Array): string {
  return Buffer.from(data).toString('base64');
}

const ZERO_TIME = '0001-01-01T00:00:00Z';

/** The loader's time for a file: its tar header's, as time.Unix reads it (seconds 0 is still a time). */
function modTimeOf(f: ChartFile): string | undefined {
  return f.mtime === undefined ? undefined : goUnixTime(f.mtime);
}

function helmFile(f: ChartFile): HelmFile {
  const out: HelmFile = { name: f.path, data: b64(f.data) };
  const t = modTimeOf(f);
  if (t && t !== ZERO_TIME) out.modtime = t;
  return out;
}

function yamlDoc(data: Uint8Array): unknown {
  return parse(Buffer.from(data).toString('utf8')) ?? null;
}

function toJson(x: unknown): JsonValue {
  return JSON.parse(JSON.stringify(x ?? null)) as JsonValue;
}

// Chart.yaml fields in Helm's Metadata struct order; all are omitempty (also the release record's order).
export const METADATA_FIELDS = [
  'name',
  'home',
  'sources',
  'version',
  'description',
  'keywords',
  'maintainers',
  'icon',
  'apiVersion',
  'condition',
  'tags',
  'appVersion',
  'deprecated',
  'annotations',
  'kubeVersion',
  'dependencies',
  'type',
] as const;

function isEmpty(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    v === '' ||
    v === false ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && v !== null && Object.keys(v).length === 0)
  );
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
  const chart: HelmChart = { metadata: {}, lock: null, templates: null, values: null, schema: null, schemamodtime: ZERO_TIME, files: null };
  let metadata: Record<string, unknown> = {};
  const files: HelmFile[] = [];
  const templates: HelmFile[] = [];
  for (const f of archive.files) {
    const name = f.path;
    if (name === 'Chart.yaml') {
      metadata = { ...metadata, ...((yamlDoc(f.data) as Record<string, unknown>) ?? {}) };
      const t = modTimeOf(f);
      if (t && t !== ZERO_TIME) chart.modtime = t;
    }
  }
  const isV1 = !metadata.apiVersion || metadata.apiVersion === 'v1';
  for (const f of archive.files) {
    const name = f.path;
    if (name === 'Chart.yaml') continue;
    if (name === 'Chart.lock' || name === 'requirements.lock') {
      chart.lock = toJson(yamlDoc(f.data));
      if (name === 'requirements.lock' && isV1) files.push(helmFile(f));
    } else if (name === 'values.yaml') {
      const v = yamlDoc(f.data);
      chart.values = typeof v === 'object' && v !== null && !Array.isArray(v) ? (toJson(v) as Values) : {};
    } else if (name === 'values.schema.json') {
      chart.schema = b64(f.data);
      chart.schemamodtime = modTimeOf(f) ?? ZERO_TIME;
    } else if (name === 'requirements.yaml') {
      const req = yamlDoc(f.data) as Record<string, unknown> | null;
      if (req?.dependencies) metadata.dependencies = req.dependencies;
      if (isV1) files.push(helmFile(f));
    } else if (name.startsWith('templates/')) {
      templates.push(helmFile(f));
    } else if (name.startsWith('charts/')) {
      if (name.endsWith('.prov')) files.push(helmFile(f));
    } else {
      files.push(helmFile(f));
    }
  }
  chart.metadata = metadataOf(metadata);
  if (templates.length) chart.templates = templates;
  if (files.length) chart.files = files;
  return chart;
}

type Deps = { name?: JsonValue; alias?: JsonValue; condition?: JsonValue; tags?: JsonValue; enabled?: JsonValue }[];

function lookup(values: Values, path: string): JsonValue | undefined {
  let at: JsonValue | undefined = values;
  for (const key of path.split('.')) {
    if (!at || typeof at !== 'object' || Array.isArray(at)) return undefined;
    at = at[key];
  }
  return at;
}

function mergeValues(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = b && v && typeof b === 'object' && typeof v === 'object' && !Array.isArray(b) && !Array.isArray(v) ? mergeValues(b, v) : v;
  }
  return out;
}

/**
 * What Helm's ProcessDependencies leaves in Chart.yaml's dependencies, which the release record
 * keeps (pkg/chart/v2/util/dependencies.go processDependencyEnabled): an alias becomes the name,
 * every dependency is enabled, then tags (`tags.<t>` in the values) and conditions (the first
 * condition path holding a boolean) may disable it, and disabled ones are dropped.
 */
export function markEnabledDependencies(chart: HelmChart, config: Values): void {
  const deps = chart.metadata.dependencies as Deps | undefined;
  if (!Array.isArray(deps)) return;
  const values = mergeValues(chart.values ?? {}, config);
  const tags = values.tags && typeof values.tags === 'object' && !Array.isArray(values.tags) ? values.tags : {};
  for (const d of deps) {
    if (!d || typeof d !== 'object') continue;
    if (typeof d.alias === 'string' && d.alias !== '') d.name = d.alias;
    d.enabled = true;
    let hasTrue = false;
    let hasFalse = false;
    for (const t of Array.isArray(d.tags) ? d.tags : []) {
      const v = typeof t === 'string' ? tags[t] : undefined;
      if (v === true) hasTrue = true;
      if (v === false) hasFalse = true;
    }
    if (!hasTrue && hasFalse) d.enabled = false;
    for (const c of typeof d.condition === 'string' && d.condition ? d.condition.split(',') : []) {
      const v = lookup(values, c.trim());
      if (typeof v === 'boolean') {
        d.enabled = v;
        break;
      }
    }
  }
  // "don't keep disabled charts in metadata": a disabled dependency leaves the record's Chart.yaml
  const disabled = new Set(deps.filter((d) => d && !d.enabled).map((d) => d.name));
  chart.metadata.dependencies = deps.filter((d) => !disabled.has(d?.name));
  if (chart.metadata.dependencies.length === 0) delete chart.metadata.dependencies;
}

/** The chart's own values.yaml (what "diff from defaults" compares against). */
export function chartDefaults(chart: HelmChart): Values {
  return chart.values ?? {};
}
