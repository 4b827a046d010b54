/** Checking a store location someone typed, and naming it in the plain sentences people read. */
import { resolve } from 'node:path';
import type { Sentence } from '../../shared/result';
import { inEnglish, refusal, sentence } from '../sentences';
import type { StoreLocation } from '../../shared/types/catalog';
import type { S3Credentials, S3StoreLocation } from '../../shared/types/distribution';

/** A location with absolute paths and trimmed S3 fields, or a plain failure saying what is missing. */
export function normalizeStoreLocation(where: StoreLocation): StoreLocation {
  switch (where?.kind) {
    case 'folder':
    case 'file':
      if (typeof where.path !== 'string' || !where.path.trim()) break;
      return { kind: where.kind, path: resolve(where.path) };
    case 's3':
      return normalizeS3Location(where);
  }
  throw refusal('input.invalid', 'store.givePlace');
}

function normalizeS3Location(where: S3StoreLocation): S3StoreLocation {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const bucket = text(where.bucket);
  if (!bucket) throw refusal('input.invalid', 'store.giveBucket');
  const out: S3StoreLocation = { kind: 's3', bucket };
  const endpoint = text(where.endpoint);
  if (endpoint) {
    if (!/^https?:\/\/[^/\s]+/i.test(endpoint))
      throw refusal('input.invalid', 'store.badEndpoint', { endpoint });
    out.endpoint = endpoint.replace(/\/+$/, '');
  }
  const prefix = text(where.prefix)?.replace(/^\/+/, '');
  if (prefix) out.prefix = prefix.endsWith('/') ? prefix : `${prefix}/`;
  for (const k of ['region', 'profile'] as const) {
    const v = text(where[k]);
    if (v) out[k] = v;
  }
  if (typeof where.forcePathStyle === 'boolean') out.forcePathStyle = where.forcePathStyle;
  return out;
}

/** The place as a phrase in the reader's language: “the shared folder /srv/x”, “the S3 bucket “team” (prefix acme/) at http://minio:9000”. */
export function storePlace(location: StoreLocation): Sentence {
  if (location.kind !== 's3') return sentence(location.kind === 'folder' ? 'place.folder' : 'place.file', { path: location.path });
  const { bucket, prefix, endpoint } = location;
  if (prefix) return endpoint ? sentence('place.s3PrefixAt', { bucket, prefix, endpoint }) : sentence('place.s3PrefixAws', { bucket, prefix });
  return endpoint ? sentence('place.s3At', { bucket, endpoint }) : sentence('place.s3Aws', { bucket });
}

/** The place in English, for logs, the CLI and integrity findings. */
export function describeStore(location: StoreLocation): string {
  return inEnglish(storePlace(location));
}

/** One string per place, so a sync cursor is never used with another store. */
export function storeKey(location: StoreLocation): string {
  if (location.kind !== 's3') return `${location.kind}:${location.path}`;
  return `s3:${location.endpoint ?? 'aws'}/${location.bucket}/${location.prefix ?? ''}`;
}

/** Upper-cased first letter, for a description that starts a sentence. */
export function sentenceStart(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Keys saved on this computer apply only when the location names no profile and the
 * environment holds no AWS keys or profile: what people set up on purpose comes first.
 */
export function savedKeysFor(location: S3StoreLocation, saved: S3Credentials | undefined): S3Credentials | undefined {
  if (location.profile || process.env.AWS_ACCESS_KEY_ID || process.env.AWS_PROFILE) return undefined;
  return saved;
}
