import { describe, expect, it } from 'vitest';
import type { PreSubmissionReport } from '../../../shared/types/review-tools';
import { applyReviewEvents, emptyReviewState, reanchor, reportView, threadsForVersion, type CatalogFacts } from '../../../src-main/review/projection';
import type { ReviewEvent, ReviewEventData, ReviewEventType } from '../../../src-main/review/events';

const ISV = 'i'.repeat(64);
const REVIEWER = 'r'.repeat(64);
const STRANGER = 's'.repeat(64);
const SHA = 'a'.repeat(64);

const facts: CatalogFacts = {
  version: (id) =>
    ({ v1: { id: 'v1', app: 'app1', name: '1.0.0', packageSha256: SHA }, v2: { id: 'v2', app: 'app1', name: '2.0.0', packageSha256: 'b'.repeat(64) } })[id],
  app: (id) => (id === 'app1' ? { id, workspace: 'ws' } : undefined),
  versionsOf: () => ['v1', 'v2'],
  displayName: (k) => ({ [ISV]: 'Iris', [REVIEWER]: 'Ravi' })[k] ?? k.slice(0, 12),
  isReviewer: (k) => k === REVIEWER,
  workspaceRole: (k) => (k === ISV ? 'isv' : undefined),
};

let n = 0;
function ev<T extends ReviewEventType>(type: T, author: string, data: ReviewEventData[T]): ReviewEvent {
  n++;
  return { id: `e${n}`, type, author, at: `2026-01-01T00:00:${String(n).padStart(2, '0')}Z`, data } as ReviewEvent;
}

const anchor = { kind: 'file' as const, path: 'values.yaml', line: 3, lineText: 'replicas: 3' };

describe('review comments, waivers and reports as replayed events', () => {
  it('builds a thread from a reviewer’s comment and the ISV’s reply, and resolves it', () => {
    const s = applyReviewEvents(
      emptyReviewState(),
      [
        ev('review.comment.add', REVIEWER, { comment: 'c1', app: 'app1', version: 'v1', anchor, body: 'Why 3 replicas by default?' }),
        ev('review.comment.add', ISV, { comment: 'c2', app: 'app1', version: 'v1', thread: 'c1', body: 'EMQ X needs a quorum.' }),
        ev('review.comment.resolve', REVIEWER, { thread: 'c1', resolved: true }),
      ],
      facts,
    );
    const [t] = threadsForVersion(s, facts, 'v1');
    expect(t).toMatchObject({ id: 'c1', anchor, resolved: true, resolvedByName: 'Ravi', versionName: '1.0.0' });
    expect(t.comments.map((c) => [c.authorName, c.body])).toEqual([
      ['Ravi', 'Why 3 replicas by default?'],
      ['Iris', 'EMQ X needs a quorum.'],
    ]);
  });

  it('keeps events from people without the right, and malformed ones, without effect', () => {
    const s = applyReviewEvents(
      emptyReviewState(),
      [
        ev('review.comment.add', STRANGER, { comment: 'c1', app: 'app1', version: 'v1', anchor, body: 'hello' }),
        ev('review.comment.add', ISV, { comment: 'c2', app: 'app1', version: 'v1', anchor: { kind: 'file', path: '', line: 0 }, body: 'x' }),
        ev('review.waiver.request', REVIEWER, { waiver: 'w1', version: 'v1', check: 'lint', reason: 'reviewers do not ask' }),
        ev('review.comment.add', ISV, { comment: 'c3', app: 'app1', version: 'v1', thread: 'nope', body: 'reply to nothing' }),
      ],
      facts,
    );
    expect(threadsForVersion(s, facts, 'v1')).toEqual([]);
    expect(s.waivers.size).toBe(0);
    expect(s.refused.map((r) => r.reason)).toEqual([
      'the author may not see this app',
      'malformed review.comment.add',
      'only the app’s ISVs ask for waivers',
      'reply to an unknown thread',
    ]);
  });

  it('carries unresolved threads to the next version and finds their line there', () => {
    const s = applyReviewEvents(
      emptyReviewState(),
      [
        ev('review.comment.add', REVIEWER, { comment: 'open', app: 'app1', version: 'v1', anchor, body: 'still open' }),
        ev('review.comment.add', REVIEWER, { comment: 'done', app: 'app1', version: 'v1', anchor, body: 'fixed' }),
        ev('review.comment.resolve', ISV, { thread: 'done', resolved: true }),
      ],
      facts,
    );
    expect(threadsForVersion(s, facts, 'v2').map((t) => t.id)).toEqual(['open']);
    expect(reanchor(3, 'replicas: 3', ['a: 1', 'replicas: 3', 'b: 2', 'c', 'replicas: 3'])).toEqual({ line: 2 });
    expect(reanchor(3, 'replicas: 3', ['replicaCount: 3'])).toEqual({ outdated: true });
  });

  it('counts a check as passed only when a reviewer accepts its waiver', () => {
    const report: PreSubmissionReport = {
      format: 1,
      app: 'app1',
      version: 'v1',
      versionName: '1.0.0',
      chart: { name: 'emqx', version: '1.0.0' },
      packageSha256: SHA,
      builtAt: 'now',
      builtBy: ISV,
      kubeVersions: ['1.29'],
      images: [],
      checks: [
        { id: 'lint', kind: 'lint', status: 'pass', summary: '', findings: [] },
        { id: 'api-scan', kind: 'api-scan', status: 'fail', summary: '', findings: [] },
        { id: 'test-deploy', kind: 'test-deploy', status: 'warn', summary: '', findings: [] },
      ],
    };
    const events = [
      ev('review.report.attach', ISV, { version: 'v1', report }),
      ev('review.waiver.request', ISV, { waiver: 'w1', version: 'v1', check: 'api-scan', reason: 'Our users run Kubernetes 1.21.' }),
      ev('review.waiver.request', ISV, { waiver: 'w2', version: 'v1', check: 'test-deploy', reason: 'No cluster in the lab this week.' }),
      ev('review.waiver.decide', ISV, { waiver: 'w1', accept: true }), // an ISV cannot decide
    ];
    let s = applyReviewEvents(emptyReviewState(), events, facts);
    let view = reportView(s, facts, 'v1')!;
    expect(view.overall).toBe('fail');
    expect(view.checks.find((c) => c.id === 'api-scan')?.waiver?.state).toBe('requested');
    s = applyReviewEvents(
      s,
      [
        ev('review.waiver.decide', REVIEWER, { waiver: 'w1', accept: true, note: 'OK for this release' }),
        ev('review.waiver.decide', REVIEWER, { waiver: 'w2', accept: false, note: 'Please test-deploy.' }),
      ],
      facts,
    );
    view = reportView(s, facts, 'v1')!;
    expect(view.checks.map((c) => [c.id, c.status, c.effective, c.waiver?.state])).toEqual([
      ['lint', 'pass', 'pass', undefined],
      ['api-scan', 'fail', 'pass', 'accepted'],
      ['test-deploy', 'warn', 'warn', 'refused'],
    ]);
    expect(view.overall).toBe('warn');
    expect(view.checks[1].waiver).toMatchObject({ decidedByName: 'Ravi', note: 'OK for this release', requestedByName: 'Iris' });
    expect(view.stale).toBe(false);
  });

  it('marks a report stale when it describes another package than the version has', () => {
    const report = {
      format: 1,
      app: 'app1',
      version: 'v2',
      versionName: '2.0.0',
      chart: { name: 'emqx', version: '2.0.0' },
      packageSha256: SHA,
      builtAt: 'now',
      builtBy: ISV,
      kubeVersions: [],
      images: [],
      checks: [],
    } as PreSubmissionReport;
    const s = applyReviewEvents(emptyReviewState(), [ev('review.report.attach', ISV, { version: 'v2', report })], facts);
    expect(reportView(s, facts, 'v2')?.stale).toBe(true);
  });
});
