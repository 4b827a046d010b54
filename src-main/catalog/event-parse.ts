import { isHlc } from './hlc';
import type { SignedEvent } from './event-types';
import { isEventId } from './signing';
import { EVENT_MAX_BYTES } from './intake';

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Reads an event from untrusted text (a store file, a catalog file, the local log).
 * Returns a plain reason when the text is not a Berth event at all; a well-formed event
 * whose signature fails is returned as is, so replay can show it as refused.
 */
export function parseSignedEvent(text: string): SignedEvent | string {
  // an event never needs more (intake.ts); refusing before JSON.parse keeps a 60 MiB file cheap
  if (text.length > EVENT_MAX_BYTES + 1) return `larger than ${EVENT_MAX_BYTES / 1024} KiB, more than an event may hold`;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'not valid JSON (half-written or not a Berth event)';
  }
  return asSignedEvent(raw);
}

export function asSignedEvent(raw: unknown): SignedEvent | string {
  if (!isPlainObject(raw) || !isPlainObject(raw.body)) return 'not a Berth event';
  const { id, sig, body } = raw;
  if (!isEventId(id)) return 'its id is not a sha256 hex digest';
  if (typeof sig !== 'string') return 'it carries no signature';
  if (typeof body.v !== 'number' || typeof body.catalog !== 'string' || typeof body.type !== 'string' || typeof body.author !== 'string') {
    return 'its body is not a Berth event body';
  }
  if (!isHlc(body.hlc)) return 'its timestamp is not a hybrid logical clock value';
  if (!isPlainObject(body.prev) || !Object.values(body.prev).every((p) => p === null || typeof p === 'string')) return 'its prev field is malformed';
  if (!isPlainObject(body.data)) return 'its data field is malformed';
  if (body.after !== undefined && body.after !== null && !isEventId(body.after)) return 'its after field is malformed';
  return { id, sig, body: body as unknown as SignedEvent['body'] };
}
