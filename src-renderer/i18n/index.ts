/**
 * i18next with the strings of the active language only: each language's strings are their own
 * chunk (95 kB each, half of what the main chunk was), loaded as the page starts and the other
 * one when the reader switches. Both ship with the app: Berth works offline, nothing is fetched
 * from elsewhere. Keys are typed from the English file (see i18next.d.ts), and a unit test checks
 * that every key used in the code exists in both languages (tests take both from ./resources).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/types/core';
import { LAST_LANGUAGE, loadStrings } from './strings';

export { lastLanguage, loadStrings } from './strings';

function shown(language: Language): void {
  document.documentElement.lang = language;
  try {
    localStorage.setItem(LAST_LANGUAGE, language);
  } catch {
    // no storage: the next start guesses from the system's languages
  }
}

/** Languages as shown in the language menu: each in its own script. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

export async function setupI18n(language: Language): Promise<typeof i18next> {
  const strings = await loadStrings(language);
  await i18next.use(initReactI18next).init({
    resources: { [language]: { translation: strings } },
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    initAsync: false,
  });
  shown(language);
  return i18next;
}

export async function switchLanguage(language: Language): Promise<void> {
  if (!i18next.hasResourceBundle(language, 'translation')) {
    i18next.addResourceBundle(language, 'translation', await loadStrings(language));
  }
  await i18next.changeLanguage(language);
  shown(language);
}
