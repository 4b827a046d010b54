import type { i18n as I18n } from 'i18next';
import { useCallback } from 'react';
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
  }, say);
}

/** `say(sentence, english)`: the sentence in the reader's language, else the English it came with. */
export function useSay(): (say: Sentence | undefined, english: string) => string {
  const { i18n } = useTranslation();
  return useCallback((say: Sentence | undefined, english: string) => sayInLanguage(i18n, say) ?? english, [i18n]);
}

/**
 * Several main-side sentences said one after the other (a timeout, then what was still not
 * ready): each in the reader's language when every key is known, else the English they came with.
 */
export function useSayAll(): (says: readonly Sentence[] | undefined, english: string) => string {
  const { i18n } = useTranslation();
  return useCallback(
    (says: readonly Sentence[] | undefined, english: string) => {
      if (!says?.length) return english;
      const said = says.map((s) => sayInLanguage(i18n, s));
      if (said.some((s) => s === undefined)) return english;
      // Chinese sentences end in 。 and follow each other without a space
      return said.join(i18n.language.startsWith('zh') ? '' : ' ');
    },
    [i18n],
  );
}
