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
import { hasReviewShape, REVIEW_EVENT_TYPES, type ReviewEventData, type ReviewEventType } from './review-events';

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

function quote(text: string, max = 120): string {
  const first = text.trim().split('\n')[0];
  return `“${first.length > max ? `${first.slice(0, max - 1)}…` : first}”`;
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
  return reviewerRole(state, key) ?? workspaceRole(state as CatalogState, key, t.workspace) ?? refuseExtension('catalog.forbidden', 'Only members of the app’s workspace and reviewers take part in its review.');
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
    const what = d.anchor ? `commented on ${describeAnchor(d.anchor)} of ${t.name}` : d.on ? `replied on ${describeAnchor(d.on)} of ${t.name}` : `replied to a thread on ${t.name}`;
    return { ...t.fields, role, message: `${who} ${what}: ${quote(d.body)}` };
  },
  'review.comment.resolve': (e, d, who) => {
    const t = versionTarget(e.state, d.version);
    const role = t ? seeingRole(e.state, e.author, t) : undefined;
    const message = `${who} ${d.resolved ? 'resolved' : 'reopened'} a comment thread${d.anchor ? ` on ${describeAnchor(d.anchor)}` : ''}${t ? ` of ${t.name}` : ''}`;
    return { ...t?.fields, ...(role && { role }), message };
  },
  'review.report.attach': (e, d, who) => {
    const t = versionTarget(e.state, d.version)!;
    const role = isvOrReviewer(e.state, e.author, t, 'attach reports');
    const failed = d.report.checks.filter((c) => c.status === 'fail').length;
    return { ...t.fields, role, message: `${who} attached the pre-submission report of ${t.name} (${d.report.checks.length} checks, ${failed} failed)` };
  },
  'review.waiver.request': (e, d, who) => {
    const t = versionTarget(e.state, d.version)!;
    if (workspaceRole(e.state as CatalogState, e.author, t.workspace) !== 'isv') refuseExtension('catalog.forbidden', 'Only the app’s ISVs ask for waivers.');
    return { ...t.fields, role: 'isv', message: `${who} asked to waive the check ${d.check} of ${t.name}: ${quote(d.reason)}` };
  },
  'review.waiver.decide': (e, d, who) => {
    const role = reviewerRole(e.state, e.author) ?? refuseExtension('catalog.forbidden', 'Only reviewers decide waivers.');
    const t = versionTarget(e.state, d.version);
    const check = d.check ? ` of the check ${d.check}` : '';
    return { ...t?.fields, role, message: `${who} ${d.accept ? 'accepted' : 'refused'} the waiver${check}${t ? ` of ${t.name}` : ''}${d.note ? `: ${quote(d.note)}` : ''}` };
  },
  'review.testDeploy.record': (e, d, who) => {
    const t = versionTarget(e.state, d.version)!;
    const role = isvOrReviewer(e.state, e.author, t, 'record test deploys');
    return { ...t.fields, role, message: `${who} recorded a test deploy of ${t.name} to namespace ${d.record.namespace}: ${d.record.outcome}` };
  },
  'review.rejection.cite': (e, d, who) => {
    const role = reviewerRole(e.state, e.author) ?? refuseExtension('catalog.forbidden', 'Only reviewers cite threads in a rejection.');
    const t = versionTarget(e.state, d.version)!;
    return { ...t.fields, role, message: `${who} cited ${d.threads.length} comment thread${d.threads.length === 1 ? '' : 's'} in rejecting ${t.name}` };
  },
};

export const REVIEW_AUDIT_TYPES: readonly ExtensionEventType[] = REVIEW_EVENT_TYPES.map((type) => ({
  type,
  hasShape: (data: unknown) => hasReviewShape(type, data),
  describe: (e: ExtensionEvent) => (DESCRIBE[type] as Describe<ReviewEventType>)(e, e.data as ReviewEventData[ReviewEventType], displayNameOf(e.state as CatalogState, e.author)),
}));

/** Tells the catalog about the review events; run once before any catalog is opened. */
export function registerReviewEvents(): void {
  registerEventTypes(REVIEW_AUDIT_TYPES);
}
