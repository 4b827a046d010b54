/**
 * The catalog events the review tools add: comments, reports, waivers, test-deploy records
 * and the threads a rejection cites. They are signed, ordered, synced and audited like every
 * catalog event (registered as extension types by review-audit.ts); review-projection.ts
 * gives them their meaning.
 */
import type { CommentAnchor, PreSubmissionReport, TestDeployRecord } from '../../shared/types/review-tools';

export const REVIEW_EVENT_PREFIX = 'review.';

export interface ReviewEventData {
  /** A new thread (with `anchor`) or a reply (with `thread`, and `on`: the thread's anchor, for the audit). */
  'review.comment.add': { comment: string; app: string; version: string; thread?: string; anchor?: CommentAnchor; on?: CommentAnchor; body: string };
  /** `version` and `anchor` (of the thread, where it was resolved) let the audit say where. */
  'review.comment.resolve': { thread: string; resolved: boolean; version?: string; anchor?: CommentAnchor };
  'review.report.attach': { version: string; report: PreSubmissionReport };
  'review.waiver.request': { waiver: string; version: string; check: string; reason: string };
  /** `version` and `check` (of the waiver) let the audit say what was decided. */
  'review.waiver.decide': { waiver: string; accept: boolean; note?: string; version?: string; check?: string };
  'review.testDeploy.record': { version: string; record: TestDeployRecord };
  /** Threads a reviewer cited when rejecting the version. */
  'review.rejection.cite': { version: string; threads: string[] };
}

export type ReviewEventType = keyof ReviewEventData;

export const REVIEW_EVENT_TYPES: readonly ReviewEventType[] = [
  'review.comment.add',
  'review.comment.resolve',
  'review.report.attach',
  'review.waiver.request',
  'review.waiver.decide',
  'review.testDeploy.record',
  'review.rejection.cite',
];

export function isReviewEventType(type: string): type is ReviewEventType {
  return (REVIEW_EVENT_TYPES as readonly string[]).includes(type);
}

/** A verified review event as the projection reads it. */
export interface ReviewEvent<T extends ReviewEventType = ReviewEventType> {
  id: string;
  type: T;
  author: string;
  /** ISO time from the event's hybrid logical clock. */
  at: string;
  data: ReviewEventData[T];
}

export const REVIEW_LIMITS = {
  body: 20_000,
  reason: 4000,
  note: 4000,
  /** A report travels inside its event; reports of real charts are a few KB. */
  reportBytes: 512 * 1024,
  lineText: 500,
  citedThreads: 200,
} as const;

type Data = Record<string, unknown>;
const obj = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const id = (v: unknown) => typeof v === 'string' && /^[A-Za-z0-9_-]{1,80}$/.test(v);
const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const optText = (v: unknown, max: number) => v === undefined || (typeof v === 'string' && v.length <= max);
const line = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1;
const path = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 1000;

export function isAnchor(v: unknown): v is CommentAnchor {
  if (!obj(v) || !line(v.line) || !optText(v.lineText, REVIEW_LIMITS.lineText)) return false;
  switch (v.kind) {
    case 'file':
    case 'manifest':
      return path(v.path);
    case 'changelog':
      return true;
    case 'diff':
      return (
        path(v.path) &&
        (v.side === 'old' || v.side === 'new') &&
        (v.base === undefined || id(v.base)) &&
        (v.of === undefined || v.of === 'file' || v.of === 'manifest')
      );
    default:
      return false;
  }
}

function isReport(v: unknown): boolean {
  if (!obj(v) || v.format !== 1 || !id(v.version) || !id(v.app) || typeof v.packageSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(v.packageSha256)) return false;
  if (!Array.isArray(v.checks) || !Array.isArray(v.images) || !Array.isArray(v.kubeVersions)) return false;
  return v.checks.every((c) => obj(c) && typeof c.id === 'string' && typeof c.status === 'string' && Array.isArray(c.findings));
}

function isTestSuite(v: unknown): boolean {
  return (
    obj(v) &&
    (v.outcome === 'passed' || v.outcome === 'failed' || v.outcome === 'none') &&
    (v.error === undefined || typeof v.error === 'string') &&
    Array.isArray(v.results) &&
    v.results.length <= 20 &&
    v.results.every(
      (r) =>
        obj(r) && typeof r.name === 'string' && typeof r.phase === 'string' && (r.log === undefined || (typeof r.log === 'string' && r.log.length <= 4001)),
    )
  );
}

function isTestDeploy(v: unknown): boolean {
  return (
    obj(v) &&
    id(v.version) &&
    typeof v.release === 'string' &&
    typeof v.namespace === 'string' &&
    (v.outcome === 'running' || v.outcome === 'failed' || v.outcome === 'pending') &&
    typeof v.at === 'string' &&
    (v.tests === undefined || isTestSuite(v.tests)) &&
    (v.upgradeFrom === undefined ||
      (obj(v.upgradeFrom) && id(v.upgradeFrom.version) && (v.upgradeFrom.outcome === 'passed' || v.upgradeFrom.outcome === 'failed'))) &&
    (v.ciCase === undefined || (obj(v.ciCase) && typeof v.ciCase.file === 'string' && /^ci\/[^/]{1,200}-values\.ya?ml$/.test(v.ciCase.file)))
  );
}

const SHAPES: Record<ReviewEventType, (d: Data) => boolean> = {
  'review.comment.add': (d) =>
    id(d.comment) &&
    id(d.app) &&
    id(d.version) &&
    text(d.body, REVIEW_LIMITS.body) &&
    (d.thread === undefined ? isAnchor(d.anchor) && d.on === undefined : id(d.thread) && d.anchor === undefined && (d.on === undefined || isAnchor(d.on))),
  'review.comment.resolve': (d) =>
    id(d.thread) && typeof d.resolved === 'boolean' && (d.version === undefined || id(d.version)) && (d.anchor === undefined || isAnchor(d.anchor)),
  'review.report.attach': (d) => id(d.version) && isReport(d.report) && JSON.stringify(d.report).length <= REVIEW_LIMITS.reportBytes,
  'review.waiver.request': (d) => id(d.waiver) && id(d.version) && text(d.check, 200) && text(d.reason, REVIEW_LIMITS.reason),
  'review.waiver.decide': (d) =>
    id(d.waiver) &&
    typeof d.accept === 'boolean' &&
    optText(d.note, REVIEW_LIMITS.note) &&
    (d.version === undefined || id(d.version)) &&
    (d.check === undefined || text(d.check, 200)),
  'review.testDeploy.record': (d) => id(d.version) && isTestDeploy(d.record),
  'review.rejection.cite': (d) => id(d.version) && Array.isArray(d.threads) && d.threads.length <= REVIEW_LIMITS.citedThreads && d.threads.every(id),
};

export function hasReviewShape(type: ReviewEventType, data: unknown): boolean {
  return obj(data) && SHAPES[type](data);
}
