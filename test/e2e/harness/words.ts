/**
 * Berth's own words in the language a walk runs in, taken from the renderer's string files: an
 * e2e test finds a button by the name a reader of that language sees, and a missing key fails
 * loudly instead of silently looking for the English.
 */
import i18next from 'i18next';
import { resources } from '../../../src-renderer/i18n/resources';
import type { WalkLanguage } from './language';

type Values = Record<string, string | number>;

export interface Words {
  /** The sentence `key` says with `values`, as the page shows it. */
  (key: string, values?: Values): string;
  /**
   * The whole sentence as a pattern, with each value named in `patterns` matched by its pattern
   * instead (a count or a key the test does not know); `count` still picks the plural form.
   */
  like(key: string, values: Values, patterns: Record<string, string>): RegExp;
}

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function wordsIn(language: WalkLanguage): Words {
  const i18n = i18next.createInstance();
  void i18n.init({ lng: language, resources, fallbackLng: false, interpolation: { escapeValue: false }, initAsync: false });
  const t = i18n.t as unknown as (key: string, values?: Values) => string;
  const say = ((key: string, values?: Values) => {
    if (!i18n.exists(key, values)) throw new Error(`no ${language} string for ${key}`);
    return t(key, values);
  }) as Words;
  // each patterned value is said as a mark no page shows, replaced by its pattern after escaping the rest
  const mark = (i: number) => `${987650 + i}`;
  say.like = (key, values, patterns) => {
    const names = Object.keys(patterns);
    const marks = Object.fromEntries(names.map((name, i) => [name, name === 'count' ? Number(mark(i)) : mark(i)]));
    let pattern = escaped(say(key, { ...values, ...marks }));
    names.forEach((name, i) => (pattern = pattern.replace(mark(i), patterns[name])));
    return new RegExp(`^${pattern}$`);
  };
  return say;
}
