import { Alert, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReleaseHealth } from '../../../shared/types/deploy';
import { ReleaseHealthView } from './ReleaseHealthView';
import type { BerthError } from '../../../shared/result';
import { useErrorText } from '../errors';
import { useSayAll } from '../sentence';

/** How a deploy ended: green (every workload ready), red (a workload failed), timeout, or failed before running. */
export interface DeployOutcome {
  kind: 'green' | 'red' | 'timeout' | 'failed';
  /** The reason in the service's plain words (absent when green). */
  message?: string;
  /** The failure itself, said in the reader's language when it carries a sentence. */
  error?: BerthError;
  health?: ReleaseHealth;
}

export interface InstallProgressProps {
  release: string;
  namespace: string;
  /** The latest status pushed while installing (or the final one). */
  health?: ReleaseHealth;
  /** Set once the install call returned. */
  outcome?: DeployOutcome;
  /** Shown under a finished outcome (e.g. "recorded on the version"). */
  footnote?: string;
}

/** The install step: live status while it waits, then the outcome with its reason. */
export function InstallProgress({ release, namespace, health, outcome, footnote }: InstallProgressProps) {
  const { t } = useTranslation();
  const sayAll = useSayAll();
  const errorText = useErrorText();
  const shown = outcome?.health ?? health;
  const outcomeMessage = !outcome
    ? undefined
    : outcome.error
      ? // a timeout or red release fails the call with the health's reason: the last status pushed says it in the reader's language
        shown?.reason === outcome.error.message && shown.reasonSay
        ? sayAll(shown.reasonSay, shown.reason)
        : errorText(outcome.error).marked
      : outcome.health && outcome.message === outcome.health.reason
        ? sayAll(outcome.health.reasonSay, outcome.message ?? '')
        : outcome.message;
  return (
    <Stack gap="md">
      {!outcome && (
        <Group gap="sm">
          <Loader size="sm" />
          <Text fz="sm">{health ? t('deploy.install.running', { release, namespace }) : t('deploy.install.waiting')}</Text>
        </Group>
      )}
      {outcome && (
        <Alert
          data-testid="deploy-outcome"
          data-outcome={outcome.kind}
          color={outcome.kind === 'green' ? 'green' : 'red'}
          icon={
            outcome.kind === 'green' ? (
              <IconCircleCheck size={20} />
            ) : outcome.kind === 'timeout' ? (
              <IconClockHour4 size={20} />
            ) : (
              <IconAlertTriangle size={20} />
            )
          }
          title={
            outcome.kind === 'green'
              ? t('deploy.outcome.green', { release })
              : outcome.kind === 'timeout'
                ? t('deploy.outcome.timeout', { release })
                : outcome.kind === 'red'
                  ? t('deploy.outcome.red', { release })
                  : t('deploy.outcome.failed')
          }
        >
          <Stack gap={4}>
            <Text fz="sm">{outcome.kind === 'green' ? t('deploy.outcome.greenBody') : outcomeMessage}</Text>
            {footnote && (
              <Text fz="xs" c="dimmed">
                {footnote}
              </Text>
            )}
          </Stack>
        </Alert>
      )}
      {shown && <ReleaseHealthView health={shown} showReason={outcome?.message !== shown.reason} />}
    </Stack>
  );
}
