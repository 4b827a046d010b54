/** A values file's text → its values, with the chart toolkit's YAML guards and Helm's rules. */
import { BerthFailure } from '../../shared/result';
import type { JsonObject } from '../../shared/types/values';
import { parseChartYaml } from '../chart/yaml-text';
import { isObject, toJsonValue } from './json-value';

/** Throws BerthFailure('input.invalid') naming the file and line when the text is not a YAML map. */
export function parseValuesYaml(text: string, file = 'values.yaml'): JsonObject {
  let parsed: unknown;
  try {
    parsed = parseChartYaml(text, file);
  } catch (e) {
    if (e instanceof BerthFailure && e.code === 'chart.invalid') throw new BerthFailure('input.invalid', e.message, e.detail);
    throw e;
  }
  const value = toJsonValue(parsed);
  if (value === null) return {};
  if (!isObject(value))
    throw new BerthFailure('input.invalid', `${file} must hold a map of keys and values, not a ${Array.isArray(value) ? 'list' : typeof value}.`, { file });
  return value;
}
