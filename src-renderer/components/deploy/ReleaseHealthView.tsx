import { Alert, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClockHour4, IconLoader } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReleaseHealth } from '../../../shared/types/deploy';
import { useDateFormat } from '../format';
import { useSay, useSayAll } from '../sentence';

/** The badge of a release's health: green, red (with "timed out" when the wait ran out), or pending. */
export function HealthBadge({ health }: { health: Pick<ReleaseHealth, 'health' | 'timedOut'> }) {
  const { t } = useTranslation();
  if (health.health === 'green')
    return (
      <Badge color="green" leftSection={<IconCircleCheck size={14} />} tt="none" data-testid="health-badge" data-health="green">
        {t('deploy.health.green')}
      </Badge>
    );
  if (health.health === 'red')
    return (
      <Badge
        color="red"
        leftSection={health.timedOut ? <IconClockHour4 size={14} /> : <IconAlertTriangle size={14} />}
        tt="none"
        data-testid="health-badge"
        data-health={health.timedOut ? 'timeout' : 'red'}
      >
        {health.timedOut ? t('deploy.health.timeout') : t('deploy.health.red')}
      </Badge>
    );
  return (
    <Badge color="yellow" leftSection={<IconLoader size={14} />} tt="none" data-testid="health-badge" data-health="pending">
      {t('deploy.health.pending')}
    </Badge>
  );
}

export interface ReleaseHealthViewProps {
  /** The live status of a release, as `deploy.health` returns and `deploy.status` pushes it. */
  health: ReleaseHealth;
  /** How many recent events to list (default 8). */
  maxEvents?: number;
  /** Show the reason sentence (default true; off when the caller already shows it). */
  showReason?: boolean;
}

/**
 * A release's live status: the green/red/timeout badge with its reason, workloads ready of
 * desired, pods with phase and restarts, and the latest events. Pure display: the caller
 * fetches or watches the health.
 */
export function ReleaseHealthView({ health, maxEvents = 8, showReason = true }: ReleaseHealthViewProps) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const sayAll = useSayAll();
  const say = useSay();
  const events = [...health.events].sort((a, b) => b.lastSeen.localeCompare(a.lastSeen)).slice(0, maxEvents);
  return (
    <Stack gap="sm" data-testid="release-health">
      <Group gap="sm" justify="space-between">
        <Group gap="sm">
          <HealthBadge health={health} />
          <Text fz="sm" fw={500}>
            {t('deploy.health.release', { release: health.release, namespace: health.namespace, revision: health.revision })}
          </Text>
        </Group>
        <Text fz="xs" c="dimmed">
          {t('deploy.health.checkedAt', { time: date(health.checkedAt, true) })}
        </Text>
      </Group>
      {showReason && health.reason && (
        <Alert color={health.health === 'red' ? 'red' : 'yellow'} variant="light" p="xs">
          <Text fz="sm" data-testid="health-reason">
            {sayAll(health.reasonSay, health.reason)}
          </Text>
        </Alert>
      )}
      <div>
        <Title order={4} fz="sm" mb={4}>
          {t('deploy.health.workloads')}
        </Title>
        {health.workloads.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('deploy.health.noWorkloads')}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4} withRowBorders={false}>
            <Table.Tbody>
              {health.workloads.map((w) => (
                <Table.Tr key={`${w.kind}/${w.namespace}/${w.name}`}>
                  <Table.Td>
                    <Text fz="sm" ff="monospace">
                      {w.kind} {w.name}
                    </Text>
                  </Table.Td>
                  <Table.Td w={110}>
                    {/* never cut to "0 / 1 rea…": the badge keeps its label's width */}
                    <Badge
                      variant="light"
                      color={w.isReady ? 'green' : 'yellow'}
                      tt="none"
                      miw="max-content"
                      style={{ flexShrink: 0 }}
                      data-testid="workload-ready"
                    >
                      {t('deploy.health.ready', { ready: w.ready, desired: w.desired })}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="xs" c="dimmed">
                      {say(w.messageSay, w.message ?? '')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </div>
      {health.pods.length > 0 && (
        <div>
          <Title order={4} fz="sm" mb={4}>
            {t('deploy.health.pods')}
          </Title>
          <Table fz="sm" verticalSpacing={4} withRowBorders={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('deploy.health.pod')}</Table.Th>
                <Table.Th>{t('deploy.health.phase')}</Table.Th>
                <Table.Th>{t('deploy.health.restarts')}</Table.Th>
                <Table.Th>{t('deploy.health.node')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {health.pods.map((p) => (
                <Table.Tr key={`${p.namespace}/${p.name}`}>
                  <Table.Td>
                    <Text fz="sm" ff="monospace">
                      {p.name}
                    </Text>
                    {p.reason && (
                      <Text fz="xs" c="red">
                        {p.reason}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      variant="dot"
                      color={p.ready ? 'green' : p.phase === 'Failed' ? 'red' : 'yellow'}
                      tt="none"
                      miw="max-content"
                      style={{ flexShrink: 0 }}
                      data-testid="pod-phase"
                    >
                      {p.phase}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{p.restarts}</Table.Td>
                  <Table.Td>
                    <Text fz="xs" c="dimmed">
                      {p.node ?? '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {events.length > 0 && (
        <div>
          <Title order={4} fz="sm" mb={4}>
            {t('deploy.health.events')}
          </Title>
          <Stack gap={2}>
            {events.map((e, i) => (
              <Text key={i} fz="xs" c={e.type === 'Warning' ? 'red' : undefined}>
                <Text span fw={600} fz="xs">
                  {e.reason}
                </Text>{' '}
                {e.object}: {e.message}
                {e.count > 1 ? ` (×${e.count})` : ''}
              </Text>
            ))}
          </Stack>
        </div>
      )}
    </Stack>
  );
}
