/**
 * What the catalog takes in from others, before replay: limits that keep one bad key or
 * one wrong clock from costing every machine disk, memory or time.
 */
import type { SignedEvent } from './event-types';
import { parseHlc } from './hlc';
import type { CatalogState } from './state';

/** Largest event (its JSON). Charts, icons and screenshots travel as blobs, which have their own limits (shared/limits.ts). */
export const EVENT_MAX_BYTES = 256 * 1024;
/** How far ahead of this machine's clock an event may be stamped before it is held back. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** A key that holds no role yet (a newcomer says who they are with one small member.join). */
export const ROLELESS_MAX_EVENTS = 64;
export const ROLELESS_MAX_EVENT_BYTES = 16 * 1024;

export function eventBytes(e: SignedEvent): number {
  return Buffer.byteLength(JSON.stringify(e), 'utf8');
}

export function tooLargeReason(bytes: number): string {
  return `It is ${formatKiB(bytes)}, more than the ${formatKiB(EVENT_MAX_BYTES)} an event may hold (large content travels as files).`;
}

/** Stamped more than the allowed skew ahead of `now`: held back until then. */
export function isAhead(e: SignedEvent, now: number): boolean {
  const wall = parseHlc(e.body.hlc)?.wall ?? 0;
  return wall > now + CLOCK_SKEW_MS;
}

/** When a held-back event may be applied. */
export function dueAt(e: SignedEvent): number {
  return (parseHlc(e.body.hlc)?.wall ?? 0) - CLOCK_SKEW_MS;
}

/** Has any platform or workspace role, here or by a grant among `incoming`. */
export function rolelessAuthors(state: CatalogState, incoming: readonly SignedEvent[]): (key: string) => boolean {
  const granted = new Set<string>();
  for (const m of state.members.values()) if (m.roles.length) granted.add(m.key);
  for (const w of state.workspaces.values()) for (const k of Object.keys(w.members)) granted.add(k);
  for (const e of incoming) {
    const member = (e.body.data as { member?: unknown } | undefined)?.member;
    if ((e.body.type === 'member.grant' || e.body.type === 'workspace.addMember') && typeof member === 'string') granted.add(member);
    if (e.body.type === 'catalog.genesis') granted.add(e.body.author);
  }
  return (key) => !granted.has(key);
}

export function formatKiB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
