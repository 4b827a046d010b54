/**
 * The ledger ties the local event log, replay and the local view together. Events enter
 * it from local commands, stores and catalog files; it keeps them in the one order every
 * machine agrees on (hybrid logical clock, author key, event id) and replays them, either
 * incrementally or, when an event arrives that sorts before what was already applied
 * (an offline colleague's older work), from the start.
 */
import { dirname, join } from 'node:path';
import type { SignedEvent } from './event-types';
import { orderKey } from './event-types';
import { EventLog } from './event-log';
import { applyEvent, type ApplyOutcome } from './apply';
import { hlcWall, maxHlc } from './hlc';
import { LocalView, type AuditRow } from './local-view';
import { createState, displayNameOf, type CatalogState } from './state';
import { checkSignature } from './signing';
import { startVerification, verifyEvents } from './verify-batch';
import type { NativeVerifier } from './native-verifier';
import { VerifiedCache } from './verified-cache';
import { extensionFingerprint } from './extensions';
import { logError } from '../log';
import { pauser } from '../event-loop';
import { crashPoint } from './crash-points';
import { collectSeals, isSealingRevoke, sealedOut } from './seals';
import { EVENT_MAX_BYTES, ROLELESS_MAX_EVENTS, ROLELESS_MAX_EVENT_BYTES, eventBytes, isAhead, rolelessAuthors, tooLargeReason } from './intake';

const SAVE_DELAY_MS = 1000;
/** A view rebuilt from the log takes about this many bytes per byte of log (1.27 in the catalog bench). */
const VIEW_PER_LOG_BYTE = 1.3;
/** Audit rows written per step of a rebuild. */
const REBUILD_CHUNK = 20_000;

export interface LedgerPaths {
  log: string;
  view: string;
}

export interface IngestResult {
  added: SignedEvent[];
  rebuilt: boolean;
  /** Stamped too far ahead of this machine's clock: not applied yet (intake.ts). */
  held: SignedEvent[];
  /** Not taken in at all, with the reason (too large, a role-less key over its allowance). */
  turnedAway: { event: SignedEvent; reason: string }[];
}

/** Where a committed event waits for the next sync (the outbox). */
export interface Queue {
  add(event: SignedEvent): void;
  remove(event: SignedEvent): void;
}

export class Ledger {
  /** Set when the in-memory state took a change the log did not; the ledger must be reopened. */
  broken = false;
  private seq = 0;
  private unsaved = false;
  private saveTimer?: NodeJS.Timeout;
  private lastOrd = '';
  private logSize = 0;
  maxHlc: string | undefined;
  /** Events this data dir verified before (verified-cache.ts). */
  readonly verified: VerifiedCache;

  private constructor(
    readonly catalogId: string,
    readonly log: EventLog,
    private readonly paths: LedgerPaths,
    public state: CatalogState,
    public view: LocalView,
    /** Large signature batches go to it (first sight, large pulls); Node verifies when it is absent. */
    private readonly native?: NativeVerifier,
  ) {
    this.verified = new VerifiedCache(join(dirname(paths.log), 'verified.bin'));
  }

  /** Opens the saved view, or rebuilds it from the log when missing, stale or corrupt. */
  static async open(catalogId: string, paths: LedgerPaths, native?: NativeVerifier): Promise<Ledger> {
    const log = new EventLog(paths.log);
    const view = await LocalView.open(paths.view);
    const logSize = Number(view?.meta('log_size') ?? NaN);
    // a view replayed with other extension types registered describes their events differently
    const sameExtensions = (view?.meta('extension_types') ?? '') === extensionFingerprint();
    if (view && view.meta('catalog_id') === catalogId && sameExtensions && Number.isFinite(logSize) && logSize <= log.size()) {
      const ledger = new Ledger(catalogId, log, paths, view.loadState(catalogId), view, native);
      ledger.seq = Number(view.meta('seq') ?? 0);
      ledger.lastOrd = view.meta('last_ord') ?? '';
      ledger.maxHlc = view.meta('max_hlc') || undefined;
      ledger.logSize = logSize;
      await ledger.catchUp();
      return ledger;
    }
    view?.close();
    const ledger = new Ledger(catalogId, log, paths, createState(catalogId), await LocalView.create(log.size() * VIEW_PER_LOG_BYTE), native);
    await ledger.rebuild();
    return ledger;
  }

  /** Saves the view if it has unsaved changes. */
  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.unsaved) return;
    try {
      this.view.save(this.paths.view);
      this.unsaved = false;
    } catch (e) {
      // the view is a cache of the log: an older saved copy catches up from the log at the next open
      logError('catalog view', e);
    }
  }

  close(): void {
    this.flush();
    this.view.close();
  }

  /** Drops this ledger without saving: its state took a change that did not reach the log. */
  abandon(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.unsaved = false;
    this.view.close();
  }

  /** The latest timestamp seen here; a new local event must be stamped after it. */
  clock(): string | undefined {
    return maxHlc(this.maxHlc, this.lastOrd.split('|')[0] || undefined);
  }

  /** Known here with a valid signature (a copy that failed to verify can still be replaced). */
  hasEvent(id: string): boolean {
    return this.view.eventStatus(id) === 'ok';
  }

  /** This author's latest verified event here: the `after` link of their next one. */
  lastEventBy(author: string): string | null {
    return this.view.lastEventBy(author) ?? null;
  }

  /** Takes in lines other Berth processes on this data dir appended to the log. */
  async catchUp(): Promise<void> {
    const size = this.log.size();
    if (size === this.logSize) return;
    if (size < this.logSize) return this.rebuild();
    const tail = this.log.read(this.logSize);
    const fresh = tail.events.filter((e) => !this.view.hasEvent(e.id));
    this.logSize = tail.end;
    await this.integrate(dedupe(fresh));
  }

  /**
   * Applies a local command's event. Nothing is written unless it takes effect, so a
   * refused command leaves no trace.
   */
  async commit(event: SignedEvent, queue: Queue): Promise<ApplyOutcome> {
    await this.catchUp();
    if (orderKey(event) <= this.lastOrd) throw new Error('a local event must sort after every known event');
    const outcome = applyEvent(this.state, event, checkSignature(event));
    if (outcome.outcome !== 'applied') return outcome;
    this.verified.add([event]);
    // queued for sending first, then logged: a failure in between takes the queue entry back,
    // and a crash in between is rolled forward at the next open (the outbox entry is logged then)
    try {
      queue.add(event);
      crashPoint('commit.queued');
      try {
        this.log.append([event]);
      } catch (e) {
        queue.remove(event);
        throw e;
      }
    } catch (e) {
      this.broken = true;
      throw e;
    }
    crashPoint('commit.logged');
    this.logSize = this.log.size();
    this.record([[event, outcome, true]]);
    this.persist();
    if (isSealingRevoke(event)) await this.rebuild();
    return outcome;
  }

  /** Adds events from a store or a catalog file; returns those that were new here. */
  async ingest(incoming: readonly SignedEvent[], now = Date.now()): Promise<IngestResult> {
    await this.catchUp();
    const held: SignedEvent[] = [];
    const turnedAway: IngestResult['turnedAway'] = [];
    const roleless = rolelessAuthors(this.state, incoming);
    const allowance = new Map<string, number>();
    const events = incoming.filter((e) => {
      if (this.view.eventStatus(e.id) === 'ok') return false;
      const bytes = eventBytes(e);
      if (bytes > EVENT_MAX_BYTES) {
        turnedAway.push({ event: e, reason: tooLargeReason(bytes) });
        return false;
      }
      if (isAhead(e, now)) {
        held.push(e);
        return false;
      }
      if (roleless(e.body.author)) {
        // a key nobody granted anything may say who it is, not fill every machine's disk
        const left = allowance.get(e.body.author) ?? ROLELESS_MAX_EVENTS - this.view.authorEventCount(e.body.author);
        if (left <= 0 || bytes > ROLELESS_MAX_EVENT_BYTES) {
          turnedAway.push({
            event: e,
            reason: `Its author holds no role in this catalog and has already written ${ROLELESS_MAX_EVENTS} events, or this one is over ${ROLELESS_MAX_EVENT_BYTES / 1024} KiB.`,
          });
          return false;
        }
        allowance.set(e.body.author, left - 1);
      }
      return true;
    });
    const fresh = dedupe(events.filter((e) => !this.view.hasEvent(e.id)));
    const repairs = dedupe(events.filter((e) => this.view.eventStatus(e.id) === 'bad' && checkSignature(e) === undefined));
    if (fresh.length === 0 && repairs.length === 0) return { added: [], rebuilt: false, held, turnedAway };
    this.log.append([...fresh, ...repairs]);
    this.logSize = this.log.size();
    if (repairs.length > 0) {
      await this.rebuild();
      return { added: [...fresh, ...repairs], rebuilt: true, held, turnedAway };
    }
    const rebuilt = await this.integrate(fresh);
    return { added: fresh, rebuilt, held, turnedAway };
  }

  /** Every event in the log, in replay order (for pushing to a new store or exporting). */
  allEvents(): SignedEvent[] {
    return sortEvents(dedupe(this.log.read(0).events));
  }

  /** `allEvents`, reading the log with pauses for the event loop (a first sync with a store; event-loop.ts). */
  async allEventsPaced(): Promise<SignedEvent[]> {
    const events: SignedEvent[] = [];
    await this.log.readEach(0, (e) => events.push(e), pauser());
    return sortEvents(dedupe(events));
  }

  /** The verified events of these (extension) types, in replay order. */
  eventsOfType(types: ReadonlySet<string>): SignedEvent[] {
    return this.allEvents().filter((e) => types.has(e.body.type) && e.body.catalog === this.catalogId && this.hasEvent(e.id));
  }

  private async integrate(fresh: SignedEvent[]): Promise<boolean> {
    if (fresh.length === 0) {
      this.persist();
      return false;
    }
    const sorted = sortEvents(fresh);
    // a revocation that seals a history may refuse events already applied: replay
    if (orderKey(sorted[0]) <= this.lastOrd || sorted.some(isSealingRevoke)) {
      await this.rebuild();
      return true;
    }
    const problems = await verifyEvents(sorted, this.verified, this.native);
    this.record(sorted.map((e, i) => [e, applyEvent(this.state, e, problems[i]), problems[i] === undefined]));
    this.persist();
    return false;
  }

  /**
   * Replays the whole log from the start. Signatures this data dir verified before are not
   * checked again (verified-cache.ts); the others are checked on worker threads while this
   * thread replays and writes the view as if they hold, and replays again in the rare case
   * that one does not.
   */
  async rebuild(): Promise<void> {
    // the log lines go to the workers, which check ids and signatures from them (a first sight:
    // nothing verified here yet); otherwise they are not kept (500,000 lines are ~0.5 GB to hold)
    const texts: string[] | undefined = this.verified.size() === 0 ? [] : undefined;
    const read = this.log.read(0, undefined, Infinity, texts);
    const order = sortOrder(read.events);
    const copies = order.map((i) => read.events[i]);
    const check = startVerification(copies, this.verified, texts && order.map((i) => texts[i]), this.native);
    if (texts) texts.length = 0;
    this.replayAll(copies, check.early, read.end);
    const verdicts = await check.done;
    if (verdicts.some((v, i) => v !== check.early[i])) this.replayAll(copies, verdicts, read.end);
    this.persist();
  }

  private replayAll(copies: SignedEvent[], verdicts: readonly (string | undefined)[], logEnd: number): void {
    // the same id twice means one copy was altered: keep the one that verifies
    const chosen = new Map<string, number>();
    copies.forEach((e, i) => {
      const prior = chosen.get(e.id);
      if (prior === undefined || (verdicts[prior] !== undefined && verdicts[i] === undefined)) chosen.set(e.id, i);
    });
    const keep = chosen.size === copies.length ? copies.map((_, i) => i) : [...chosen.values()].sort((a, b) => a - b);
    const events = keep.map((i) => copies[i]);
    const problems = keep.map((i) => verdicts[i]);
    // seals of revocations that were themselves refused do not count: replay again without them
    const excluded = new Set<string>();
    let rows: [SignedEvent, ApplyOutcome, boolean][] = [];
    for (let pass = 0; pass < 4; pass++) {
      const seals = collectSeals(events, problems, excluded);
      this.state = createState(this.catalogId);
      rows = [];
      for (let i = 0; i < events.length; i++) {
        const e = events[i];
        const sealed = problems[i] === undefined && seals.size ? sealedOut(seals, e, displayNameOf(this.state, e.body.author)) : undefined;
        rows.push([e, sealed ?? applyEvent(this.state, e, problems[i]), problems[i] === undefined]);
      }
      const refusedSeals = rows.filter(([e, o]) => isSealingRevoke(e) && o.outcome !== 'applied' && !excluded.has(e.id)).map(([e]) => e.id);
      if (refusedSeals.length === 0 || seals.size === 0) break;
      for (const id of refusedSeals) excluded.add(id);
    }
    this.view.clear();
    this.seq = 0;
    this.lastOrd = '';
    this.maxHlc = undefined;
    this.logSize = logEnd;
    this.view.bulk(() => {
      // audit rows go in by chunks: each chunk's row objects die young instead of 500,000 of
      // them living through the whole insert (garbage collection with a large heap was most
      // of the cost); names are those of the final state, as when all were written at once
      for (let i = 0; i < rows.length; i += REBUILD_CHUNK) this.view.appendAudit(this.auditRows(rows.slice(i, i + REBUILD_CHUNK)));
      this.view.writeState(this.state, true);
    });
  }

  /** Is this copy one that verifies (checked now, or found in the cache of verified events)? */
  verifies(e: SignedEvent): boolean {
    return this.verified.has(e) || checkSignature(e) === undefined;
  }

  private record(rows: [SignedEvent, ApplyOutcome, boolean][]): void {
    const audit = this.auditRows(rows);
    this.view.writeState(this.state);
    this.view.appendAudit(audit);
  }

  /** The audit rows of these replayed events, numbered on from the last; moves lastOrd and maxHlc on. */
  private auditRows(rows: readonly [SignedEvent, ApplyOutcome, boolean][]): AuditRow[] {
    const audit: AuditRow[] = [];
    for (const [e, o, sigOk] of rows) {
      const row: AuditRow = {
        eventId: e.id,
        seq: ++this.seq,
        atMs: hlcWall(e.body.hlc),
        action: e.body.type,
        author: e.body.author,
        authorName: sigOk ? displayNameOf(this.state, e.body.author) : e.body.author.slice(0, 12),
        outcome: o.outcome,
        sigOk,
        ...o.audit,
      };
      if (o.reason) row.reason = o.reason;
      if (!row.message && o.outcome !== 'applied') {
        // what the author said (a rejection reason, a note) stays visible on an event that had no effect
        const said = (e.body.data as { reason?: unknown; message?: unknown } | undefined) ?? {};
        const text = typeof said.reason === 'string' ? said.reason : typeof said.message === 'string' ? said.message : undefined;
        if (text) row.message = text.slice(0, 4000);
      }
      if (o.supersededBy)
        row.supersededBy = { eventId: o.supersededBy.event, author: o.supersededBy.author, authorName: displayNameOf(this.state, o.supersededBy.author) };
      audit.push(row);
      if (sigOk && o.outcome !== 'refused') this.maxHlc = maxHlc(this.maxHlc, e.body.hlc);
    }
    if (rows.length > 0) this.lastOrd = orderKey(rows[rows.length - 1][0]);
    return audit;
  }

  private persist(): void {
    this.view.setMeta('catalog_id', this.catalogId);
    this.view.setMeta('seq', String(this.seq));
    this.view.setMeta('last_ord', this.lastOrd);
    this.view.setMeta('max_hlc', this.maxHlc ?? '');
    this.view.setMeta('log_size', String(this.logSize));
    this.view.setMeta('extension_types', extensionFingerprint());
    // The log is already durable; the view is a cache that records how much of the log it
    // holds, so saving it can wait a moment and gather several changes into one write.
    this.unsaved = true;
    this.saveTimer ??= setTimeout(() => this.flush(), SAVE_DELAY_MS);
    this.saveTimer.unref?.();
  }
}

/**
 * One copy per id. Where a store held two (an altered copy beside the genuine one, or a
 * forged twin), the copy that verifies wins, whichever was read first.
 */
export function dedupe(events: readonly SignedEvent[]): SignedEvent[] {
  const chosen = new Map<string, SignedEvent>();
  const verified = new Set<string>();
  for (const e of events) {
    const prior = chosen.get(e.id);
    if (prior === undefined) {
      chosen.set(e.id, e);
      continue;
    }
    if (verified.has(e.id)) continue;
    if (checkSignature(prior) === undefined) {
      verified.add(e.id);
      continue;
    }
    if (checkSignature(e) === undefined) {
      chosen.set(e.id, e);
      verified.add(e.id);
    }
  }
  return [...chosen.values()];
}

export function sortEvents(events: SignedEvent[]): SignedEvent[] {
  return sortOrder(events).map((i) => events[i]);
}

/** The indexes of `events` in replay order. */
function sortOrder(events: readonly SignedEvent[]): number[] {
  const keys = events.map(orderKey);
  return keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
}
