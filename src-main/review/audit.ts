/**
 * The review events as the catalog's audit tells them: each type registers with the catalog
 * (catalog/extensions.ts) a shape check, the author's right, and a plain sentence tied to the
 * app and version, e.g. “Ana commented on templates/deployment.yaml line 12 of 4.0.2”.
 * What the events mean for threads, reports and waivers stays in review-projection.ts.
 */
import type { ActingRole } from '../../shared/types/catalog';
import type { CommentAnchor } from '../../shared/types/review-tools';
import type { AuditFields } from '../catalog/apply-context';
import { refuseExtension, registerEventTypes, type ExtensionEvent, type ExtensionEventType } from '../catalog/extensions';
import { displayNameOf, hasRole, isReviewer, workspaceRole, type CatalogState } from '../catalog/state';
import { hasReviewShape, REVIEW_EVENT_TYPES, type ReviewEventData, type ReviewEventType } from './events';

/** Where an anchor points, in words: `templates/deployment.yaml line 12`, `the changelog line 3`. */
export function describeAnchor(anchor: CommentAnchor): string {
  switch (anchor.kind) {
    case 'file':
      return `${anchor.path} line ${anchor.line}`;
    case 'manifest':
      return `the rendered ${anchor.path} line ${anchor.line}`;
    case 'changelog':
      return `the changelog line ${anchor.line}`;
    case 'diff':
      return `the diff of ${anchor.of === 'manifest' ? 'the rendered ' : ''}${anchor.path} line ${anchor.line}`;
  }
}

/** The first line of what someone wrote, cut to `max` characters. */
function excerpt(text: string, max = 120): string {
  const first = text.trim().split('\n')[0];
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

function quote(text: string): string {
  return `“${excerpt(text)}”`;
}

/** An anchor as audit detail params; the UI words them as `where` (see AuditDetail). */
export function anchorParams(anchor: CommentAnchor): Record<string, string | number> {
  const kind = anchor.kind === 'diff' && anchor.of === 'manifest' ? 'diffManifest' : anchor.kind;
  return anchor.kind === 'changelog' ? { anchor: kind, line: anchor.line } : { anchor: kind, path: anchor.path, line: anchor.line };
}

interface Target {
  fields: AuditFields;
  name: string;
  workspace: string;
}

/** The version an event is about, as the audit records it; refused when it is not in the catalog. */
function versionTarget(state: Readonly<CatalogState>, id: string | undefined): Target | undefined {
  if (id === undefined) return undefined;
  const v = state.versions.get(id);
  const app = v && state.apps.get(v.appId);
  if (!v || v.state === 'deleted' || !app) refuseExtension('not-found', 'It is about a version this catalog does not have.');
  return { fields: { appId: app.id, appName: app.chartName, versionId: v.id, versionName: v.name }, name: v.name, workspace: app.workspace };
}

function reviewerRole(state: Readonly<CatalogState>, key: string): ActingRole | undefined {
  if (hasRole(state as CatalogState, key, 'admin')) return 'admin';
  return isReviewer(state as CatalogState, key) ? 'reviewer' : undefined;
}

/** The app's ISVs take part as ISVs, reviewers as reviewers, other workspace members as members. */
function seeingRole(state: Readonly<CatalogState>, key: string, t: Target): ActingRole {
  if (workspaceRole(state as CatalogState, key, t.workspace) === 'isv') return 'isv';
  return (
    reviewerRole(state, key) ??
    workspaceRole(state as CatalogState, key, t.workspace) ??
    refuseExtension('catalog.forbidden', 'Only members of the app’s workspace and reviewers take part in its review.')
  );
}

function isvOrReviewer(state: Readonly<CatalogState>, key: string, t: Target, what: string): ActingRole {
  if (workspaceRole(state as CatalogState, key, t.workspace) === 'isv') return 'isv';
  return reviewerRole(state, key) ?? refuseExtension('catalog.forbidden', `Only the app’s ISVs and reviewers ${what}.`);
}

type Describe<T extends ReviewEventType> = (e: ExtensionEvent, d: ReviewEventData[T], who: string) => AuditFields;

const DESCRIBE: { [T in ReviewEventType]: Describe<T> } = {
  'review.comment.add': (e, d, who) => {
    const t = versionTarget(e.state, d.version)!;
    if (t.fields.appId !== d.app) refuseExtension('input.invalid', 'The version belongs to another app.');
    const role = seeingRole(e.state, e.author, t);
    const what = d.anchor
      ? `commented on ${describeAnchor(d.anchor)} of ${t.name}`
      : d.on
        ? `replied on ${describeAnchor(d.on)} of ${t.name}`
        : `replied to a thread on ${t.name}`;
    const at = d.anchor ?? d.on;
    const detail = {
      key: d.anchor ? 'commented' : d.on ? 'repliedOn' : 'replied',
      params: { who, version: t.name, ...(at && anchorParams(at)), text: excerpt(d.body) },
    };
    return { ...t.fields, role, message: `${who} ${what}: ${quote(d.body)}`, detail };
  },
  'review.comment.resolve': (e, d, who) => {
    const t = versionTarget(e.state, d.version);
    const role = t ? seeingRole(e.state, e.author, t) : undefined;
    const message = `${who} ${d.resolved ? 'resolved' : 'reopened'} a comment thread${d.anchor ? ` on ${describeAnchor(d.anchor)}` : ''}${t ? ` of ${t.name}` : ''}`;
    const key = `thread${d.resolved ? 'Resolved' : 'Reopened'}${!t ? 'Any' : d.anchor ? 'On' : ''}`;
    const detail = { key, params: { who, ...(t && { version: t.name, ...(d.anchor && anchorParams(d.anchor)) }) } };
    return { ...t?.fields, ...(role && { role }), message, detail };
  },
  'review.report.attach': (e, d, who) => {
    const t = versionTarget(e.state, d.version)!;
    const role = isvOrReviewer(e.state, e.author, t, 'attach reports');
    const failed = d.report.checks.filter((c) => c.status === 'fail').length;
    const detail = { key: 'reportAttached', params: { who, version: t.name, checks: d.report.checks.length, failed } };
    return {
      ...t.fields,
      role,
      message: `${who} attached the pre-submission report of ${t.name} (${d.report.checks.length} checks, ${failed} failed)`,
      detail,
    };
  },
  'review.waiver.request': (e, d, who) => {
    const t = versionTarget(e.state, d.version)!;
    if (workspaceRole(e.state as CatalogState, e.author, t.workspace) !== 'isv') refuseExtension('catalog.forbidden', 'Only the app’s ISVs ask for waivers.');
    const detail = { key: 'waiverRequested', params: { who, check: d.check, version: t.name, text: excerpt(d.reason) } };
    return { ...t.fields, role: 'isv', message: `${who} asked to waive the check ${d.check} of ${t.name}: ${quote(d.reason)}`, detail };
  },
  'review.waiver.decide': (e, d, who) => {
    const role = reviewerRole(e.state, e.author) ?? refuseExtension('catalog.forbidden', 'Only reviewers decide waivers.');
    const t = versionTarget(e.state, d.version);
    const check = d.check ? ` of the check ${d.check}` : '';
    const message = `${who} ${d.accept ? 'accepted' : 'refused'} the waiver${check}${t ? ` of ${t.name}` : ''}${d.note ? `: ${quote(d.note)}` : ''}`;
    const full = t !== undefined && d.check !== undefined;
    const params = { who, ...(full && { check: d.check!, version: t.name }), ...(d.note && { text: excerpt(d.note) }) };
    return { ...t?.fields, role, message, detail: { key: `waiver${d.accept ? 'Accepted' : 'Refused'}${full ? '' : 'Any'}`, params } };
  },
  'review.testDeploy.record': (e, d, who) => {
    const t = versionTarget(e.state, d.version)!;
    const role = isvOrReviewer(e.state, e.author, t, 'record test deploys');
    const key = `testDeploy${d.record.outcome[0].toUpperCase()}${d.record.outcome.slice(1)}`;
    const detail = { key, params: { who, version: t.name, namespace: d.record.namespace } };
    return { ...t.fields, role, message: `${who} recorded a test deploy of ${t.name} to namespace ${d.record.namespace}: ${d.record.outcome}`, detail };
  },
  'review.rejection.cite': (e, d, who) => {
    const role = reviewerRole(e.state, e.author) ?? refuseExtension('catalog.forbidden', 'Only reviewers cite threads in a rejection.');
    const t = versionTarget(e.state, d.version)!;
    const detail = { key: 'threadsCited', params: { who, count: d.threads.length, version: t.name } };
    return { ...t.fields, role, message: `${who} cited ${d.threads.length} comment thread${d.threads.length === 1 ? '' : 's'} in rejecting ${t.name}`, detail };
  },
};

export const REVIEW_AUDIT_TYPES: readonly ExtensionEventType[] = REVIEW_EVENT_TYPES.map((type) => ({
  type,
  hasShape: (data: unknown) => hasReviewShape(type, data),
  describe: (e: ExtensionEvent) =>
    (DESCRIBE[type] as Describe<ReviewEventType>)(e, e.data as ReviewEventData[ReviewEventType], displayNameOf(e.state as CatalogState, e.author)),
}));

/** Tells the catalog about the review events; run once before any catalog is opened. */
export function registerReviewEvents(): void {
  registerEventTypes(REVIEW_AUDIT_TYPES);
}
