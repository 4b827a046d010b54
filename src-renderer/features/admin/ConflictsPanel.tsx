import { Badge, Card, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { actionKey } from '../../components/AuditTimeline';
import { EmptyState } from '../../components/EmptyState';
import { useDateFormat, useRelativeTime } from '../../components/format';
import { QueryError } from '../../components/QueryError';
import { useCatalogQuery } from '../../components/useCatalogQuery';

/** Events that had no effect: lost a concurrent conflict, or were refused — with who and why. */
export function ConflictsPanel() {
  const { t } = useTranslation();
  const relative = useRelativeTime();
  const date = useDateFormat();
  const q = useCatalogQuery('sync.conflicts', { limit: 200 });
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return null;
  if (q.data.length === 0) return <EmptyState icon={IconCircleCheck} title={t('conflicts.empty.title')} description={t('conflicts.empty.description')} />;
  return (
    <Stack gap="sm">
      <Text fz="sm" c="dimmed">
        {t('conflicts.intro')}
      </Text>
      <Card padding={0}>
        <Table verticalSpacing="sm" horizontalSpacing="lg">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('conflicts.columns.when')}</Table.Th>
              <Table.Th>{t('conflicts.columns.who')}</Table.Th>
              <Table.Th>{t('conflicts.columns.what')}</Table.Th>
              <Table.Th>{t('conflicts.columns.outcome')}</Table.Th>
              <Table.Th>{t('conflicts.columns.why')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.map((r) => (
              <Table.Tr key={r.eventId}>
                <Table.Td fz="sm">
                  <Tooltip label={date(r.at, true)}>
                    <span>{relative(r.at)}</span>
                  </Tooltip>
                </Table.Td>
                <Table.Td fz="sm">
                  {r.authorName || r.author.slice(0, 12)}
                  {r.role && (
                    <Text fz="xs" c="dimmed">
                      {t(`roles.${r.role}`)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td fz="sm">
                  {t(actionKey(r.action) as 'auditActions.app_create', { defaultValue: r.action })}
                  {(r.appName || r.versionName) && (
                    <Text fz="xs" c="dimmed">
                      {[r.appName, r.versionName].filter(Boolean).join(' ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={r.outcome === 'refused' ? 'red' : 'orange'} variant="light" tt="none">
                    {t(`audit.outcomes.${r.outcome}`)}
                  </Badge>
                </Table.Td>
                <Table.Td fz="sm" maw={360}>
                  {r.reason}
                  {r.supersededBy && (
                    <Text fz="xs" c="dimmed">
                      {t('audit.supersededBy', { name: r.supersededBy.authorName || r.supersededBy.author.slice(0, 12) })}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}
