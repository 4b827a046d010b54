/**
 * Values coalescing as Helm does it (helm.sh/helm/v4 pkg/chart/common/util/coalesce.go):
 * the user's values win, maps merge key by key, lists are replaced whole, and a user's
 * `null` removes the chart's default. Subcharts get their section of the parent's values
 * over their own defaults, plus the parent's `global` values.
 */
import type { JsonObject, JsonValue } from '../../shared/types/values';
import { clone, isObject } from './json-value';
import { getAt, parsePathText } from './paths';
import type { ValuesChart } from './chart-values';

/** Fills `dst` (the user's side, modified in place) with what `src` (defaults) has and `dst` lacks. */
function fillFrom(dst: JsonObject, src: JsonObject): JsonObject {
  for (const [key, def] of Object.entries(src)) {
    if (!Object.prototype.hasOwnProperty.call(dst, key)) {
      dst[key] = clone(def);
      continue;
    }
    const mine = dst[key];
    // Helm: "When the YAML value is null … we remove the value's key."
    if (mine === null) delete dst[key];
    else if (isObject(mine) && isObject(def)) fillFrom(mine, def);
  }
  return dst;
}

/** `user` over `defaults`, as a new object. */
export function coalesce(user: JsonObject, defaults: JsonObject): JsonObject {
  return fillFrom(clone(user), defaults);
}

/** Parent globals win over a subchart's own; maps inside `global` merge. */
function withParentGlobals(sub: JsonObject, parent: JsonObject): JsonObject {
  const parentGlobal = isObject(parent.global) ? parent.global : {};
  const subGlobal = isObject(sub.global) ? sub.global : {};
  return { ...sub, global: fillFrom(clone(parentGlobal), subGlobal) };
}

/**
 * Helm's dependency condition: the first path (of a comma-separated list) that holds a
 * boolean decides; no boolean anywhere means enabled.
 */
export function isDependencyEnabled(condition: string | undefined, parentValues: JsonObject): boolean {
  if (!condition) return true;
  for (const raw of condition.split(',')) {
    const path = raw.trim();
    if (!path) continue;
    const v = getAt(parentValues, parsePathText(path));
    if (typeof v === 'boolean') return v;
  }
  return true;
}

/** The values a chart's templates see for `user` values: defaults, subcharts and globals coalesced. */
export function chartValues(chart: ValuesChart, user: JsonObject, asSubchart = false): JsonObject {
  // Observed in Helm v4's computed values: a subchart's top-level `null` defaults are dropped.
  const defaults = asSubchart ? Object.fromEntries(Object.entries(chart.values).filter(([, d]) => d !== null)) : chart.values;
  const v = coalesce(user, defaults);
  for (const dep of chart.dependencies) {
    if (!isDependencyEnabled(dep.condition, v)) continue;
    const own: JsonValue | undefined = v[dep.key];
    const sub = withParentGlobals(isObject(own) ? own : {}, v);
    v[dep.key] = chartValues(dep.chart, sub, true);
  }
  return v;
}
