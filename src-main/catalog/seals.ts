/**
 * Revocation seals a key's history. A `member.revoke` names the member's latest event as
 * the admin saw it (`seal.last`); following each event's `after` link back from it gives
 * the member's history as sealed. An event of that key which sorts before the revocation
 * but is not in that history was signed late and back-dated (or never reached the admin
 * before the revocation): every machine refuses it, whatever time it claims.
 */
import type { ApplyOutcome } from './apply';
import { orderKey, type SignedEvent } from './event-types';

interface Seal {
  revokeId: string;
  revokeOrd: string;
  history: Set<string>;
  /** Events from before per-author chains existed, older than the chain's first link, are accepted. */
  legacyBefore?: string;
}

export type Seals = Map<string, Seal[]>;

export function isSealingRevoke(e: SignedEvent): boolean {
  return e.body.type === 'member.revoke' && typeof (e.body.data as { seal?: unknown }).seal === 'object' && (e.body.data as { seal?: unknown }).seal !== null;
}

/** The seals of verified revocations among `events` (replay order), except those in `excluded` (refused revocations). */
export function collectSeals(events: readonly SignedEvent[], problems: readonly (string | undefined)[], excluded: ReadonlySet<string>): Seals {
  const seals: Seals = new Map();
  const revokes = events.filter((e, i) => problems[i] === undefined && isSealingRevoke(e) && !excluded.has(e.id));
  if (revokes.length === 0) return seals;
  const members = new Set(revokes.map((e) => (e.body.data as { member: string }).member));
  const byId = new Map<string, SignedEvent>();
  events.forEach((e, i) => {
    if (problems[i] === undefined && members.has(e.body.author)) byId.set(e.id, e);
  });
  for (const r of revokes) {
    const { member, seal } = r.body.data as { member: string; seal: { last: string | null } };
    const history = new Set<string>();
    let legacyBefore: string | undefined;
    let cur = seal.last;
    // a missing link ends the walk: older events are refused until it arrives (then replay runs again)
    while (cur && !history.has(cur)) {
      const e = byId.get(cur);
      if (!e || e.body.author !== member) break;
      history.add(cur);
      if (e.body.after === undefined) {
        legacyBefore = orderKey(e);
        break;
      }
      cur = e.body.after;
    }
    const list = seals.get(member) ?? [];
    list.push({ revokeId: r.id, revokeOrd: orderKey(r), history, ...(legacyBefore ? { legacyBefore } : {}) });
    seals.set(member, list);
  }
  return seals;
}

/** The refusal for an event outside a sealed history, or undefined when no seal covers it. */
export function sealedOut(seals: Seals, e: SignedEvent, authorName: string): ApplyOutcome | undefined {
  const list = seals.get(e.body.author);
  if (!list) return undefined;
  const ord = orderKey(e);
  for (const s of list) {
    if (ord >= s.revokeOrd || s.history.has(e.id)) continue;
    if (s.legacyBefore && e.body.after === undefined && ord < s.legacyBefore) continue;
    return {
      outcome: 'refused',
      code: 'catalog.forbidden',
      reason: `A role of ${authorName} was revoked, and this event is not in the history that revocation sealed: it was signed or delivered after the revocation, whatever time it claims.`,
      audit: {},
    };
  }
  return undefined;
}
