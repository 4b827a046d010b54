/**
 * The envelope every contract call returns. Errors travel as data with a stable
 * code (tests and translations key on it) and a sentence for people.
 */
export type ErrorCode =
  // transport and contract
  | 'bridge.unauthorized'
  | 'bridge.forbidden-origin'
  | 'bridge.too-large'
  | 'bridge.bad-request'
  | 'contract.unknown-call'
  | 'contract.invalid-request'
  | 'internal'
  // input and files
  | 'input.invalid'
  | 'not-found'
  | 'conflict'
  // charts
  | 'chart.invalid'
  | 'chart.unsafe-archive'
  | 'chart.render-failed'
  | 'chart.lint-failed'
  | 'chart.dependency'
  // catalog
  | 'catalog.forbidden'
  | 'catalog.wrong-state'
  | 'catalog.duplicate'
  | 'catalog.not-connected'
  | 'catalog.in-use'
  | 'catalog.chart-mismatch'
  // sync and cluster
  | 'sync.unreachable'
  | 'storage.failed'
  | 'deploy.failed'
  | 'deploy.preflight-failed'
  | 'deploy.timeout'
  | 'cluster.unreachable'
  // distribution (S3 store, Helm repositories, OCI registries, bundles)
  | 'distribution.unreachable'
  | 'distribution.auth-failed'
  | 'distribution.not-found'
  | 'distribution.refused'
  | 'distribution.bad-response';

/**
 * A sentence the UI can say in the reader's language: a key under `sentences.` in the
 * renderer's translations and the values it names. The English `message` beside it stays the
 * wording for logs, the CLI and any Berth that does not know the key.
 */
export interface Sentence {
  key: string;
  /** A value can itself be a Sentence: a phrase (a place, a role) said in the same language first. */
  values?: Record<string, string | number | Sentence>;
}

/** One language's text for a key with its (already worded) values; undefined when the language lacks the key. */
export type Wording = (key: string, values: Record<string, string | number>) => string | undefined;

/**
 * A Sentence in one language: its phrases first, then the sentence around them. With
 * `capitalize` (English), a phrase of words that opens the sentence gets a capital (“the shared
 * folder …” → “The shared folder …”); a name or an address (“emqx”, “http://…”) keeps its case.
 */
export function wordSentence(word: Wording, say: Sentence, capitalize = false): string | undefined {
  const values: Record<string, string | number> = {};
  const phrases: string[] = [];
  for (const [name, value] of Object.entries(say.values ?? {})) {
    if (typeof value !== 'object') {
      values[name] = value;
      continue;
    }
    const phrase = wordSentence(word, value, capitalize);
    if (phrase === undefined) return undefined;
    values[name] = phrase;
    phrases.push(phrase);
  }
  const text = word(say.key, values);
  if (text === undefined || !capitalize || !phrases.some((p) => /^[a-z]+ /.test(p) && text.startsWith(p))) return text;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface BerthError {
  code: ErrorCode;
  message: string;
  say?: Sentence;
  /** Optional structured detail (file, line, field) safe to show; never a stack trace. */
  detail?: Record<string, string | number | boolean>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: BerthError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: ErrorCode, message: string, detail?: BerthError['detail']): Result<T> {
  return detail ? { ok: false, error: { code, message, detail } } : { ok: false, error: { code, message } };
}

/** A domain failure thrown inside a service and turned into an error envelope by the handler layer. */
export class BerthFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: BerthError['detail'],
    readonly say?: Sentence,
  ) {
    super(message);
    this.name = 'BerthFailure';
  }
}

export function isResult(x: unknown): x is Result<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as { ok?: unknown }).ok === 'boolean';
}
