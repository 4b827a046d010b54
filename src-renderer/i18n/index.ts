/**
 * i18next set up with both languages bundled: Berth works offline, so nothing is fetched.
 * Keys are typed from the English file (see i18next.d.ts), and a unit test checks that
 * every key used in the code exists in both languages.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/types/core';
import en from './en.json';
import zhCN from './zh-CN.json';

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const;

/** Languages as shown in the language menu: each in its own script. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

export async function setupI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    initAsync: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function switchLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
