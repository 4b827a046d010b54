/**
 * The few S3 operations the catalog store needs, over @aws-sdk/client-s3, with the failures
 * people hit put in plain words: bad credentials, a missing bucket, an endpoint that does not
 * answer. Transient failures are retried with exponential backoff before giving up.
 */
import {
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { BerthFailure, type ErrorCode, type Sentence } from '../../shared/result';
import { refusal, sentence, type SentenceKey } from '../sentences';
import type { S3Credentials, S3StoreLocation } from '../../shared/types/distribution';

// Berth bundles its own Node; the SDK's notice about future Node versions is not for its users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface S3Access {
  location: S3StoreLocation;
  /** Keys from the settings page; otherwise the usual AWS sources (env, profile, SSO, instance role). */
  credentials?: S3Credentials;
  /** Attempts per operation for transient failures (connection refused or reset, 5xx, throttling). */
  attempts?: number;
  /** First backoff delay in ms; doubles each attempt. */
  backoffMs?: number;
  /** Lets tests count or fail requests. */
  configure?: (client: S3Client) => void;
}

export interface ListedObject {
  key: string;
  size: number;
  /** As the server lists it, quotes removed (the md5 of the bytes for a single upload on most servers). */
  etag: string;
  /** When the server stored this version (ms). */
  modified: number;
}

interface AwsError {
  name?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
  cause?: { code?: string };
  message?: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'ECONNABORTED',
]);

function errorCode(e: AwsError): string {
  return e.Code ?? e.code ?? e.cause?.code ?? e.name ?? '';
}

function isTransient(e: AwsError): boolean {
  const status = e.$metadata?.httpStatusCode;
  return NETWORK_CODES.has(errorCode(e)) || (status !== undefined && (status >= 500 || status === 429)) || e.name === 'TimeoutError';
}

export function createS3Client(access: S3Access): S3Client {
  const { location } = access;
  const config: S3ClientConfig = {
    region: location.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    forcePathStyle: location.forcePathStyle ?? Boolean(location.endpoint),
    maxAttempts: 1, // retries are ours (below), so a stopped server fails fast and plainly
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  if (location.endpoint) config.endpoint = location.endpoint;
  if (access.credentials) config.credentials = { ...access.credentials };
  else if (location.profile) config.profile = location.profile;
  const client = new S3Client(config);
  access.configure?.(client);
  return client;
}

export class S3Objects {
  readonly client: S3Client;
  readonly bucket: string;
  readonly prefix: string;
  private readonly attempts: number;
  private readonly backoffMs: number;
  /** Cleared when the server answers 501 to `If-None-Match: *`; writes then check first. */
  conditionalWrites = true;
  /** Server clock minus ours, from the Date header of the last answer. */
  clockOffsetMs = 0;

  constructor(private readonly access: S3Access) {
    this.client = createS3Client(access);
    this.bucket = access.location.bucket;
    this.prefix = normalizePrefix(access.location.prefix);
    this.attempts = access.attempts ?? 4;
    this.backoffMs = access.backoffMs ?? 200;
    this.client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const date = (result.response as { headers?: Record<string, string> }).headers?.date;
        const server = date ? Date.parse(date) : NaN;
        if (!Number.isNaN(server)) this.clockOffsetMs = server - Date.now();
        return result;
      },
      { step: 'deserialize', name: 'berthServerClock' },
    );
  }

  key(rel: string): string {
    return this.prefix + rel;
  }

  /** Now, by the server's clock (to a second), so keys from machines with skewed clocks still sort by arrival. */
  serverNow(): number {
    return Date.now() + this.clockOffsetMs;
  }

  private where(): Sentence {
    const endpoint = this.access.location.endpoint;
    return endpoint ? sentence('s3.bucketAt', { bucket: this.bucket, endpoint }) : sentence('s3.bucket', { bucket: this.bucket });
  }

  /** Turns an SDK failure into a BerthFailure people can act on. */
  explain(e: unknown): BerthFailure {
    if (e instanceof BerthFailure) return e;
    const err = e as AwsError;
    const code = errorCode(err);
    const status = err.$metadata?.httpStatusCode;
    const [failure, key, values] = this.describe(err, code, status);
    return refusal(failure, key, { where: this.where(), ...values }, { s3Code: code, status: status ?? 0 });
  }

  /** The failure's code and the sentence that explains it (`sentences.s3.*`, said about `where`). */
  private describe(err: AwsError, code: string, status: number | undefined): [ErrorCode, SentenceKey, Record<string, string>?] {
    if (NETWORK_CODES.has(code) || err.name === 'TimeoutError') return ['sync.unreachable', 's3.noAnswer', { code }];
    if (
      ['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidToken', 'ExpiredToken', 'CredentialsProviderError', 'InvalidClientTokenId'].includes(code) ||
      err.name === 'CredentialsProviderError'
    ) {
      return ['distribution.auth-failed', code === 'CredentialsProviderError' ? 's3.noCredentials' : 's3.wrongCredentials'];
    }
    if (code === 'NoSuchBucket') return ['distribution.not-found', 's3.noBucket'];
    if (code === 'AccessDenied' || status === 403) return ['distribution.refused', 's3.denied'];
    const answer = code || `HTTP ${status ?? '?'}`;
    return err.message ? ['distribution.bad-response', 's3.answeredSaying', { answer, said: err.message }] : ['distribution.bad-response', 's3.answered', { answer }];
  }

  /** Runs one S3 call, retrying transient failures with exponential backoff. */
  async call<T>(op: () => Promise<T>): Promise<T> {
    let delay = this.backoffMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await op();
      } catch (e) {
        if (attempt >= this.attempts || !isTransient(e as AwsError)) throw this.explain(e);
        await new Promise((r) => setTimeout(r, delay));
        delay *= 2;
      }
    }
  }

  async checkBucket(): Promise<void> {
    await this.call(() => this.client.send(new HeadBucketCommand({ Bucket: this.bucket }))).catch((e: BerthFailure) => {
      // HeadBucket has no body, so a missing bucket arrives as a bare 404
      if (statusOf(e) === 404) throw refusal('distribution.not-found', 's3.noBucket', { where: this.where() }, e.detail);
      throw e;
    });
  }

  async get(rel: string): Promise<Uint8Array | undefined> {
    try {
      return await this.call(async () => {
        const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(rel) }));
        return res.Body ? await res.Body.transformToByteArray() : new Uint8Array();
      });
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  async exists(rel: string): Promise<boolean> {
    try {
      await this.call(() => this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(rel) })));
      return true;
    } catch (e) {
      if (statusOf(e) === 404) return false;
      throw e;
    }
  }

  /**
   * Creates the object unless it exists (`If-None-Match: *`, an atomic check on servers that
   * support it; a HEAD first on those that do not). Returns false when it was already there.
   */
  async createOnly(rel: string, body: Uint8Array | string, contentType = 'application/octet-stream'): Promise<boolean> {
    if (!this.conditionalWrites && (await this.exists(rel))) return false;
    try {
      await this.call(() =>
        this.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: this.key(rel),
            Body: body,
            ContentType: contentType,
            ...(this.conditionalWrites ? { IfNoneMatch: '*' } : {}),
          }),
        ),
      );
      return true;
    } catch (e) {
      const status = statusOf(e);
      // 412: the object exists; 409: a concurrent conditional write of it won
      if (status === 412 || status === 409) return false;
      if (this.conditionalWrites && status === 501) {
        this.conditionalWrites = false;
        return this.createOnly(rel, body, contentType);
      }
      throw e;
    }
  }

  /** Writes the object whatever is there (anti-entropy putting back a damaged blob). */
  async put(rel: string, body: Uint8Array | string, contentType = 'application/octet-stream'): Promise<void> {
    await this.call(() => this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.key(rel), Body: body, ContentType: contentType })));
  }

  /** Every key under `relPrefix` that sorts after `startAfter` (relative), in key order. */
  async list(relPrefix: string, startAfter?: string, onPage?: (objects: ListedObject[]) => void): Promise<ListedObject[]> {
    const all: ListedObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.call(() =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.key(relPrefix),
            StartAfter: token ? undefined : startAfter ? this.key(startAfter) : undefined,
            ContinuationToken: token,
          }),
        ),
      );
      const objects = (page.Contents ?? []).map((o) => ({
        key: (o.Key ?? '').slice(this.prefix.length),
        size: o.Size ?? 0,
        etag: (o.ETag ?? '').replace(/"/g, ''),
        modified: o.LastModified?.getTime() ?? 0,
      }));
      if (onPage) onPage(objects);
      else all.push(...objects);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return all;
  }

  destroy(): void {
    this.client.destroy();
  }
}

function statusOf(e: unknown): number | undefined {
  return e instanceof BerthFailure && typeof e.detail?.status === 'number' ? e.detail.status : undefined;
}

function normalizePrefix(prefix: string | undefined): string {
  const p = (prefix ?? '').replace(/^\/+/, '');
  return p && !p.endsWith('/') ? `${p}/` : p;
}
