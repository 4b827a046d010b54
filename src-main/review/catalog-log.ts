/**
 * The review events' way in and out of the catalog, behind a small interface. They are
 * extension event types of the catalog (registered by review-audit.ts): the catalog signs
 * them with the person's identity, checks the author's right, audits them, pushes them at
 * the next sync, and every machine gets them in the same order. Reading takes the verified
 * review events back from the ledger.
 */
import type { CatalogCore } from '../catalog/catalog-core';
import type { SignedEvent } from '../catalog/event-types';
import { hlcToIso } from '../catalog/hlc';
import { displayNameOf, isReviewer, liveVersions, workspaceRole, type CatalogState } from '../catalog/state';
import { registerReviewEvents } from './audit';
import type { CatalogFacts } from './projection';
import { isReviewEventType, REVIEW_EVENT_TYPES, type ReviewEvent, type ReviewEventData, type ReviewEventType } from './events';

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

const TYPES: ReadonlySet<string> = new Set(REVIEW_EVENT_TYPES);

export class CatalogReviewLog implements ReviewEventLog {
  private cache?: { size: number; events: ReviewEvent[] };

  constructor(private readonly core: CatalogCore) {
    // services.ts registers them before any catalog opens; this covers a log built on its own
    registerReviewEvents();
  }

  async append<T extends ReviewEventType>(type: T, data: ReviewEventData[T]): Promise<ReviewEvent<T>> {
    const event = await this.core.actExtension(type, data);
    return { id: event.id, type, author: event.body.author, at: hlcToIso(event.body.hlc), data };
  }

  async read(): Promise<{ events: ReviewEvent[]; facts: CatalogFacts; me: string; revision: string }> {
    const ledger = await this.core.ledger();
    const size = ledger.log.size();
    if (!this.cache || this.cache.size !== size) {
      const events = ledger
        .eventsOfType(TYPES)
        .map(asReviewEvent)
        .filter((e): e is ReviewEvent => e !== undefined);
      this.cache = { size, events };
    }
    return { events: this.cache.events, facts: catalogFacts(ledger.state), me: this.core.identity.keyId, revision: `${size}` };
  }
}
