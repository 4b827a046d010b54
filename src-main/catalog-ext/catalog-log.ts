/**
 * The review events' way in and out of the catalog, behind a small interface.
 *
 * Today the catalog has no extension point for new event types, so this adapter signs
 * review events with the person's catalog identity and hands them to the catalog's own
 * ingest: replay keeps them (as events of a type it does not know), the outbox pushes them
 * at the next sync, and every machine gets them in the same order. Reading takes the
 * verified review events from the ledger. When the catalog offers `actExtension` /
 * `eventsOfType` (asked for in the review-tools report), only this file changes.
 */
import type { CatalogCore } from '../catalog/catalog-core';
import { EVENT_FORMAT, type EventBody, type SignedEvent } from '../catalog/event-types';
import { hlcToIso, nextHlc } from '../catalog/hlc';
import { signBody } from '../catalog/signing';
import { displayNameOf, isReviewer, liveVersions, workspaceRole, type CatalogState } from '../catalog/state';
import type { CatalogFacts } from './review-projection';
import { isReviewEventType, REVIEW_EVENT_PREFIX, type ReviewEvent, type ReviewEventData, type ReviewEventType } from './review-events';

export interface ReviewEventLog {
  /** Signs and records one event as the local person; it syncs like any catalog change. */
  append<T extends ReviewEventType>(type: T, data: ReviewEventData[T]): Promise<ReviewEvent<T>>;
  /** Every verified review event in the catalog's order, the catalog facts, and who is asking. */
  read(): Promise<{ events: ReviewEvent[]; facts: CatalogFacts; me: string; revision: string }>;
}

export function catalogFacts(state: CatalogState): CatalogFacts {
  return {
    version: (id) => {
      const v = state.versions.get(id);
      return v && v.state !== 'deleted' ? { id: v.id, app: v.appId, name: v.name, packageSha256: v.package.sha256 } : undefined;
    },
    app: (id) => {
      const a = state.apps.get(id);
      return a && !a.deleted ? { id: a.id, workspace: a.workspace } : undefined;
    },
    versionsOf: (appId) => {
      const app = state.apps.get(appId);
      return app ? liveVersions(state, app).map((v) => v.id) : [];
    },
    displayName: (key) => displayNameOf(state, key),
    isReviewer: (key) => isReviewer(state, key),
    workspaceRole: (key, ws) => workspaceRole(state, key, ws),
  };
}

function asReviewEvent(e: SignedEvent): ReviewEvent | undefined {
  if (!isReviewEventType(e.body.type)) return undefined;
  return { id: e.id, type: e.body.type, author: e.body.author, at: hlcToIso(e.body.hlc), data: e.body.data as ReviewEventData[ReviewEventType] };
}

export class CatalogReviewLog implements ReviewEventLog {
  private cache?: { size: number; events: ReviewEvent[] };

  constructor(private readonly core: CatalogCore) {}

  async append<T extends ReviewEventType>(type: T, data: ReviewEventData[T]): Promise<ReviewEvent<T>> {
    const ledger = await this.core.ledger();
    const body: EventBody<T> = {
      v: EVENT_FORMAT,
      catalog: ledger.catalogId,
      type,
      author: this.core.identity.keyId,
      hlc: nextHlc(ledger.clock()),
      prev: {},
      data: data as EventBody<T>['data'],
    };
    const event = signBody(body, this.core.identity.signingKey());
    // The catalog's ingest orders it, keeps it, queues it for the next sync and tells the UI.
    await this.core.ingest([event], { outbox: true });
    return { id: event.id, type, author: body.author, at: hlcToIso(body.hlc), data };
  }

  async read(): Promise<{ events: ReviewEvent[]; facts: CatalogFacts; me: string; revision: string }> {
    const ledger = await this.core.ledger();
    const size = ledger.log.size();
    if (!this.cache || this.cache.size !== size) {
      const events = ledger
        .allEvents()
        .filter((e) => e.body.type.startsWith(REVIEW_EVENT_PREFIX) && e.body.catalog === ledger.catalogId && ledger.hasEvent(e.id))
        .map(asReviewEvent)
        .filter((e): e is ReviewEvent => e !== undefined);
      this.cache = { size, events };
    }
    return { events: this.cache.events, facts: catalogFacts(ledger.state), me: this.core.identity.keyId, revision: `${size}` };
  }
}
