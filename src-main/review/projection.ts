/**
 * What the review events mean, replayed in the catalog's order: comment threads, reports,
 * waivers and test-deploy records, with the same kind of rules as the lifecycle — an event
 * whose author lacks the right (not a member of the app's workspace, not a reviewer) or
 * that points at nothing is kept but has no effect.
 */
import type { CheckStatus, CommentThread, PreSubmissionReport, ReportCheckView, ReportView, TestDeployRecord, Waiver } from '../../shared/types/review-tools';
import { hasReviewShape, type ReviewEvent, type ReviewEventType } from './events';

/** The little the projection needs to know about the catalog. */
export interface CatalogFacts {
  version(id: string): { id: string; app: string; name: string; packageSha256: string } | undefined;
  app(id: string): { id: string; workspace: string } | undefined;
  /** The app's live versions, oldest first. */
  versionsOf(app: string): string[];
  displayName(key: string): string;
  isReviewer(key: string): boolean;
  workspaceRole(key: string, workspace: string): 'isv' | 'member' | undefined;
}

type ThreadRecord = Omit<CommentThread, 'carried' | 'versionName' | 'resolvedByName' | 'comments'> & {
  comments: { id: string; author: string; at: string; body: string }[];
};

export interface ReviewToolsState {
  threads: Map<string, ThreadRecord>;
  comments: Set<string>;
  reports: Map<string, PreSubmissionReport[]>;
  waivers: Map<string, Omit<Waiver, 'requestedByName' | 'decidedByName'>>;
  testDeploys: Map<string, TestDeployRecord[]>;
  /** Events that had no effect, with the reason (for the log, not for people). */
  refused: { event: string; reason: string }[];
}

class Refusal extends Error {}

function refuse(reason: string): never {
  throw new Refusal(reason);
}

function canSee(facts: CatalogFacts, key: string, appId: string): boolean {
  const app = facts.app(appId);
  return !!app && (facts.isReviewer(key) || facts.workspaceRole(key, app.workspace) !== undefined);
}

function isIsv(facts: CatalogFacts, key: string, appId: string): boolean {
  const app = facts.app(appId);
  return !!app && facts.workspaceRole(key, app.workspace) === 'isv';
}

function versionOf(facts: CatalogFacts, id: string) {
  return facts.version(id) ?? refuse(`version ${id} is unknown`);
}

type Apply<T extends ReviewEventType> = (s: ReviewToolsState, e: ReviewEvent<T>, facts: CatalogFacts) => void;

const APPLY: { [T in ReviewEventType]: Apply<T> } = {
  'review.comment.add': (s, e, facts) => {
    const d = e.data;
    const v = versionOf(facts, d.version);
    if (v.app !== d.app) refuse('the version belongs to another app');
    if (!canSee(facts, e.author, d.app)) refuse('the author may not see this app');
    if (s.comments.has(d.comment)) refuse('duplicate comment id');
    const comment = { id: d.comment, author: e.author, at: e.at, body: d.body };
    if (d.thread) {
      const thread = s.threads.get(d.thread) ?? refuse('reply to an unknown thread');
      if (thread.app !== d.app) refuse('reply from another app');
      thread.comments.push(comment);
    } else {
      s.threads.set(d.comment, { id: d.comment, app: d.app, version: d.version, anchor: d.anchor!, resolved: false, citedIn: [], comments: [comment] });
    }
    s.comments.add(d.comment);
  },
  'review.comment.resolve': (s, e, facts) => {
    const thread = s.threads.get(e.data.thread) ?? refuse('unknown thread');
    if (!canSee(facts, e.author, thread.app)) refuse('the author may not see this app');
    thread.resolved = e.data.resolved;
    if (e.data.resolved) {
      thread.resolvedBy = e.author;
      thread.resolvedAt = e.at;
    } else {
      delete thread.resolvedBy;
      delete thread.resolvedAt;
    }
  },
  'review.report.attach': (s, e, facts) => {
    const v = versionOf(facts, e.data.version);
    if (e.data.report.version !== v.id || e.data.report.app !== v.app) refuse('the report describes another version');
    if (!isIsv(facts, e.author, v.app) && !facts.isReviewer(e.author)) refuse('only the app’s ISVs and reviewers attach reports');
    s.reports.set(v.id, [...(s.reports.get(v.id) ?? []), e.data.report]);
  },
  'review.waiver.request': (s, e, facts) => {
    const v = versionOf(facts, e.data.version);
    if (!isIsv(facts, e.author, v.app)) refuse('only the app’s ISVs ask for waivers');
    if (s.waivers.has(e.data.waiver)) refuse('duplicate waiver id');
    s.waivers.set(e.data.waiver, {
      id: e.data.waiver,
      version: v.id,
      check: e.data.check,
      reason: e.data.reason,
      requestedBy: e.author,
      requestedAt: e.at,
      state: 'requested',
    });
  },
  'review.waiver.decide': (s, e, facts) => {
    const w = s.waivers.get(e.data.waiver) ?? refuse('unknown waiver');
    if (!facts.isReviewer(e.author)) refuse('only reviewers decide waivers');
    if (w.requestedBy === e.author) refuse('nobody decides their own waiver');
    w.state = e.data.accept ? 'accepted' : 'refused';
    w.decidedBy = e.author;
    w.decidedAt = e.at;
    if (e.data.note) w.note = e.data.note;
    else delete w.note;
  },
  'review.testDeploy.record': (s, e, facts) => {
    const v = versionOf(facts, e.data.version);
    if (e.data.record.version !== v.id) refuse('the record is about another version');
    if (!isIsv(facts, e.author, v.app) && !facts.isReviewer(e.author)) refuse('only the app’s ISVs and reviewers record test deploys');
    s.testDeploys.set(v.id, [...(s.testDeploys.get(v.id) ?? []), { ...e.data.record, by: e.author }]);
  },
  'review.rejection.cite': (s, e, facts) => {
    const v = versionOf(facts, e.data.version);
    if (!facts.isReviewer(e.author)) refuse('only reviewers cite threads in a rejection');
    for (const t of e.data.threads) {
      const thread = s.threads.get(t);
      if (thread && thread.app === v.app && !thread.citedIn.includes(v.id)) thread.citedIn.push(v.id);
    }
  },
};

export function emptyReviewState(): ReviewToolsState {
  return { threads: new Map(), comments: new Set(), reports: new Map(), waivers: new Map(), testDeploys: new Map(), refused: [] };
}

/** Applies events (already verified and in the catalog's order) to the state. */
export function applyReviewEvents(state: ReviewToolsState, events: readonly ReviewEvent[], facts: CatalogFacts): ReviewToolsState {
  for (const e of events) {
    if (!hasReviewShape(e.type, e.data)) {
      state.refused.push({ event: e.id, reason: `malformed ${e.type}` });
      continue;
    }
    try {
      (APPLY[e.type] as Apply<ReviewEventType>)(state, e as ReviewEvent<ReviewEventType>, facts);
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      state.refused.push({ event: e.id, reason: err.message });
    }
  }
  return state;
}

// ── reading ───────────────────────────────────────────────────────────────────

function showThread(t: ThreadRecord, facts: CatalogFacts): CommentThread {
  const out: CommentThread = {
    ...t,
    versionName: facts.version(t.version)?.name ?? t.version,
    citedIn: [...t.citedIn],
    comments: t.comments.map((c) => ({ ...c, authorName: facts.displayName(c.author) })),
  };
  if (t.resolvedBy) out.resolvedByName = facts.displayName(t.resolvedBy);
  return out;
}

/**
 * Threads to show on a version: its own, plus unresolved ones opened on earlier versions
 * of the app (they carry to the next review). Carried threads still need re-anchoring
 * against the version's files (see reanchor).
 */
export function threadsForVersion(state: ReviewToolsState, facts: CatalogFacts, versionId: string): CommentThread[] {
  const v = facts.version(versionId);
  if (!v) return [];
  const order = facts.versionsOf(v.app);
  const here = order.indexOf(versionId);
  const out: CommentThread[] = [];
  for (const t of state.threads.values()) {
    if (t.app !== v.app) continue;
    if (t.version === versionId) out.push(showThread(t, facts));
    else if (!t.resolved && here >= 0 && order.indexOf(t.version) >= 0 && order.indexOf(t.version) < here) out.push(showThread(t, facts));
  }
  return out;
}

/** Where a line of an earlier version is now: the same text nearest its old line number. */
export function reanchor(line: number, lineText: string | undefined, lines: readonly string[] | undefined): { line: number } | { outdated: true } {
  if (!lines || lineText === undefined) return { outdated: true };
  const want = lineText.trim();
  let best: number | undefined;
  lines.forEach((l, i) => {
    if (l.trim() !== want) return;
    if (best === undefined || Math.abs(i + 1 - line) < Math.abs(best - line)) best = i + 1;
  });
  return best === undefined ? { outdated: true } : { line: best };
}

export function waiversForVersion(state: ReviewToolsState, facts: CatalogFacts, versionId: string): Waiver[] {
  return [...state.waivers.values()]
    .filter((w) => w.version === versionId)
    .map((w) => {
      const out: Waiver = { ...w, requestedByName: facts.displayName(w.requestedBy) };
      if (w.decidedBy) out.decidedByName = facts.displayName(w.decidedBy);
      return out;
    });
}

const RANK: Record<CheckStatus, number> = { pass: 0, unavailable: 1, warn: 1, fail: 2 };

export function reportView(state: ReviewToolsState, facts: CatalogFacts, versionId: string): ReportView | undefined {
  const report = state.reports.get(versionId)?.at(-1);
  if (!report) return undefined;
  // The latest request per check counts (a new request replaces an earlier one).
  const latest = new Map<string, Waiver>();
  for (const w of waiversForVersion(state, facts, versionId)) latest.set(w.check, w);
  const checks: ReportCheckView[] = report.checks.map((c) => {
    const waiver = latest.get(c.id);
    const waived = waiver?.state === 'accepted' && (c.status === 'fail' || c.status === 'warn' || c.status === 'unavailable');
    const view: ReportCheckView = { ...c, effective: waived ? 'pass' : c.status };
    if (waiver) view.waiver = waiver;
    return view;
  });
  const worst = Math.max(0, ...checks.map((c) => RANK[c.effective]));
  return {
    report,
    checks,
    overall: worst === 2 ? 'fail' : worst === 1 ? 'warn' : 'pass',
    stale: facts.version(versionId)?.packageSha256 !== report.packageSha256,
  };
}

export function latestTestDeploy(state: ReviewToolsState, versionId: string): TestDeployRecord | undefined {
  return state.testDeploys.get(versionId)?.at(-1);
}

/** The latest test deploy that was an upgrade test (a later plain test deploy does not hide it). */
export function latestUpgradeTest(state: ReviewToolsState, versionId: string): TestDeployRecord | undefined {
  return [...(state.testDeploys.get(versionId) ?? [])].reverse().find((r) => r.upgradeFrom);
}
