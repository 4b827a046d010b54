/**
 * The review tools of one Berth process: comments, the pre-submission report and version
 * comparison.
 * Built on first use; reads the catalog through its services and the chart toolkit through
 * the ReportTools ports.
 */
import type { VersionSummary } from '../../shared/types/catalog';
import type { ChartSource, ReportView, VersionComparison } from '../../shared/types/review-tools';
import type { JsonObject } from '../../shared/types/values';
import type { SubmittedTestDeploy } from '../catalog/event-types';
import { requireChangelog } from '../catalog/validation';
import { CatalogReviewLog, type ReviewEventLog } from './catalog-log';
import { ReviewStore } from './store';
import type { ReportTools } from './build-report';
import type { CatalogServices } from '../catalog/catalog-services';
import { userValues } from '../values/values-service';
import { ChartSources } from './chart-source';
import { CommentService } from './comments';
import { compareVersions } from './compare-versions';
import { ReportService } from './reports';

export interface ReviewServiceOptions {
  catalog: () => CatalogServices;
  /** The chart toolkit's lint and render, loaded when a report or comparison first needs them. */
  tools: () => Promise<ReportTools>;
  log?: ReviewEventLog;
  /** Shared with the values tools so one package is read once. */
  sources?: ChartSources;
}

export class ReviewService {
  readonly sources: ChartSources;
  readonly store: ReviewStore;
  readonly comments: CommentService;
  readonly reports: ReportService;

  constructor(private readonly options: ReviewServiceOptions) {
    this.sources = options.sources ?? new ChartSources(options.catalog);
    this.store = new ReviewStore(options.log ?? new CatalogReviewLog(options.catalog().core));
    this.comments = new CommentService(this.store, this.sources, options.catalog);
    this.reports = new ReportService(this.store, this.sources, options.tools);
  }

  async submitWithReport(req: {
    version: string;
    versionName?: string;
    changelog?: string;
    message?: string;
    kubeVersions?: string[];
  }): Promise<{ version: VersionSummary; report: ReportView }> {
    // refused before the report is built, so a refused submit leaves no report behind
    if (req.changelog !== undefined)
      requireChangelog(req.changelog, req.versionName?.trim() || (await this.options.catalog().queries.version(req.version)).name);
    const report = await this.reports.build(req.version, req.kubeVersions);
    const { kubeVersions: _k, ...submit } = req;
    // what the catalog recorded, not what the dialog claims: History and the report then agree
    const recorded = report.report.testDeploy;
    const testDeploy: SubmittedTestDeploy = recorded
      ? { outcome: recorded.outcome, release: recorded.release, namespace: recorded.namespace, at: recorded.at }
      : { outcome: 'none' };
    const version = await this.options.catalog().commands.submitVersion(submit, { requireChangelog: true, testDeploy });
    return { version, report };
  }

  async compare(a: ChartSource, b: ChartSource, user?: JsonObject, kubeVersion?: string): Promise<VersionComparison> {
    const [left, right] = [await this.sources.load(a), await this.sources.load(b)];
    const reports: { a?: ReportView; b?: ReportView } = {};
    if (left.version) reports.a = (await this.reports.get(left.version.id)) ?? undefined;
    if (right.version) reports.b = (await this.reports.get(right.version.id)) ?? undefined;
    const tools = await this.options.tools();
    return compareVersions(left, right, { values: userValues(user), kubeVersion, render: tools.render, reports });
  }
}
