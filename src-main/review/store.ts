/** The review events replayed into their state, rebuilt only when the catalog's log grew. */
import { applyReviewEvents, emptyReviewState, type CatalogFacts, type ReviewToolsState } from './projection';
import type { ReviewEventLog } from './catalog-log';
import type { ReviewEvent, ReviewEventData, ReviewEventType } from './events';

export interface ReviewSnapshot {
  state: ReviewToolsState;
  facts: CatalogFacts;
  /** The local person's key. */
  me: string;
}

export class ReviewStore {
  private cached?: { revision: string; snapshot: ReviewSnapshot };

  constructor(private readonly log: ReviewEventLog) {}

  async current(): Promise<ReviewSnapshot> {
    const { events, facts, me, revision } = await this.log.read();
    if (this.cached?.revision !== revision) {
      this.cached = { revision, snapshot: { state: applyReviewEvents(emptyReviewState(), events, facts), facts, me } };
    }
    return { ...this.cached.snapshot, facts, me };
  }

  append<T extends ReviewEventType>(type: T, data: ReviewEventData[T]): Promise<ReviewEvent<T>> {
    return this.log.append(type, data);
  }
}
