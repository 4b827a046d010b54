/** Pieces the Distribution sections share: their titles, live progress of a run, and failures in plain words. */
import { Alert, Progress, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BerthError } from '../../../shared/result';
import type { DistributionProgress } from '../../../shared/types/distribution';
import { onEvent } from '../../api';

/** A Distribution section's heading and the sentence under it. */
export function SectionTitle({ title, description }: { title: string; description: string }) {
  return (
    <div>
      <Title order={2} fz="lg">
        {title}
      </Title>
      <Text fz="sm" c="dimmed">
        {description}
      </Text>
    </div>
  );
}

/** The latest `distribution.progress` of one kind of run; reset it before starting one. */
export function useDistributionProgress(operation: DistributionProgress['operation']): [DistributionProgress | null, (p: DistributionProgress | null) => void] {
  const [progress, setProgress] = useState<DistributionProgress | null>(null);
  useEffect(
    () =>
      onEvent((name, payload) => {
        if (name === 'distribution.progress' && (payload as DistributionProgress).operation === operation) setProgress(payload as DistributionProgress);
      }),
    [operation],
  );
  return [progress, setProgress];
}

export function RunProgress({ progress, running }: { progress: DistributionProgress | null; running: boolean }) {
  const { t } = useTranslation();
  if (!running) return null;
  const total = progress?.total ?? 0;
  const value = total > 0 ? Math.round(((progress?.done ?? 0) / total) * 100) : 0;
  return (
    <Stack gap={4} data-testid="distribution-progress">
      <Progress value={value} animated striped aria-label={t('distribution.progress.label')} />
      <Text fz="xs" c="dimmed">
        {progress && total > 0
          ? t('distribution.progress.count', { done: progress.done, total, current: progress.current ?? '' })
          : t('distribution.progress.starting')}
      </Text>
    </Stack>
  );
}

const TITLED = [
  'distribution.unreachable',
  'distribution.auth-failed',
  'distribution.not-found',
  'distribution.refused',
  'distribution.bad-response',
  'sync.unreachable',
  'input.invalid',
  'not-found',
] as const;

/** A failed distribution call: a headline by its code, and the service's sentence naming the exact place. */
export function DistributionError({ error }: { error: BerthError | undefined | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  const key = (TITLED as readonly string[]).includes(error.code) ? (error.code as (typeof TITLED)[number]) : 'other';
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle size={18} />}
      title={t(`distribution.errors.${key.replace('.', '_') as 'other'}`)}
      data-testid="distribution-error"
    >
      {error.message}
    </Alert>
  );
}
