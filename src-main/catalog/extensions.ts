/**
 * Event types other modules add to the catalog (e.g. the review tools' comments, reports and
 * waivers). The catalog signs, orders, syncs and audits them like its own events but does not
 * know what they mean: a registered type checks its data's shape and its author's right
 * against the catalog state, and says in plain words what happened, for the audit. It never
 * changes the catalog state — its meaning lives in the module that registered it, which reads
 * the events back with `Ledger.eventsOfType`. A Berth without the registration replays the
 * same events as `unknown` and passes them on, as it does any newer event.
 */
import type { ErrorCode } from '../../shared/result';
import { RuleFailure, type AuditFields } from './apply-context';
import { isKnownType, type SignedEvent } from './event-types';
import { hlcToIso } from './hlc';
import type { CatalogState } from './state';

export interface ExtensionEvent {
  event: SignedEvent;
  data: unknown;
  author: string;
  /** ISO time of the event. */
  at: string;
  state: Readonly<CatalogState>;
}

export interface ExtensionEventType {
  type: string;
  hasShape(data: unknown): boolean;
  /** The audit's account of the event; calls `refuseExtension` when the author had no right to it. */
  describe(e: ExtensionEvent): AuditFields;
}

const registry = new Map<string, ExtensionEventType>();

/** Registers (or replaces) extension types; must run before the catalog is opened. */
export function registerEventTypes(types: readonly ExtensionEventType[]): void {
  for (const t of types) {
    if (isKnownType(t.type)) throw new Error(`${t.type} is one of the catalog's own event types`);
    registry.set(t.type, t);
  }
}

export function unregisterEventTypes(types: readonly string[]): void {
  for (const t of types) registry.delete(t);
}

export function extensionType(type: string): ExtensionEventType | undefined {
  return registry.get(type);
}

export function isExtensionType(type: string): boolean {
  return registry.has(type);
}

/** Changes when the registered types change, so a saved view replayed without them is rebuilt. */
export function extensionFingerprint(): string {
  return [...registry.keys()].sort().join(',');
}

/** The event has no effect: its author lacked the right, or it points at nothing. */
export function refuseExtension(code: ErrorCode, message: string): never {
  throw new RuleFailure(code, message);
}

/** Audit fields of an extension event, or the refusal (RuleFailure) it raised. */
export function describeExtension(def: ExtensionEventType, state: CatalogState, event: SignedEvent): AuditFields {
  return def.describe({ event, data: event.body.data, author: event.body.author, at: hlcToIso(event.body.hlc), state });
}
