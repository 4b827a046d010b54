/**
 * The values tools behind `values.*`: the form model, validation as one types, the upgrade's
 * 3-way merge and its settling, and structural diffs. Charts are read through `load`, so this
 * module never knows whether a chart came from the catalog, a package or a folder.
 */
import { BerthFailure } from '../../shared/result';
import type { ChartSource } from '../../shared/types/review-tools';
import type { FormModel, JsonObject, Merge3Result, Resolution, SettledValues, ValuesDiff, ValuesUsage, ValuesValidation } from '../../shared/types/values';
import { valuesUsage } from '../chart/value-reads';
import type { HelmEngine } from '../render/engine';
import type { ValuesChart } from './chart-values';
import { chartValues } from './coalesce';
import { diffValues } from './diff';
import { buildFormModel } from './form-model';
import { isObject } from './json-value';
import { merge3, settle } from './merge3';
import { validateValues, validateValuesText } from './validate';

export type ValuesSide = ChartSource | { values: JsonObject } | { chart: ChartSource; values: JsonObject };

/** Reads a chart's values.yaml, schema and subcharts; the caller resolves what the source names. */
export type LoadValues = (chart: ChartSource) => Promise<{ values: ValuesChart; bytes?: Uint8Array }>;

/** User values arrive from the contract untyped; anything but a map is refused in plain words. */
export function userValues(v: unknown, what = 'The values'): JsonObject {
  if (v === undefined) return {};
  if (!isObject(v)) throw new BerthFailure('input.invalid', `${what} must be a map of keys and values.`);
  return v;
}

export class ValuesService {
  /** `engine`: Helm's engine of the Services, which judges which values the templates read. */
  constructor(
    private readonly load: LoadValues,
    private readonly engine?: () => HelmEngine,
  ) {}

  async formModel(chart: ChartSource): Promise<FormModel> {
    return buildFormModel((await this.load(chart)).values);
  }

  async validate(chart: ChartSource, user?: JsonObject, yaml?: string): Promise<ValuesValidation> {
    const loaded = await this.load(chart);
    return typeof yaml === 'string' ? validateValuesText(loaded.values, yaml) : validateValues(loaded.values, userValues(user));
  }

  /**
   * The values set (overrides only), judged against what the chart's templates read: keys no
   * template reads (with the nearest that is read), keys reached only dynamically (not judged),
   * and keys the chart's schema marks deprecated.
   */
  async usage(chart: ChartSource, user: JsonObject): Promise<ValuesUsage> {
    const values = userValues(user);
    if (Object.keys(values).length === 0) return { findings: [], deprecated: [] };
    const loaded = await this.load(chart);
    if (!this.engine || !loaded.bytes) throw new BerthFailure('input.invalid', 'Which values the templates read cannot be told here: no chart engine.');
    return valuesUsage(loaded.bytes, values, this.engine());
  }

  /**
   * The 3-way merge; with an engine, the person's overrides are judged
   * against its templates and schema (`usage`: read by no template, deprecated). A chart the
   * engine cannot analyse gives no usage rather than a guess.
   */
  async merge3(from: ChartSource, to: ChartSource, user: JsonObject): Promise<Merge3Result> {
    const [a, b] = [await this.load(from), await this.load(to)];
    const overrides = userValues(user);
    const merged = merge3(chartValues(a.values, {}), chartValues(b.values, {}), overrides);
    if (!this.engine || !b.bytes || Object.keys(overrides).length === 0) return merged;
    // every override, conflicting ones too: "keep my value" carries them as they are
    const usage = await valuesUsage(b.bytes, overrides, this.engine()).catch(() => undefined);
    return usage ? { ...merged, usage } : merged;
  }

  async settle(
    from: ChartSource,
    to: ChartSource,
    user: JsonObject,
    resolutions: Record<string, Resolution>,
  ): Promise<SettledValues & { validation: ValuesValidation }> {
    const merged = await this.merge3(from, to, user);
    const settled = settle(merged, isObject(resolutions) ? (resolutions as Record<string, Resolution>) : {});
    const validation = validateValues((await this.load(to)).values, settled.values);
    return { ...settled, validation };
  }

  private async side(side: ValuesSide): Promise<JsonObject> {
    if ('chart' in side) return chartValues((await this.load(side.chart)).values, userValues(side.values));
    if ('values' in side) return userValues(side.values);
    return chartValues((await this.load(side)).values, {});
  }

  async diff(a: ValuesSide, b: ValuesSide): Promise<ValuesDiff> {
    return diffValues(await this.side(a), await this.side(b));
  }
}
