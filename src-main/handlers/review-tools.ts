import { BerthFailure } from '../../shared/result';
import { ReviewToolsService } from '../review-tools/review-tools-service';
import type { Services } from '../services';
import type { HandlerSlice } from './registry';

type ReviewToolsCall =
  | `values.${'formModel' | 'validate' | 'merge3' | 'settle' | 'diff'}`
  | `comment.${'list' | 'add' | 'reply' | 'resolve' | 'rejectCiting'}`
  | `report.${'build' | 'submit' | 'get' | 'export' | 'requestWaiver' | 'decideWaiver' | 'recordTestDeploy' | 'latestTestDeploy'}`
  | 'compare.versions';

// One service per Services, made on the first call so that starting Berth stays fast.
const instances = new WeakMap<Services, ReviewToolsService>();

function toolsOf(s: Services): ReviewToolsService {
  let t = instances.get(s);
  if (!t) {
    t = new ReviewToolsService({ catalog: () => s.catalog, tools: async () => (await import('../review-tools/toolkit')).chartToolkit() });
    instances.set(s, t);
  }
  return t;
}

function need<T>(value: T | undefined | null, field: string): T {
  if (value === undefined || value === null || value === '') throw new BerthFailure('input.invalid', `The request needs “${field}”.`, { field });
  return value;
}

/** Values forms, upgrade merges, review comments, the pre-submission report and version comparison. */
export function reviewToolsHandlers(s: Services): HandlerSlice<ReviewToolsCall> {
  const t = () => toolsOf(s);
  return {
    'values.formModel': (r) => t().formModel(need(r.chart, 'chart')),
    'values.validate': (r) => t().validate(need(r.chart, 'chart'), r.values, r.yaml),
    'values.merge3': (r) => t().merge3(need(r.from, 'from'), need(r.to, 'to'), r.values ?? {}),
    'values.settle': (r) => t().settle(need(r.from, 'from'), need(r.to, 'to'), r.values ?? {}, r.resolutions ?? {}),
    'values.diff': (r) => t().diff(need(r.a, 'a'), need(r.b, 'b')),
    'comment.list': (r) => t().comments.list(need(r.version, 'version')),
    'comment.add': (r) => t().comments.add(need(r.version, 'version'), need(r.anchor, 'anchor'), r.body),
    'comment.reply': (r) => t().comments.reply(need(r.thread, 'thread'), need(r.version, 'version'), r.body),
    'comment.resolve': (r) => t().comments.resolve(need(r.thread, 'thread'), need(r.version, 'version'), r.resolved !== false),
    'comment.rejectCiting': (r) => t().comments.rejectCiting(need(r.version, 'version'), need(r.reason, 'reason'), Array.isArray(r.threads) ? r.threads : []),
    'report.build': (r) => t().reports.build(need(r.version, 'version'), Array.isArray(r.kubeVersions) ? r.kubeVersions : []),
    'report.submit': (r) => t().submitWithReport({ ...r, version: need(r.version, 'version') }),
    'report.get': (r) => t().reports.get(need(r.version, 'version')),
    'report.latestTestDeploy': (r) => t().reports.latestTestDeploy(need(r.version, 'version')),
    'report.export': (r) => t().reports.export(need(r.version, 'version'), r.format === 'json' ? 'json' : 'markdown'),
    'report.requestWaiver': (r) => t().reports.requestWaiver(need(r.version, 'version'), need(r.check, 'check'), r.reason),
    'report.decideWaiver': (r) => t().reports.decideWaiver(need(r.waiver, 'waiver'), r.accept === true, r.note),
    'report.recordTestDeploy': (r) => t().reports.recordTestDeploy({ ...r, at: r.at ?? new Date().toISOString() }),
    'compare.versions': (r) => t().compare(need(r.a, 'a'), need(r.b, 'b'), r.values, r.kubeVersion),
  };
}
