/**
 * The review and upgrade tools of one Berth process: values forms, validation, the upgrade
 * merge, structural diffs, comments, the pre-submission report and version comparison.
 * Built on first use; reads the catalog through its services and the chart toolkit through
 * the ReportTools ports.
 */
import { BerthFailure } from '../../shared/result';
import type { VersionSummary } from '../../shared/types/catalog';
import type { ChartSource, ReportView, VersionComparison } from '../../shared/types/review-tools';
import type { FormModel, JsonObject, Merge3Result, Resolution, SettledValues, ValuesDiff, ValuesValidation } from '../../shared/types/values';
import { CatalogReviewLog, type ReviewEventLog } from '../catalog-ext/catalog-log';
import { ReviewStore } from '../catalog-ext/review-store';
import type { ReportTools } from '../report/build-report';
import type { CatalogServices } from '../sync/catalog-services';
import { chartValues } from '../values/coalesce';
import { diffValues } from '../values/diff';
import { buildFormModel } from '../values/form-model';
import { isObject } from '../values/json-value';
import { merge3, settle } from '../values/merge3';
import { validateValues, validateValuesText } from '../values/validate';
import { ChartSources } from './chart-source';
import { CommentService } from './comments';
import { compareVersions } from './compare-versions';
import { ReportService } from './reports';

export type ValuesSide = ChartSource | { values: JsonObject } | { chart: ChartSource; values: JsonObject };

export interface ReviewToolsOptions {
  catalog: () => CatalogServices;
  /** The chart toolkit's lint and render, loaded when a report or comparison first needs them. */
  tools: () => Promise<ReportTools>;
  log?: ReviewEventLog;
}

function values(v: unknown, what = 'The values'): JsonObject {
  if (v === undefined) return {};
  if (!isObject(v)) throw new BerthFailure('input.invalid', `${what} must be a map of keys and values.`);
  return v;
}

export class ReviewToolsService {
  readonly sources: ChartSources;
  readonly store: ReviewStore;
  readonly comments: CommentService;
  readonly reports: ReportService;

  constructor(private readonly options: ReviewToolsOptions) {
    this.sources = new ChartSources(options.catalog);
    this.store = new ReviewStore(options.log ?? new CatalogReviewLog(options.catalog().core));
    this.comments = new CommentService(this.store, this.sources, options.catalog);
    this.reports = new ReportService(this.store, this.sources, options.tools);
  }

  async formModel(chart: ChartSource): Promise<FormModel> {
    return buildFormModel((await this.sources.load(chart)).values);
  }

  async validate(chart: ChartSource, user?: JsonObject, yaml?: string): Promise<ValuesValidation> {
    const loaded = await this.sources.load(chart);
    return typeof yaml === 'string' ? validateValuesText(loaded.values, yaml) : validateValues(loaded.values, values(user));
  }

  async merge3(from: ChartSource, to: ChartSource, user: JsonObject): Promise<Merge3Result> {
    const [a, b] = [await this.sources.load(from), await this.sources.load(to)];
    return merge3(chartValues(a.values, {}), chartValues(b.values, {}), values(user));
  }

  async settle(from: ChartSource, to: ChartSource, user: JsonObject, resolutions: Record<string, Resolution>): Promise<SettledValues & { validation: ValuesValidation }> {
    const merged = await this.merge3(from, to, user);
    const settled = settle(merged, isObject(resolutions) ? (resolutions as Record<string, Resolution>) : {});
    const validation = validateValues((await this.sources.load(to)).values, settled.values);
    return { ...settled, validation };
  }

  private async side(side: ValuesSide): Promise<JsonObject> {
    if ('chart' in side) return chartValues((await this.sources.load(side.chart)).values, values(side.values));
    if ('values' in side) return values(side.values);
    return chartValues((await this.sources.load(side)).values, {});
  }

  async diff(a: ValuesSide, b: ValuesSide): Promise<ValuesDiff> {
    return diffValues(await this.side(a), await this.side(b));
  }

  async submitWithReport(req: { version: string; versionName?: string; changelog?: string; message?: string; kubeVersions?: string[] }): Promise<{ version: VersionSummary; report: ReportView }> {
    const report = await this.reports.build(req.version, req.kubeVersions);
    const { kubeVersions: _k, ...submit } = req;
    const version = await this.options.catalog().commands.submitVersion(submit);
    return { version, report };
  }

  async compare(a: ChartSource, b: ChartSource, user?: JsonObject, kubeVersion?: string): Promise<VersionComparison> {
    const [left, right] = [await this.sources.load(a), await this.sources.load(b)];
    const reports: { a?: ReportView; b?: ReportView } = {};
    if (left.version) reports.a = (await this.reports.get(left.version.id)) ?? undefined;
    if (right.version) reports.b = (await this.reports.get(right.version.id)) ?? undefined;
    const tools = await this.options.tools();
    return compareVersions(left, right, { values: values(user), kubeVersion, render: tools.render, reports });
  }
}
