/** What a chart's templates can read of its values, from the engine's parse-tree analysis (values_usage.go). */
import { BerthFailure } from '../../shared/result';
import type { ValueSources } from '../../shared/types/chart';
import type { JsonObject, ValueReads } from '../../shared/types/values';
import { sharedEngine, type HelmEngine } from '../render/engine';
import type { SchemaAt } from '../values/usage';
import { valueRequest } from './lint';
import { vetChartPath } from './source';

export interface ValueReadsWithValues extends ValueReads {
  /** The values given, merged as Helm merges -f, --set and the rest. */
  user: JsonObject;
  /** The chart's own values.yaml. */
  defaults: JsonObject;
  schemas: SchemaAt[];
}

async function call(chart: string | Uint8Array, request: object, engine: HelmEngine): Promise<unknown> {
  if (typeof chart === 'string') vetChartPath(chart);
  const reply = typeof chart === 'string' ? await engine.call('valuereads', { ...request, chart }) : await engine.call('valuereads', request, chart);
  if (reply.error !== undefined) throw new BerthFailure('chart.invalid', reply.error);
  return JSON.parse(new TextDecoder().decode(reply.stdout));
}

/** `chart` is a folder or package path, or the package bytes. */
export async function readValueReads(chart: string | Uint8Array, engine: HelmEngine = sharedEngine()): Promise<ValueReads> {
  return (await call(chart, {}, engine)) as ValueReads;
}

/** The reads, plus the given values merged as Helm merges them, the defaults and the schemas. */
export async function readValueReadsWith(chart: string | Uint8Array, values: ValueSources, engine: HelmEngine = sharedEngine()): Promise<ValueReadsWithValues> {
  const r = (await call(chart, { ...valueRequest(values), withValues: true }, engine)) as Partial<ValueReadsWithValues> & ValueReads;
  return { ...r, user: r.user ?? {}, defaults: r.defaults ?? {}, schemas: r.schemas ?? [] };
}
