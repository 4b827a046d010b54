import 'i18next';
import type en from './en.json';

// Makes t('…') type-checked against the English resource file.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    returnNull: false;
  }
}
