/**
 * Values validated against the chart's values.schema.json and every enabled subchart's, on
 * the coalesced values, as Helm does before rendering (helm.sh/helm/v4
 * pkg/chart/common/util/jsonschema.go). Formats are not asserted, as in Helm. Problems come
 * back with the path of the value, the chart whose schema raised them and a plain sentence.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import { BerthFailure } from '../../shared/result';
import type { JsonObject, JsonValue, ValuePath, ValuesProblem, ValuesValidation } from '../../shared/types/values';
import { chartValues, isDependencyEnabled } from './coalesce';
import type { ValuesChart } from './chart-values';
import { isObject, typeName } from './json-value';
import { getAt, pathText } from './paths';
import { parseValuesYaml } from './parse-values';
import { problemSay } from './problem-sentence';

const compiled = new WeakMap<JsonObject, ValidateFunction | BerthFailure>();

/** draft-04's boolean exclusiveMinimum/Maximum, rewritten to the numeric form Ajv knows. */
function modernize(node: JsonValue): JsonValue {
  if (Array.isArray(node)) return node.map(modernize);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) out[k] = modernize(v);
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] === 'boolean') {
      if (out[flag] === true && typeof out[bound] === 'number') {
        out[flag] = out[bound];
        delete out[bound];
      } else delete out[flag];
    }
  }
  return out;
}

function compile(schema: JsonObject, chart: string): ValidateFunction {
  const cached = compiled.get(schema);
  if (cached instanceof BerthFailure) throw cached;
  if (cached) return cached;
  const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
  const { $schema: _ignored, ...body } = modernize(schema) as JsonObject;
  const options = { strict: false, allErrors: true, validateFormats: false, validateSchema: false, allowUnionTypes: true } as const;
  const ajv = dialect.includes('2020-12') ? new Ajv2020(options) : dialect.includes('2019-09') ? new Ajv2019(options) : new Ajv(options);
  try {
    const fn = ajv.compile(body);
    compiled.set(schema, fn);
    return fn;
  } catch (e) {
    const failure = new BerthFailure('chart.invalid', `The values.schema.json of ${chart} cannot be used: ${(e as Error).message}`, { chart });
    compiled.set(schema, failure);
    throw failure;
  }
}

function instancePath(pointer: string, values: JsonValue): ValuePath {
  if (!pointer) return [];
  const out: ValuePath = [];
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out.push(Array.isArray(getAt(values, out)) && /^\d+$/.test(key) ? Number(key) : key);
  }
  return out;
}

function list(values: unknown): string {
  return Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(', ') : String(values);
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function sentence(e: ErrorObject, value: JsonValue | undefined, where: string): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const want = String(p.type).split(',').map(article).join(' or ');
      return `${where} must be ${want}, not ${article(typeName(value))}${value !== undefined && typeof value !== 'object' ? ` (${JSON.stringify(value)})` : ''}.`;
    }
    case 'enum':
      return `${where} must be one of ${list(p.allowedValues)}.`;
    case 'const':
      return `${where} must be ${JSON.stringify(p.allowedValue)}.`;
    case 'required':
      return `${where} is required.`;
    case 'additionalProperties':
      return `${where} is not a setting this chart knows.`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `${where} must be ${e.keyword === 'minimum' ? 'at least' : 'more than'} ${p.limit}.`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `${where} must be ${e.keyword === 'maximum' ? 'at most' : 'less than'} ${p.limit}.`;
    case 'multipleOf':
      return `${where} must be a multiple of ${p.multipleOf}.`;
    case 'minLength':
      return `${where} must be at least ${p.limit} characters long.`;
    case 'maxLength':
      return `${where} must be at most ${p.limit} characters long.`;
    case 'pattern':
      return `${where} must match the pattern ${p.pattern}.`;
    case 'minItems':
      return `${where} must have at least ${p.limit} items.`;
    case 'maxItems':
      return `${where} must have at most ${p.limit} items.`;
    case 'uniqueItems':
      return `${where} must not repeat items (items ${p.j} and ${p.i} are the same).`;
    case 'anyOf':
    case 'oneOf':
      return `${where} does not match any of the forms the chart allows.`;
    default:
      return `${where} ${e.message ?? 'is not valid'}.`;
  }
}

function scalarParams(p: Record<string, unknown>): ValuesProblem['params'] {
  const out: NonNullable<ValuesProblem['params']> = {};
  for (const [k, v] of Object.entries(p)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else if (Array.isArray(v)) out[k] = list(v);
  }
  return out;
}

/** Ajv reports every branch of an anyOf/oneOf; people need the one line saying none matched. */
function withoutBranchNoise(errors: ErrorObject[]): ErrorObject[] {
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  return errors.filter((e) => e.keyword !== 'if' && !alternatives.some((a) => e.schemaPath.startsWith(a)));
}

function validateOne(schema: JsonObject, chart: string, values: JsonObject, prefix: string[]): ValuesProblem[] {
  const fn = compile(schema, chart);
  if (fn(values)) return [];
  return withoutBranchNoise(fn.errors ?? []).map((e) => {
    const p = e.params as Record<string, unknown>;
    const path = instancePath(e.instancePath, values);
    if (e.keyword === 'required' && typeof p.missingProperty === 'string') path.push(p.missingProperty);
    if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') path.push(p.additionalProperty);
    const full = [...prefix, ...path];
    const where = full.length > 0 ? pathText(full) : 'The values';
    const problem: ValuesProblem = { path: full, pathText: pathText(full), chart, keyword: e.keyword, message: sentence(e, getAt(values, path), where) };
    const say = problemSay(e, getAt(values, path), full);
    if (say) problem.say = say;
    const params = scalarParams(p);
    if (params && Object.keys(params).length > 0) problem.params = params;
    return problem;
  });
}

function walk(chart: ValuesChart, values: JsonObject, prefix: string[], out: ValuesProblem[]): void {
  if (chart.schema) out.push(...validateOne(chart.schema, chart.name, values, prefix));
  for (const dep of chart.dependencies) {
    if (!isDependencyEnabled(dep.condition, values)) continue;
    const sub = values[dep.key];
    walk(dep.chart, isObject(sub) ? sub : {}, [...prefix, dep.key], out);
  }
}

/** Validates the user's values (overrides) as Helm would for this chart. */
export function validateValues(chart: ValuesChart, user: JsonObject): ValuesValidation {
  const problems: ValuesProblem[] = [];
  walk(chart, chartValues(chart, user), [], problems);
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const k = `${p.chart}|${p.pathText}|${p.keyword}|${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { valid: unique.length === 0, problems: unique };
}

/** Same, from the text of a values file; a YAML error is a problem with keyword `yaml`. */
export function validateValuesText(chart: ValuesChart, text: string): ValuesValidation {
  let user: JsonObject;
  try {
    user = parseValuesYaml(text, 'values');
  } catch (e) {
    if (!(e instanceof BerthFailure)) throw e;
    const params: ValuesProblem['params'] = {};
    if (e.detail?.line !== undefined) params.line = e.detail.line;
    return { valid: false, problems: [{ path: [], pathText: '', chart: chart.name, keyword: 'yaml', message: e.message, params }] };
  }
  return validateValues(chart, user);
}
