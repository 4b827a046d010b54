import type { ActingRole, AppState, AuditDetail, VersionState } from '../../shared/types/catalog';
import type { ErrorCode, Sentence } from '../../shared/result';
import { inEnglish, sentence, type SentenceKey } from '../sentences';
import type { EventData, EventType, SignedEvent } from './event-types';
import { hlcToIso } from './hlc';
import type { CatalogState, Head } from './state';

/** What the audit records about one event, besides who and when. */
export interface AuditFields {
  role?: ActingRole;
  appId?: string;
  appName?: string;
  versionId?: string;
  versionName?: string;
  from?: VersionState | AppState;
  to?: VersionState | AppState;
  message?: string;
  detail?: AuditDetail;
}

/** Thrown inside a handler before it changes anything; the event then has no effect. */
export class RuleFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly supersededBy?: Head,
    /** The refusal in the reader's language (`sentences.<key>`), for the person whose command it was. */
    readonly say?: Sentence,
  ) {
    super(message);
  }
}

/**
 * One event being applied. Handlers check everything first (entity, role, concurrent
 * changes, rules) and only then mutate the state, so a failing event changes nothing.
 */
export class ApplyContext<T extends EventType> {
  readonly audit: AuditFields = {};

  constructor(
    readonly state: CatalogState,
    readonly event: SignedEvent<T>,
  ) {}

  get data(): EventData[T] {
    return this.event.body.data as EventData[T];
  }

  get author(): string {
    return this.event.body.author;
  }

  get at(): string {
    return hlcToIso(this.event.body.hlc);
  }

  get head(): Head {
    return { event: this.event.id, author: this.author };
  }

  fail(code: ErrorCode, message: string, say?: Sentence): never {
    throw new RuleFailure(code, message, undefined, say);
  }

  /** Refuses the event with a sentence (`sentences.<key>` in en.json and zh-CN.json), worded in English for the log. */
  refuse(code: ErrorCode, key: SentenceKey, values?: Sentence['values']): never {
    const say = sentence(key, values);
    throw new RuleFailure(code, inEnglish(say), undefined, say);
  }

  /** `code` is what a local command fails with; on replay the event shows as superseded by `by`. */
  supersede(by: Head | undefined, say: Sentence, code: ErrorCode = 'conflict'): never {
    throw new RuleFailure(code, inEnglish(say), by, say);
  }

  /**
   * The author must have seen the latest change to `chain`; otherwise someone else changed
   * the same thing while they were apart and this event lost the conflict.
   */
  checkPrev(chain: string, what: Sentence): void {
    const seen = this.event.body.prev[chain] ?? null;
    const current = this.state.heads.get(chain);
    if (seen === (current?.event ?? null)) return;
    if (!current) this.refuse('conflict', 'rule.unknownChange', { what });
    this.supersede(current, sentence('rule.changedMeanwhile', { what }));
  }

  /** Records that this event is now the latest change to `chain`. */
  touch(chain: string): void {
    this.state.heads.set(chain, this.head);
    this.state.dirty.heads.add(chain);
  }
}
