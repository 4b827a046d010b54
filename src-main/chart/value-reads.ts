/**
 * Values someone set that no template reads (helm#6422, #8822), with a "did you mean" for near
 * misses, and values the chart's schema marks deprecated (helm#10732), judged by the engine
 * from the templates' parse trees (src-main/render/engine/values_usage.go, values_judge.go) —
 * the same code `berth lint` prints from.
 */
import { BerthFailure } from '../../shared/result';
import type { ValueSources } from '../../shared/types/chart';
import type { JsonObject, ValuesUsage } from '../../shared/types/values';
import type { HelmEngine } from '../render/engine';
import { valueRequest } from './lint';
import { vetChartPath } from './source';

/** `chart` is a folder or package path, or the package bytes; `values` as Helm's flags give them, or an object. */
export async function valuesUsage(chart: string | Uint8Array, values: ValueSources | JsonObject, engine: HelmEngine): Promise<ValuesUsage> {
  const sources: ValueSources = isSources(values) ? values : { valuesYaml: [JSON.stringify(values)] };
  const request = { ...valueRequest(sources), withValues: true };
  if (typeof chart === 'string') vetChartPath(chart);
  const reply = typeof chart === 'string' ? await engine.call('valuereads', { ...request, chart }) : await engine.call('valuereads', request, chart);
  if (reply.error !== undefined) throw new BerthFailure('chart.invalid', reply.error);
  const r = JSON.parse(new TextDecoder().decode(reply.stdout)) as Partial<ValuesUsage>;
  return { findings: r.findings ?? [], deprecated: r.deprecated ?? [] };
}

const SOURCE_KEYS = ['valueFiles', 'valuesYaml', 'set', 'setString', 'setFile', 'setJson', 'setLiteral'];

function isSources(v: ValueSources | JsonObject): v is ValueSources {
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => SOURCE_KEYS.includes(k) && Array.isArray((v as Record<string, unknown>)[k]));
}
