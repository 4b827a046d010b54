/**
 * Review comments: threads anchored to a line of a chart file, a rendered manifest, the
 * changelog or the diff; replies and resolution; threads a rejection cites. Each change
 * is a signed catalog event; this checks rights first so people get a plain refusal
 * rather than an event that replay would ignore.
 */
import { randomBytes } from 'node:crypto';
import { BerthFailure } from '../../shared/result';
import type { VersionSummary } from '../../shared/types/catalog';
import type { CommentAnchor, CommentThread } from '../../shared/types/review-tools';
import { decodeText } from '../chart/archive';
import { isAnchor, REVIEW_LIMITS } from './events';
import { reanchor, threadsForVersion } from './projection';
import type { ReviewSnapshot, ReviewStore } from './store';
import type { CatalogServices } from '../catalog/catalog-services';
import type { ChartSources } from './chart-source';

export function newEventId(prefix: string): string {
  return `${prefix}${randomBytes(8).toString('hex')}`;
}

function body(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '') throw new BerthFailure('input.invalid', 'Write something in the comment first.');
  if (text.length > REVIEW_LIMITS.body) throw new BerthFailure('input.invalid', `A comment can be at most ${REVIEW_LIMITS.body} characters long.`);
  return text;
}

export class CommentService {
  constructor(
    private readonly store: ReviewStore,
    private readonly sources: ChartSources,
    private readonly catalog: () => CatalogServices,
  ) {}

  private mayComment(snap: ReviewSnapshot, appId: string): void {
    const app = snap.facts.app(appId);
    if (!app || (!snap.facts.isReviewer(snap.me) && snap.facts.workspaceRole(snap.me, app.workspace) === undefined)) {
      throw new BerthFailure('catalog.forbidden', 'Only members of the app’s workspace and reviewers can comment on its versions.');
    }
  }

  private version(snap: ReviewSnapshot, id: string) {
    const v = snap.facts.version(id);
    if (!v) throw new BerthFailure('not-found', 'That version is not in the catalog (it may have been deleted).');
    return v;
  }

  /** The lines an anchor of an earlier version is looked for in, on this version. */
  private async linesFor(anchor: CommentAnchor, versionId: string): Promise<string[] | undefined> {
    try {
      if (anchor.kind === 'changelog') return (await this.sources.versionPackage(versionId)).version.changelog.split('\n');
      if (anchor.kind === 'manifest') return undefined;
      const loaded = await this.sources.load({ version: versionId });
      const file = loaded.archive.files.find((f) => f.path === anchor.path);
      return file ? decodeText(file).split('\n') : undefined;
    } catch {
      return undefined;
    }
  }

  async list(versionId: string): Promise<CommentThread[]> {
    const snap = await this.store.current();
    const v = this.version(snap, versionId);
    this.mayComment(snap, v.app);
    const threads = threadsForVersion(snap.state, snap.facts, versionId);
    for (const t of threads) {
      if (t.version === versionId) continue;
      t.carried = reanchor(t.anchor.line, t.anchor.lineText, await this.linesFor(t.anchor, versionId));
    }
    return threads.sort((a, b) => a.comments[0].at.localeCompare(b.comments[0].at));
  }

  private async thread(id: string, versionId: string): Promise<CommentThread> {
    const found = (await this.list(versionId)).find((t) => t.id === id);
    if (!found) throw new BerthFailure('not-found', 'That comment thread is not here (yet); it may arrive with the next sync.');
    return found;
  }

  async add(versionId: string, anchor: CommentAnchor, text: string): Promise<CommentThread> {
    if (!isAnchor(anchor)) throw new BerthFailure('input.invalid', 'A comment needs a place: a file, a manifest, the changelog or the diff, and a line.');
    const snap = await this.store.current();
    const v = this.version(snap, versionId);
    this.mayComment(snap, v.app);
    const comment = newEventId('c');
    await this.store.append('review.comment.add', { comment, app: v.app, version: v.id, anchor, body: body(text) });
    return this.thread(comment, versionId);
  }

  /** `versionId`: the version the reply is written on (the thread may come from an earlier one). */
  async reply(threadId: string, versionId: string, text: string): Promise<CommentThread> {
    const thread = await this.thread(threadId, versionId);
    await this.store.append('review.comment.add', {
      comment: newEventId('c'),
      app: thread.app,
      version: versionId,
      thread: thread.id,
      on: thread.anchor,
      body: body(text),
    });
    return this.thread(threadId, versionId);
  }

  async resolve(threadId: string, versionId: string, resolved: boolean): Promise<CommentThread> {
    const thread = await this.thread(threadId, versionId);
    if (thread.resolved !== resolved)
      await this.store.append('review.comment.resolve', { thread: thread.id, resolved, version: versionId, anchor: thread.anchor });
    const snap = await this.store.current();
    const t = snap.state.threads.get(threadId);
    return { ...thread, resolved: t?.resolved ?? resolved };
  }

  /** Rejects the version with the reason and a list of the cited threads, and records the citation. */
  async rejectCiting(versionId: string, reason: string, threadIds: string[]): Promise<VersionSummary> {
    const threads = await this.list(versionId);
    const cited = threadIds.map(
      (id) =>
        threads.find((t) => t.id === id) ??
        (() => {
          throw new BerthFailure('not-found', 'One of the cited comment threads is not on this version.');
        })(),
    );
    const where = (t: CommentThread) => (t.anchor.kind === 'changelog' ? `changelog:${t.anchor.line}` : `${t.anchor.path}:${t.anchor.line}`);
    const lines = cited.map((t) => `- ${where(t)}: ${t.comments[0].body.split('\n')[0].slice(0, 200)}`);
    const fullReason = lines.length > 0 ? `${reason.trim()}\n\nSee the review comments:\n${lines.join('\n')}` : reason;
    const summary = await this.catalog().commands.rejectVersion({ version: versionId, reason: fullReason });
    if (cited.length > 0) await this.store.append('review.rejection.cite', { version: versionId, threads: cited.map((t) => t.id) });
    return summary;
  }
}
