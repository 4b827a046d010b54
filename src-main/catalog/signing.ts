import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EventBody, SignedEvent } from './event-types';

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const KEY_PATTERN = /^[0-9a-f]{64}$/;
const ID_PATTERN = /^[0-9a-f]{64}$/;

export function isKeyId(text: unknown): text is string {
  return typeof text === 'string' && KEY_PATTERN.test(text);
}

export function isEventId(text: unknown): text is string {
  return typeof text === 'string' && ID_PATTERN.test(text);
}

export function shortId(keyId: string): string {
  return keyId.slice(0, 12);
}

export function publicKeyHex(key: KeyObject): string {
  const der = key.export({ format: 'der', type: 'spki' });
  return Buffer.from(der.subarray(der.length - 32)).toString('hex');
}

const keyCache = new Map<string, KeyObject>();

export function publicKeyFromHex(hex: string): KeyObject {
  let key = keyCache.get(hex);
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
    keyCache.set(hex, key);
  }
  return key;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function signBody<T extends string>(body: EventBody<T>, privateKey: KeyObject): SignedEvent<T> {
  const bytes = Buffer.from(canonicalJson(body), 'utf8');
  return { id: sha256Hex(bytes), body, sig: sign(null, bytes, privateKey).toString('base64') };
}

/** The sentences an untrustworthy envelope is refused with (checkSignature, and verify-batch's workers). */
export const ENVELOPE_PROBLEM = {
  author: 'Its author key is not a valid Ed25519 public key.',
  canonical: 'Its content cannot be encoded canonically.',
  id: 'Its content does not match its id: it was altered after it was signed.',
  forged: 'Its signature does not verify against its author key: it was forged or altered.',
  malformed: 'Its signature is malformed.',
} as const;

/** Why an event's envelope can't be trusted, or undefined when its id and signature hold. */
export function checkSignature(event: SignedEvent): string | undefined {
  if (!isKeyId(event.body.author)) return ENVELOPE_PROBLEM.author;
  let bytes: Buffer;
  try {
    bytes = Buffer.from(canonicalJson(event.body), 'utf8');
  } catch {
    return ENVELOPE_PROBLEM.canonical;
  }
  if (sha256Hex(bytes) !== event.id) return ENVELOPE_PROBLEM.id;
  try {
    if (!verify(null, bytes, publicKeyFromHex(event.body.author), Buffer.from(event.sig, 'base64'))) return ENVELOPE_PROBLEM.forged;
  } catch {
    return ENVELOPE_PROBLEM.malformed;
  }
  return undefined;
}
