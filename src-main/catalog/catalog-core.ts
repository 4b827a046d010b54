import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ChartSummary } from '../../shared/types/chart';
import { BerthFailure, type ErrorCode } from '../../shared/result';
import type { ApplyOutcome } from './apply';
import { BlobCache } from './blob-cache';
import { CatalogSettingsFile } from './catalog-settings';
import { EVENT_FORMAT, type EventBody, type EventData, type EventType, type SignedEvent } from './event-types';
import { isExtensionType } from './extensions';
import { nextHlc } from './hlc';
import { LocalIdentity } from './identity';
import { Ledger, type IngestResult, type Queue } from './ledger';
import type { NativeVerifier } from './native-verifier';
import { Outbox } from './outbox';
import { signBody } from './signing';
import { WriterLock } from './writer-lock';
import { IntegrityNotes } from './integrity-notes';
import { EVENT_MAX_BYTES, eventBytes, formatKiB, isAhead } from './intake';
import type { IntegrityFinding } from '../../shared/types/catalog';
import { displayNameOf } from './state';
import { fileFailure } from '../file-errors';
import { refusal, sentence, type SentenceKey } from '../sentences';
import type { CatalogState } from './state';

/** Reads a chart package safely (the chart toolkit's inspectChartPackage). */
export type ChartInspector = (bytes: Uint8Array) => Promise<ChartSummary>;

export interface CatalogOptions {
  dataDir: string;
  inspectChart: ChartInspector;
  /** Called after anything changed the local catalog. */
  onChange?: (events: number) => void;
  /** Checks large batches of signatures natively (the engine, given by services.ts); Node's verify otherwise. */
  nativeVerifier?: NativeVerifier;
}

/**
 * One person's local catalog: their identity, blob cache, outbox and the ledger of the
 * catalog they follow. Commands and queries (commands.ts, queries.ts) build on it; the
 * sync side feeds it events through `ingest`.
 */
export class CatalogCore {
  readonly identity: LocalIdentity;
  readonly blobs: BlobCache;
  readonly settings: CatalogSettingsFile;
  readonly outbox: Outbox;
  /** Events stamped too far in the future, waiting for their time (intake.ts). */
  readonly held: Outbox;
  readonly notes: IntegrityNotes;
  readonly inspectChart: ChartInspector;
  /** One writer at a time across the Berth processes sharing this data dir. */
  readonly writer: WriterLock;
  private opened?: Promise<Ledger>;
  private openedFor?: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: CatalogOptions) {
    const dir = join(options.dataDir, 'catalog');
    this.identity = new LocalIdentity(options.dataDir);
    this.blobs = new BlobCache(join(dir, 'blobs'));
    this.settings = new CatalogSettingsFile(options.dataDir);
    this.outbox = new Outbox(join(dir, 'outbox'));
    this.held = new Outbox(join(dir, 'held'));
    this.notes = new IntegrityNotes(join(dir, 'integrity.json'));
    this.writer = new WriterLock(join(dir, 'write.lock'));
    this.inspectChart = options.inspectChart;
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  /** What checks large batches of signatures besides Node (the engine, from services.ts), if anything. */
  get nativeVerifier(): NativeVerifier | undefined {
    return this.options.nativeVerifier;
  }

  get paths() {
    const dir = join(this.options.dataDir, 'catalog');
    return { log: join(dir, 'log.jsonl'), view: join(dir, 'view.sqlite') };
  }

  catalogId(): string | undefined {
    return this.settings.get().catalogId;
  }

  /** The ledger of the followed catalog, opened (and rebuilt if needed) on first use. */
  async ledger(): Promise<Ledger> {
    const id = this.catalogId();
    if (!id)
      throw refusal('catalog.not-connected', 'core.notConnected');
    if (this.opened && (await this.opened.catch(() => undefined))?.broken) {
      (await this.opened)?.abandon();
      this.opened = undefined;
    }
    if (!this.opened || this.openedFor !== id) {
      if (this.opened) (await this.opened.catch(() => undefined))?.close();
      this.openedFor = id;
      this.opened = this.openLedger(id);
      this.opened.catch(() => {
        this.opened = undefined;
      });
    }
    const ledger = await this.opened;
    await ledger.catchUp();
    return ledger;
  }

  private async openLedger(id: string): Promise<Ledger> {
    const ledger = await Ledger.open(id, this.paths, this.options.nativeVerifier);
    // a command killed between queueing its event and logging it: finish the commit now
    const unlogged = this.outbox.list().filter((e) => !ledger.hasEvent(e.id) && e.body.catalog === id);
    if (unlogged.length) await this.writer.hold(() => ledger.ingest(unlogged));
    await this.releaseDue(ledger);
    return ledger;
  }

  /** Applies held-back events whose time has come. */
  private async releaseDue(ledger: Ledger): Promise<number> {
    const now = Date.now();
    const due = this.held.list().filter((e) => !isAhead(e, now));
    if (due.length === 0) return 0;
    const result = await this.writer.hold(() => ledger.ingest(due, now));
    this.held.remove(due.map((e) => e.id));
    return result.added.length;
  }

  /** Turns what an ingest turned away into findings, saved and returned. */
  private noteTurnedAway(ledger: Ledger, result: IngestResult, where: string): IntegrityFinding[] {
    const at = new Date().toISOString();
    const findings = result.turnedAway.map(({ event, reason }): IntegrityFinding => ({
      at,
      kind: reason.includes('holds no role') ? 'roleless-limit' : 'too-large',
      where,
      eventId: event.id,
      author: event.body.author,
      authorName: displayNameOf(ledger.state, event.body.author),
      message: `A ${event.body.type} event was not taken in. ${reason}`,
      repaired: false,
    }));
    this.notes.add(findings);
    return findings;
  }

  /** Queues committed events in the outbox; a file error becomes a sentence. */
  private get outboxQueue(): Queue {
    return { add: (e) => this.outbox.add([e]), remove: (e) => this.outbox.remove([e.id]) };
  }

  /** A failed write to the data dir, in words; the change was not made. */
  private dataDirFailure(e: unknown): unknown {
    return fileFailure(e, sentence('place.dataDir', { path: this.options.dataDir }), sentence('kept.nothingChanged')) ?? e;
  }

  async state(): Promise<CatalogState> {
    return (await this.ledger()).state;
  }

  /** Runs changes one at a time, so timestamps and `prev` always build on the latest state. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Signs and applies one event as this person; fails with the catalog's reason and then changes nothing. */
  async act<T extends EventType>(type: T, data: EventData[T], prev: Record<string, string | null> = {}): Promise<SignedEvent<T>> {
    const ledger = await this.ledger();
    return this.sign(ledger, type, data, prev, ledger.catalogId);
  }

  /**
   * Signs and applies one event of a registered extension type (extensions.ts) as this
   * person; like `act`, a refused event fails with the reason and leaves no trace.
   */
  async actExtension(type: string, data: unknown): Promise<SignedEvent> {
    if (!isExtensionType(type)) throw refusal('input.invalid', 'core.unknownEventType', { type });
    return this.exclusive(async () => {
      const ledger = await this.ledger();
      return this.sign(ledger, type, data, {}, ledger.catalogId);
    });
  }

  /** Starts a new catalog with this person as its admin. */
  async startCatalog(name: string): Promise<SignedEvent> {
    if (this.catalogId()) throw refusal('catalog.duplicate', 'core.alreadyFollows');
    const body = {
      v: EVENT_FORMAT,
      catalog: '',
      type: 'catalog.genesis' as const,
      author: this.identity.keyId,
      hlc: nextHlc(undefined),
      prev: {},
      after: null,
      data: { name, nonce: randomBytes(16).toString('hex'), displayName: this.identity.get().displayName },
    };
    const genesis = signBody(body, this.identity.signingKey());
    this.settings.update({ catalogId: genesis.id });
    const ledger = await this.ledger();
    let applied;
    try {
      applied = await this.writer.hold(() => ledger.commit(genesis, this.outboxQueue));
    } catch (e) {
      this.settings.update({ catalogId: undefined });
      throw this.dataDirFailure(e);
    }
    if (applied.outcome !== 'applied') {
      this.settings.update({ catalogId: undefined });
      throw refusedChange(applied, 'input.invalid', 'core.notCreated');
    }
    this.options.onChange?.(1);
    return genesis;
  }

  /** Follows an existing catalog (its events arrive through `ingest`). */
  follow(catalogId: string): void {
    const current = this.catalogId();
    if (current && current !== catalogId)
      throw refusal('catalog.duplicate', 'core.followsAnother');
    this.settings.update({ catalogId });
  }

  /** Introduces this person to the catalog under their display name, once. */
  async joinIfNew(): Promise<void> {
    const ledger = await this.ledger();
    const me = ledger.state.members.get(this.identity.keyId);
    const name = this.identity.get().displayName;
    if (!ledger.state.genesisApplied || (me?.joined && me.displayName === name)) return;
    await this.sign(ledger, 'member.join', { displayName: name }, {}, ledger.catalogId);
  }

  /**
   * Takes in events from a store or a catalog file (`where` names it). `outbox`: also pass
   * them on at the next sync. Events stamped too far ahead are held back until their time.
   */
  ingest(events: readonly SignedEvent[], options: { outbox: boolean; where?: string }): Promise<IngestResult & { findings: IntegrityFinding[] }> {
    return this.exclusive(async () => {
      const ledger = await this.ledger();
      let result: IngestResult;
      try {
        const released = await this.releaseDue(ledger);
        result = await this.writer.hold(() => ledger.ingest(events));
        if (options.outbox) this.outbox.add(result.added);
        this.held.add(result.held.filter((e) => e.body.catalog === ledger.catalogId));
        if (released) this.options.onChange?.(released);
      } catch (e) {
        throw this.dataDirFailure(e);
      }
      const findings = this.noteTurnedAway(ledger, result, options.where ?? 'the store');
      if (result.added.length) this.options.onChange?.(result.added.length);
      return { ...result, findings };
    });
  }

  private async sign<T extends string>(ledger: Ledger, type: T, data: unknown, prev: Record<string, string | null>, catalog: string): Promise<SignedEvent<T>> {
    let event: SignedEvent<T>;
    let outcome;
    try {
      // stamped inside the lock, after what other processes on this data dir logged
      [event, outcome] = await this.writer.hold(async () => {
        await ledger.catchUp();
        const author = this.identity.keyId;
        const body: EventBody<T> = {
          v: EVENT_FORMAT,
          catalog,
          type,
          author,
          hlc: nextHlc(ledger.clock()),
          prev,
          after: ledger.lastEventBy(author),
          data: data as EventBody<T>['data'],
        };
        const signed = signBody(body, this.identity.signingKey());
        const bytes = eventBytes(signed);
        if (bytes > EVENT_MAX_BYTES) throw refusal('input.invalid', 'core.tooLarge', { size: formatKiB(bytes), max: formatKiB(EVENT_MAX_BYTES) });
        return [signed, await ledger.commit(signed, this.outboxQueue)] as const;
      });
    } catch (e) {
      throw this.dataDirFailure(e);
    }
    if (outcome.outcome !== 'applied')
      throw refusedChange(outcome, 'catalog.wrong-state', 'core.refused');
    this.options.onChange?.(1);
    return event;
  }

  /** Saves the local view and releases it. */
  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    await this.queue.catch(() => undefined);
    (await opened?.catch(() => undefined))?.close();
  }
}

export function newId(prefix: string): string {
  return `${prefix}${randomBytes(8).toString('hex')}`;
}

/** A change the catalog did not apply, as a failure: the rule's own sentence, else `fallback`. */
function refusedChange(outcome: ApplyOutcome, code: ErrorCode, fallback: SentenceKey): BerthFailure {
  if (!outcome.reason) return refusal(outcome.code ?? code, fallback);
  return new BerthFailure(outcome.code ?? code, outcome.reason, undefined, outcome.say);
}
