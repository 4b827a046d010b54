/** Both languages' strings at once, for tests that say a sentence in each (the app loads one: ./index.ts). */
import en from './en.json';
import zhCN from './zh-CN.json';

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const;
