/**
 * Values someone set that no template reads (helm#6422, #8822), with a "did you mean" for near
 * misses, and values the chart's schema marks deprecated (helm#10732). What the templates read
 * comes from the engine's parse-tree analysis (src-main/render/engine/values_usage.go); judging
 * a user's values against it is cheap, so the values form can ask on every keystroke.
 *
 * Never a false warning: a key under a path templates reach only dynamically (`index`, `get`, a
 * map handed to `include` or `tpl`) is "not judged", not "unused".
 */
import type { DeprecatedValue, JsonObject, JsonValue, ValueReads, ValueUsageFinding, ValuesUsage } from '../../shared/types/values';
import type { ValuesChart } from './chart-values';
import { isObject } from './json-value';
import { pathText } from './paths';

/** Paths of the values set: every scalar, list and empty map (a list is set as a whole). */
export function setPaths(values: JsonValue, prefix: string[] = [], out: string[][] = []): string[][] {
  if (isObject(values) && Object.keys(values).length > 0) {
    for (const [k, v] of Object.entries(values)) setPaths(v, [...prefix, k], out);
  } else if (prefix.length > 0) out.push(prefix);
  return out;
}

function isPrefix(prefix: string[], path: string[]): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== path[i]) return false;
  return true;
}

/** Edit distance (Levenshtein), giving up once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** `.Values.a.b` chains inside strings a template renders with tpl. */
function tplReads(values: JsonValue, out: string[][]): void {
  if (typeof values === 'string') {
    if (!values.includes('{{')) return;
    for (const m of values.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) out.push(m[1].slice(1).split('.'));
  } else if (Array.isArray(values)) {
    for (const v of values) tplReads(v, out);
  } else if (isObject(values)) {
    for (const v of Object.values(values)) tplReads(v, out);
  }
}

function who(d: ValueReads['dynamic'][number]): string {
  const what = d.path.length === 0 ? 'all values' : pathText(d.path);
  return d.how === 'include' || d.how === 'template' || d.how === 'dict'
    ? `${d.file} hands ${what} to a named template`
    : `${d.file} reads ${what} through ${d.how}`;
}

/**
 * Judges each value the user set: read by a template, read by none (`unused`), or reached only
 * dynamically (`not-judged`). `defaults` are the chart's values; near misses are looked for among
 * the keys templates read and the defaults they read.
 */
export function judgeValues(reads: ValueReads, user: JsonObject, defaults: JsonObject = {}): ValueUsageFinding[] {
  const whole = [...reads.whole];
  if (reads.usesTpl) {
    tplReads(defaults, whole);
    tplReads(user, whole);
  }
  const isRead = (p: string[]) => whole.some((w) => isPrefix(w, p)) || reads.touched.some((t) => isPrefix(p, t));
  let candidates: string[] | undefined;
  const nearest = (p: string[]): string | undefined => {
    candidates ??= [...new Set([...reads.touched, ...whole, ...setPaths(defaults).filter(isRead)].filter((c) => c.length > 0).map(pathText))];
    const text = pathText(p);
    const limit = Math.max(1, Math.floor(text.length / 4));
    let best: string | undefined;
    let bestDistance = limit + 1;
    for (const c of candidates) {
      const d = editDistance(text, c, limit);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  };
  const findings: ValueUsageFinding[] = [];
  for (const p of setPaths(user)) {
    if (isRead(p)) continue;
    const text = pathText(p);
    const dynamic = reads.dynamic.find((d) => isPrefix(d.path, p));
    if (reads.everything || dynamic) {
      const why = reads.everything ?? who(dynamic!);
      findings.push({ status: 'not-judged', path: p, pathText: text, message: `Whether ${text} is read cannot be told: ${why}.` });
      continue;
    }
    const suggestion = nearest(p);
    findings.push({
      status: 'unused',
      path: p,
      pathText: text,
      ...(suggestion ? { suggestion } : {}),
      message: `${text} is set, but no template reads it${suggestion ? `; did you mean ${suggestion}?` : '.'}`,
    });
  }
  return findings;
}

/** The schema's word on a deprecated property: `deprecated: true`, or a description starting "Deprecated". */
export function deprecationOf(node: JsonObject): { deprecated: boolean; reason?: string } {
  const description = typeof node.description === 'string' ? node.description.trim() : undefined;
  if (node.deprecated === true || (description !== undefined && /^deprecated\b/i.test(description))) {
    return { deprecated: true, ...(description ? { reason: description } : {}) };
  }
  return { deprecated: false };
}

/** A values.schema.json and where the values it describes sit (`[]` = the chart itself). */
export interface SchemaAt {
  path: string[];
  schema: JsonObject;
}

/** The schemas of a chart and its subcharts, each where its values sit. */
export function chartSchemas(chart: ValuesChart, prefix: string[] = [], out: SchemaAt[] = []): SchemaAt[] {
  if (chart.schema) out.push({ path: prefix, schema: chart.schema });
  for (const dep of chart.dependencies) chartSchemas(dep.chart, [...prefix, dep.key], out);
  return out;
}

/** Every property the schemas mark deprecated. */
export function deprecatedPaths(schemas: SchemaAt[]): Omit<DeprecatedValue, 'message'>[] {
  const out: Omit<DeprecatedValue, 'message'>[] = [];
  const visit = (node: JsonValue | undefined, path: string[], depth: number) => {
    if (!isObject(node)) return;
    if (depth > 0) {
      const d = deprecationOf(node);
      if (d.deprecated) out.push({ path, pathText: pathText(path), ...(d.reason ? { reason: d.reason } : {}) });
    }
    if (isObject(node.properties)) for (const [k, v] of Object.entries(node.properties)) visit(v, [...path, k], depth + 1);
  };
  for (const s of schemas) visit(s.schema, s.path, 0);
  return out;
}

/** The deprecated values among those the user set. */
export function deprecatedSet(schemas: SchemaAt[], user: JsonObject): DeprecatedValue[] {
  const marked = deprecatedPaths(schemas);
  if (marked.length === 0) return [];
  const set = setPaths(user);
  return marked
    .filter((d) => set.some((p) => isPrefix(d.path, p)))
    .map((d) => {
      const why = (d.reason ?? '').replace(/^deprecated\b[:.,;\s-]*/i, '');
      return { ...d, message: `${d.pathText} is deprecated${why ? `: ${why}` : '.'}` };
    });
}

export function valuesUsage(reads: ValueReads, chart: ValuesChart, user: JsonObject, defaults: JsonObject): ValuesUsage {
  return { findings: judgeValues(reads, user, defaults), deprecated: deprecatedSet(chartSchemas(chart), user) };
}
