/**
 * helm's printers for release commands (helm v4.1.4 pkg/cmd: list.go, history.go, status.go,
 * get_*.go), so `-o table|json|yaml` give helm's bytes and `jq` scripts written for helm work:
 * uitable tables, json.Encoder JSON (Go escaping, struct order), sigs.k8s.io/yaml YAML.
 */
import { UsageError, type ParsedArgs } from '../args';
import { goJson, sortedKeys } from '../../deploy/go-json';
import { goAnsic, goTimeString } from '../../deploy/go-time';
import type { Values } from '../../deploy/helm-chart';
import { goRelease, type HelmRelease } from '../../deploy/release-record';
import { goYaml, type YamlValue } from '../../provenance/go-yaml';

export type OutputFormat = 'table' | 'json' | 'yaml';

export const OUTPUT_FLAG = {
  kind: 'string',
  short: 'o',
  description: 'prints the output in the specified format. Allowed values: table, json, yaml (default table)',
} as const;

/** helm's output.ParseFormat, refused with pflag's words. */
export function outputFormat(args: ParsedArgs): OutputFormat {
  const v = args.strings.output ?? 'table';
  if (v === 'table' || v === 'json' || v === 'yaml') return v;
  throw new UsageError(`invalid argument ${JSON.stringify(v)} for "-o, --output" flag: invalid format type`);
}

/** output.EncodeJSON: one line and a newline. */
export function encodeJson(value: unknown): string {
  return `${goJson(value)}\n`;
}

/** output.EncodeYAML (sigs.k8s.io/yaml: through JSON, so keys sorted, then go-yaml v2). */
export function encodeYaml(value: unknown): string {
  const plain = sortedKeys(JSON.parse(JSON.stringify(value ?? null))) as YamlValue;
  if (plain !== null && typeof plain === 'object' && Object.keys(plain).length === 0) return Array.isArray(plain) ? '[]\n' : '{}\n';
  return goYaml(plain);
}

/**
 * gosuri/uitable as helm uses it: cells joined by a tab, every cell (the last too) padded with
 * spaces to its column's width, then EncodeTable's extra newline.
 */
export function uitable(rows: string[][]): string {
  if (rows.length === 0) return '\n';
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return `${rows.map((r) => r.map((c, i) => c + ' '.repeat(widths[i] - [...c].length)).join('\t')).join('\n')}\n`;
}

function chartName(rel: HelmRelease): string {
  const md = rel.chart?.metadata;
  // helm's formatChartName: a record without chart metadata has happened in the wild (helm/helm#1347)
  return md ? `${String(md.name ?? '')}-${String(md.version ?? '')}` : 'MISSING';
}

function appVersion(rel: HelmRelease): string {
  const md = rel.chart?.metadata;
  return md ? String(md.appVersion ?? '') : 'MISSING';
}

/** `helm list`. */
export function printList(releases: HelmRelease[], format: OutputFormat, options: { short?: boolean; noHeaders?: boolean; timeFormat?: string } = {}): string {
  if (options.short) {
    const names = releases.map((r) => r.name);
    if (format === 'json') return encodeJson(names);
    if (format === 'yaml') return encodeYaml(names);
    return names.map((n) => `${n}\n`).join('');
  }
  const elements = releases.map((r) => ({
    name: r.name,
    namespace: r.namespace,
    revision: String(r.version),
    updated: r.info.last_deployed ? goTimeString(r.info.last_deployed) || '-' : '-',
    status: r.info.status ?? 'unknown',
    chart: chartName(r),
    app_version: appVersion(r),
  }));
  if (format === 'json') return encodeJson(elements);
  if (format === 'yaml') return encodeYaml(elements);
  const rows = options.noHeaders ? [] : [['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION']];
  for (const e of elements) rows.push([e.name, e.namespace, e.revision, e.updated, e.status, e.chart, e.app_version]);
  return uitable(rows);
}

/** `helm history` (records oldest first; --max keeps the newest). */
export function printHistory(records: HelmRelease[], format: OutputFormat, max: number): string {
  const kept = [...records].sort((a, b) => a.version - b.version).slice(Math.max(0, records.length - Math.max(0, max)));
  const items = kept.map((r) => {
    const item: Record<string, unknown> = { revision: r.version };
    if (r.info.last_deployed) item.updated = r.info.last_deployed;
    Object.assign(item, { status: r.info.status ?? 'unknown', chart: chartName(r), app_version: appVersion(r), description: r.info.description ?? '' });
    return item;
  });
  if (format === 'json') return encodeJson(items);
  if (format === 'yaml') return encodeYaml(items);
  const rows = [['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION']];
  for (const r of kept)
    rows.push([String(r.version), goAnsic(r.info.last_deployed ?? ''), r.info.status ?? 'unknown', chartName(r), appVersion(r), r.info.description ?? '']);
  return uitable(rows);
}

/** statusPrinter.WriteTable up to where helm lists the live resources (Berth prints its health there). */
export function statusHead(rel: HelmRelease, showMetadata = false): string {
  let out = `NAME: ${rel.name}\n`;
  if (rel.info.last_deployed) out += `LAST DEPLOYED: ${goAnsic(rel.info.last_deployed)}\n`;
  out += `NAMESPACE: ${rel.namespace}\nSTATUS: ${rel.info.status ?? 'unknown'}\nREVISION: ${rel.version}\n`;
  if (showMetadata) {
    const md = rel.chart?.metadata ?? {};
    out += `CHART: ${String(md.name ?? '')}\nVERSION: ${String(md.version ?? '')}\nAPP_VERSION: ${String(md.appVersion ?? '')}\n`;
  }
  return `${out}DESCRIPTION: ${rel.info.description ?? ''}\n`;
}

/** statusPrinter.WriteTable after the resources: test suite, values (debug), hooks and manifest, notes. */
export function statusTail(rel: HelmRelease, options: { debug?: boolean; hideNotes?: boolean } = {}): string {
  let out = '';
  const tests = (rel.hooks ?? []).filter((h) => h.events.includes('test'));
  if (tests.length === 0) out += 'TEST SUITE: None\n';
  for (const h of tests) {
    if (!h.last_run?.started_at) continue;
    out += `TEST SUITE:     ${h.name}\nLast Started:   ${goAnsic(h.last_run.started_at)}\nLast Completed: ${goAnsic(h.last_run.completed_at ?? '')}\nPhase:          ${h.last_run.phase}\n`;
  }
  if (options.debug) {
    out += `USER-SUPPLIED VALUES:\n${encodeYaml(configOf(rel))}\n`;
    out += `COMPUTED VALUES:\n${encodeYaml(computedValues(rel))}\n`;
  }
  if ((rel.info.description ?? '').toLowerCase() === 'dry run complete' || options.debug) {
    out += 'HOOKS:\n';
    for (const h of rel.hooks ?? []) out += `---\n# Source: ${h.path}\n${h.manifest}\n`;
    out += `MANIFEST:\n${rel.manifest ?? ''}\n`;
  }
  if (!options.hideNotes && rel.info.notes) out += `NOTES:\n${rel.info.notes.trim()}\n`;
  return out;
}

/** `helm status -o json|yaml`: the record without its chart. */
export function statusData(rel: HelmRelease): Record<string, unknown> {
  return goRelease(rel, { withChart: false });
}

/** The user-supplied values; helm prints an empty config as null (the record omits it). */
export function configOf(rel: HelmRelease): Values | null {
  return rel.config && Object.keys(rel.config).length > 0 ? rel.config : null;
}

type Json = Values[string];
const isMap = (v: unknown): v is Values => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * chartutil.CoalesceValues over the stored chart (which holds no subcharts): the config over the
 * chart's values, maps merged, a null in the config deleting the chart's key.
 */
function coalesce(config: Values, defaults: Values): Values {
  const out: Values = { ...config };
  for (const [k, dv] of Object.entries(defaults)) {
    if (!(k in out)) out[k] = dv;
    else if (out[k] === null) delete out[k];
    else if (isMap(out[k]) && isMap(dv)) out[k] = coalesce(out[k] as Values, dv);
  }
  return out;
}

export function computedValues(rel: HelmRelease): Values {
  return coalesce(JSON.parse(JSON.stringify(rel.config ?? {})) as Values, (rel.chart?.values ?? {}) as Values);
}

/** `helm get values [--all]`. */
export function printValues(rel: HelmRelease, format: OutputFormat, all: boolean): string {
  const values: Json | null = all ? computedValues(rel) : configOf(rel);
  if (format === 'json') return encodeJson(sortedKeys(values));
  if (format === 'yaml') return encodeYaml(values);
  return `${all ? 'COMPUTED VALUES:' : 'USER-SUPPLIED VALUES:'}\n${encodeYaml(values)}`;
}

/** k8s.io/apimachinery labels.Set.String(): sorted key=value pairs joined by commas. */
function labelSet(m: Record<string, unknown> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${String((m ?? {})[k])}`)
    .join(',');
}

/** time.Time.Format(time.RFC3339) of a stored time (seconds, the record's own zone). */
function rfc3339(text: string | undefined): string {
  if (!text) return '0001-01-01T00:00:00Z';
  return text.replace(/\.\d+/, '');
}

/** `helm get metadata`. */
export function printMetadata(rel: HelmRelease, labels: Record<string, string>, format: OutputFormat): string {
  const md = rel.chart?.metadata ?? {};
  const data: Record<string, unknown> = {
    name: rel.name,
    chart: String(md.name ?? ''),
    version: String(md.version ?? ''),
    appVersion: String(md.appVersion ?? ''),
  };
  const annotations = isMap(md.annotations) ? md.annotations : undefined;
  if (annotations && Object.keys(annotations).length) data.annotations = sortedKeys(annotations);
  // helm reads the latest revision with Query, which keeps its own labels, and --revision with Get, which drops them
  if (Object.keys(labels).length) data.labels = sortedKeys(labels);
  const deps = Array.isArray(md.dependencies) ? md.dependencies : [];
  if (deps.length) data.dependencies = (goRelease({ ...rel, chart: rel.chart }).chart as { metadata: { dependencies: unknown[] } }).metadata.dependencies;
  Object.assign(data, { namespace: rel.namespace, revision: rel.version, status: rel.info.status ?? '', deployedAt: rfc3339(rel.info.last_deployed) });
  if (rel.apply_method) data.applyMethod = rel.apply_method;
  if (format === 'json') return encodeJson(data);
  if (format === 'yaml') return encodeYaml(data);
  const applyMethod =
    rel.apply_method === 'ssa'
      ? 'server-side apply'
      : rel.apply_method === 'csa'
        ? 'client-side apply'
        : !rel.apply_method
          ? 'client-side apply (defaulted)'
          : `unknown (${JSON.stringify(rel.apply_method)})`;
  const depNames = deps
    .map((d) => String((d as { name?: unknown }).name ?? ''))
    .sort()
    .join(',');
  return [
    `NAME: ${rel.name}`,
    `CHART: ${String(md.name ?? '')}`,
    `VERSION: ${String(md.version ?? '')}`,
    `APP_VERSION: ${String(md.appVersion ?? '')}`,
    `ANNOTATIONS: ${labelSet(annotations)}`,
    `LABELS: ${labelSet(labels)}`,
    `DEPENDENCIES: ${depNames}`,
    `NAMESPACE: ${rel.namespace}`,
    `REVISION: ${rel.version}`,
    `STATUS: ${rel.info.status ?? ''}`,
    `DEPLOYED_AT: ${rfc3339(rel.info.last_deployed)}`,
    `APPLY_METHOD: ${applyMethod}`,
    '',
  ].join('\n');
}

/** `helm get hooks`. */
export function printHooks(rel: HelmRelease): string {
  return (rel.hooks ?? []).map((h) => `---\n# Source: ${h.path}\n${h.manifest}\n`).join('');
}

/** `helm get notes`. */
export function printNotes(rel: HelmRelease): string {
  return rel.info.notes ? `NOTES:\n${rel.info.notes}\n` : '';
}

/** `helm get all`: the status table with metadata, values, hooks and manifest. */
export function printAll(rel: HelmRelease): string {
  return statusHead(rel, true) + statusTail(rel, { debug: true });
}
