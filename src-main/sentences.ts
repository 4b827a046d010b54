/**
 * Main-side sentences written once: a refusal names its key under `sentences.` in the
 * renderer's translations (src-renderer/i18n/en.json, zh-CN.json) and its values; the English
 * `message` for logs and the CLI is worded from en.json, and the UI says the same key in the
 * reader's language. Keys are typed from en.json, so a key that does not exist fails to compile.
 */
import { sentences } from '../src-renderer/i18n/en.json';
import { BerthFailure, wordSentence, type BerthError, type ErrorCode, type Sentence } from '../shared/result';

type PluralBase<K extends string> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;
type Leaves<T> = { [K in keyof T & string]: T[K] extends string ? PluralBase<K> : `${K}.${Leaves<T[K]>}` }[keyof T & string];

/** Every key under `sentences.` in en.json (plural forms by their base name). */
export type SentenceKey = Leaves<typeof sentences>;

type Values = Record<string, string | number | Sentence>;

/** A sentence to say: its key and the values its placeholders name (a value may be another sentence: a phrase). */
export function sentence(key: SentenceKey, values?: Values): Sentence {
  return values ? { key, values } : { key };
}

function lookup(key: string): string | undefined {
  let node: unknown = sentences;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' ? node : undefined;
}

function englishText(key: string, values: Record<string, string | number>): string | undefined {
  const count = values.count;
  const text = typeof count === 'number' ? (lookup(`${key}_${count === 1 ? 'one' : 'other'}`) ?? lookup(key)) : lookup(key);
  return text?.replace(/\{\{\s*(\w+)\s*\}\}/g, (all, name: string) => (values[name] === undefined ? all : String(values[name])));
}

/** The sentence in English, as logs and the CLI print it. */
export function inEnglish(say: Sentence): string {
  return wordSentence(englishText, say, true) ?? say.key;
}

/** A failure a person reads in their language: `code` for the headline, the sentence for what exactly. */
export function refusal(code: ErrorCode, key: SentenceKey, values?: Values, detail?: BerthError['detail']): BerthFailure {
  const say = sentence(key, values);
  return new BerthFailure(code, inEnglish(say), detail, say);
}

/** “a or b”, “a, b or c” as a phrase, each language with its own joiners (`sentences.list.*`). */
export function orList(items: readonly (string | Sentence)[]): string | Sentence {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length === 2) return sentence('list.or', { a: items[0], b: items[1] });
  return sentence('list.more', { first: items[0], rest: orList(items.slice(1)) });
}

/** “a, b, c” as a phrase (Chinese joins with 、). */
export function commaList(items: readonly (string | Sentence)[]): string | Sentence {
  if (items.length <= 1) return items[0] ?? '';
  return sentence('list.and', { a: items[0], b: commaList(items.slice(1)) });
}
