/**
 * Each language's strings are their own chunk: the page's start (boot.ts) fetches the one it will
 * show before i18next and the rest of the main chunk have loaded; index.ts sets i18next up with them.
 */
import type { Language } from '../../shared/types/core';

type Strings = typeof import('./en.json');

const loaders: Record<Language, () => Promise<{ default: Strings }>> = {
  en: () => import('./en.json'),
  'zh-CN': () => import('./zh-CN.json') as Promise<{ default: Strings }>,
};
const loading = new Map<Language, Promise<Strings>>();

/** The language's strings, fetched once (the page's boot asks before it knows the settings: see boot.ts). */
export function loadStrings(language: Language): Promise<Strings> {
  let strings = loading.get(language);
  if (!strings) {
    strings = loaders[language]().then((m) => m.default);
    loading.set(language, strings);
  }
  return strings;
}

export const LAST_LANGUAGE = 'berth.language';

/** The language the page last started or switched to here, if any: boot.ts fetches its strings beside the settings. */
export function lastLanguage(): Language | undefined {
  try {
    const last = localStorage.getItem(LAST_LANGUAGE);
    return last === 'en' || last === 'zh-CN' ? last : undefined;
  } catch {
    return undefined;
  }
}

/** 简体中文 for any Chinese locale first in the list, English otherwise. */
export function systemLanguage(locales: readonly string[]): Language {
  const first = locales.find((l) => /^(zh|en)\b/i.test(l));
  return first && /^zh\b/i.test(first) ? 'zh-CN' : 'en';
}
