import type { Services } from '../services';
import { need } from './input';
import type { HandlerSlice } from './registry';

type ReviewCall =
  | `comment.${'list' | 'add' | 'reply' | 'resolve' | 'rejectCiting'}`
  | `report.${'build' | 'submit' | 'get' | 'export' | 'requestWaiver' | 'decideWaiver' | 'recordTestDeploy' | 'latestTestDeploy'}`
  | 'compare.versions';

/** Review comments, the pre-submission report and version comparison. */
export function reviewHandlers(s: Services): HandlerSlice<ReviewCall> {
  const t = () => s.review;
  return {
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
