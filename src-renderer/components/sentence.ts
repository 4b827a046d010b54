import type { i18n as I18n } from 'i18next';
import { createElement, Fragment, useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { wordSentence, type Sentence } from '../../shared/result';

/**
 * Count words said inside another sentence ("found 1 error and 7 warnings"): the main side
 * sends the numbers, and each language words them with its own plural rules.
 */
const COUNT_WORDS: Record<string, Record<string, string>> = {
  'report.lintFound': { errors: 'report.errors', warnings: 'report.warnings' },
  'report.apisFound': { removed: 'report.objects', deprecated: 'report.objects' },
};

/**
 * A main-side sentence in the reader's language when it carries a key this Berth knows (see
 * Sentence); undefined otherwise, so the caller keeps the English wording it came with. An
 * `object` value (a `Kind/name`) is said before the sentence, as a name.
 */
export function sayInLanguage(i18n: I18n, say: Sentence | undefined): string | undefined {
  if (!say) return undefined;
  return wordSentence((sayKey, given) => {
    const key = `sentences.${sayKey}`;
    const values: Record<string, string | number> = { ...given };
    if (!i18n.exists(key, values)) return undefined;
    for (const [name, word] of Object.entries(COUNT_WORDS[sayKey] ?? {})) {
      if (typeof values[name] === 'number') values[name] = i18n.t(`sentences.${word}` as 'sentences.report.errors', { count: values[name] });
    }
    const sentence = i18n.t(key as 'sentences.check.crdFile', values);
    return values.object === undefined ? sentence : i18n.t('sentences.objectPrefix', { object: values.object, sentence });
  }, say, i18n.language === 'en');
}

/**
 * Values that quote Kubernetes or Helm as they said it ("Kubernetes 的原话：…"): inside a sentence
 * of another language they are marked as English (`lang="en"`), like Helm's own lint messages.
 */
const QUOTED = ['reason', 'why'] as const;
const mark = (name: string) => `\uE000${name}\uE000`;

/**
 * sayInLanguage, with the quoted values (QUOTED) marked `lang="en"`; a sentence without any
 * stays a plain string.
 */
export function sayMarked(i18n: I18n, say: Sentence | undefined): ReactNode | undefined {
  const quoted = QUOTED.filter((name) => typeof say?.values?.[name] === 'string' && say.values[name] !== '');
  if (!say || quoted.length === 0) return sayInLanguage(i18n, say);
  const marked = { ...say, values: { ...say.values, ...Object.fromEntries(quoted.map((name) => [name, mark(name)])) } };
  const sentence = sayInLanguage(i18n, marked);
  if (sentence === undefined) return undefined;
  // split keeps the captured names at the odd places: text, name, text, …
  const parts = sentence.split(/\uE000(\w+)\uE000/);
  return createElement(
    Fragment,
    null,
    ...parts.map((part, i) => (i % 2 === 0 ? part : createElement('span', { key: i, lang: 'en' }, String(say.values?.[part])))),
  );
}

/** `say(sentence, english)`: the sentence in the reader's language, else the English it came with. */
export function useSay(): (say: Sentence | undefined, english: string) => ReactNode {
  const { i18n } = useTranslation();
  return useCallback((say: Sentence | undefined, english: string) => sayMarked(i18n, say) ?? english, [i18n]);
}

/**
 * `sayText(sentence, english)`: as useSay, for where only text goes (a tooltip joined from parts,
 * a value inside another translation): quoted Kubernetes or Helm words are not marked there.
 */
export function useSayText(): (say: Sentence | undefined, english: string) => string {
  const { i18n } = useTranslation();
  return useCallback((say: Sentence | undefined, english: string) => sayInLanguage(i18n, say) ?? english, [i18n]);
}

/**
 * Several main-side sentences said one after the other (a timeout, then what was still not
 * ready): each in the reader's language when every key is known, else the English they came with.
 */
export function useSayAll(): (says: readonly Sentence[] | undefined, english: string) => ReactNode {
  const { i18n } = useTranslation();
  return useCallback(
    (says: readonly Sentence[] | undefined, english: string) => {
      if (!says?.length) return english;
      const said = says.map((s) => sayMarked(i18n, s));
      if (said.some((s) => s === undefined)) return english;
      // Chinese sentences end in 。 and follow each other without a space
      const between = i18n.language.startsWith('zh') ? '' : ' ';
      return createElement(Fragment, null, ...said.flatMap((s, i) => (i === 0 ? [s] : [between, s])));
    },
    [i18n],
  );
}
