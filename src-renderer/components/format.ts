import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago" / "3 小时前" in the UI language. */
export function useRelativeTime(): (iso: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (iso: string) => {
      const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
      const rtf = new Intl.RelativeTimeFormat(i18n.language, { numeric: 'auto' });
      for (const [unit, size] of UNITS) {
        if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
      }
      return seconds > -60 && seconds < 60 ? t('common.justNow') : rtf.format(0, 'minute');
    },
    [t, i18n.language],
  );
}

/** A date (and optionally time) in the UI language. */
export function useDateFormat(): (iso: string, withTime?: boolean) => string {
  const { i18n } = useTranslation();
  return useCallback(
    (iso: string, withTime = false) =>
      new Intl.DateTimeFormat(i18n.language, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(new Date(iso)),
    [i18n.language],
  );
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
