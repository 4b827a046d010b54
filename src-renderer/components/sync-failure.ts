import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sentence } from '../../shared/result';
import { useSayText } from './sentence';

/** A failed sync as `useSession().syncNow()` reports it. */
export interface SyncFailure {
  offline: boolean;
  message: string;
  say?: Sentence;
}

/**
 * A failed sync as a notification says it, in the reader's language: an unreachable store is
 * explained by the kind of place (S3 or a share), any other failure by the main side's sentence.
 */
export function useSyncFailureText(): (failure: SyncFailure, s3: boolean) => { title: string; message: string } {
  const { t } = useTranslation();
  const say = useSayText();
  return useCallback(
    (failure: SyncFailure, s3: boolean) => {
      if (failure.offline) return { title: t('sync.unreachableTitle'), message: s3 ? t('s3Place.offlineExplain') : t('sync.offlineExplain') };
      return { title: t('sync.error'), message: t('sentences.syncFailedKept', { why: say(failure.say, failure.message) }) };
    },
    [t, say],
  );
}
