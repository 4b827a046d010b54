import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BerthError, ErrorCode } from '../../shared/result';
import { sayInLanguage, sayMarked } from './sentence';

const KNOWN: readonly ErrorCode[] = [
  'bridge.unauthorized',
  'bridge.too-large',
  'input.invalid',
  'not-found',
  'conflict',
  'chart.invalid',
  'chart.unsafe-archive',
  'chart.render-failed',
  'chart.lint-failed',
  'catalog.forbidden',
  'catalog.wrong-state',
  'catalog.duplicate',
  'catalog.not-connected',
  'catalog.in-use',
  'catalog.chart-mismatch',
  'sync.unreachable',
  'storage.failed',
  'deploy.failed',
  'deploy.preflight-failed',
  'deploy.timeout',
  'cluster.unreachable',
  'distribution.unreachable',
  'distribution.auth-failed',
  'distribution.not-found',
  'distribution.refused',
  'distribution.bad-response',
];

/**
 * A failure as people read it: a translated headline chosen by the stable code, and the
 * service's sentence, which names the exact thing (file, version, field). `marked` is the same
 * sentence for where it is shown as content: Kubernetes' or Helm's own words quoted in it are
 * marked `lang="en"` (see sayMarked).
 */
export function useErrorText(): (e: BerthError) => { title: string; message: string; marked: ReactNode } {
  const { t, i18n } = useTranslation();
  return useCallback(
    (e: BerthError) => {
      const code = (KNOWN as readonly string[]).includes(e.code) ? e.code.replace('.', '_') : 'internal';
      const message = sayInLanguage(i18n, e.say) ?? e.message;
      return { title: t(`errors.${code as 'internal'}`), message, marked: sayMarked(i18n, e.say) ?? message };
    },
    [t, i18n],
  );
}
