import type { ContractEvents, EventName } from '../shared/contract';

export type EventListener = <E extends EventName>(name: E, payload: ContractEvents[E]) => void;

/** Main-side events pushed to every connected UI, whatever the transport. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: ContractEvents[E]): void {
    for (const l of this.listeners) l(name, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
