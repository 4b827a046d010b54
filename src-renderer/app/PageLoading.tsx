import { Alert, Button, Skeleton, Stack, Text } from '@mantine/core';
import { IconHourglassHigh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageBody } from '../components/PageBody';

/** Below this a page's chunk usually arrives (it is read from disk or the loopback bridge), so nothing flashes. */
const SHOW_AFTER_MS = 250;
/** Past this something is wrong (a stalled bridge, a missing file): say so and offer a way on instead of waiting forever. */
const SLOW_AFTER_MS = 10_000;

/**
 * What the frame shows while a page's code loads: the outline of a page, then, if loading
 * never ends, a sentence saying so with a reload. A chunk that fails to load is an error and
 * reaches the page's error boundary instead.
 */
export function PageLoading({ slowAfterMs = SLOW_AFTER_MS }: { slowAfterMs?: number }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<'quiet' | 'loading' | 'slow'>('quiet');
  useEffect(() => {
    const show = setTimeout(() => setPhase('loading'), SHOW_AFTER_MS);
    const slow = setTimeout(() => setPhase('slow'), slowAfterMs);
    return () => {
      clearTimeout(show);
      clearTimeout(slow);
    };
  }, [slowAfterMs]);
  if (phase === 'quiet') return null;
  return (
    <PageBody>
      <Stack gap="md" aria-busy={phase === 'loading'} aria-label={t('app.pageLoading.label')}>
        {phase === 'slow' ? (
          <Alert color="yellow" icon={<IconHourglassHigh size={20} />} title={t('app.pageLoading.slowTitle')}>
            <Stack gap="sm">
              <Text fz="sm">{t('app.pageLoading.slowDescription')}</Text>
              <Button variant="default" w="fit-content" onClick={() => window.location.reload()}>
                {t('app.crashed.reload')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          <>
            <Skeleton h={28} w="40%" />
            <Skeleton h={16} w="70%" />
            <Skeleton h={160} />
          </>
        )}
      </Stack>
    </PageBody>
  );
}
