import { Anchor, Badge, Button, Card, SegmentedControl, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconClipboardCheck, IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../../../shared/types/catalog';
import { hrefFor, navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { actionKey } from '../../components/AuditTimeline';
import { AppTitle } from '../../components/BlobImage';
import { EmptyState } from '../../components/EmptyState';
import { useDateFormat, useRelativeTime } from '../../components/format';
import { PageBody } from '../../components/PageBody';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { InfoRequests } from './InfoRequests';
import { ModerationList } from './ModerationList';
import { useReviewUi, type QueueFilter } from './review-state';

const DECISIONS = new Set(['version.approve', 'version.reject']);

/** How long a version has waited; older than three days is flagged. */
function ageColor(iso: string): string {
  const days = (Date.now() - new Date(iso).getTime()) / 86_400_000;
  return days > 3 ? 'red' : days > 1 ? 'yellow' : 'gray';
}

export function ReviewQueue() {
  const { t } = useTranslation();
  const { filter, setFilter } = useReviewUi();
  const queue = useCatalogQuery('review.queue', {});
  const waiting = queue.data?.length ?? 0;
  return (
    <PageBody>
      <PageHeader title={t('workspace.review.name')} description={t('workspace.review.description')} />
      <Stack gap="md">
        <SegmentedControl
          w="fit-content"
          value={filter}
          onChange={(v) => setFilter(v as QueueFilter)}
          aria-label={t('review.filter')}
          data={[
            { value: 'waiting', label: t('review.filters.waiting', { count: waiting }) },
            { value: 'mine', label: t('review.filters.mine') },
            { value: 'all', label: t('review.filters.all') },
            { value: 'apps', label: t('review.filters.apps') },
          ]}
        />
        {filter === 'waiting' ? (
          <>
            <WaitingList />
            <InfoRequests />
          </>
        ) : filter === 'apps' ? (
          <ModerationList />
        ) : (
          <DecisionList mine={filter === 'mine'} />
        )}
      </Stack>
    </PageBody>
  );
}

function WaitingList() {
  const { t } = useTranslation();
  const relative = useRelativeTime();
  const q = useCatalogQuery('review.queue', {});
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return null;
  if (q.data.length === 0) return <EmptyState icon={IconClipboardCheck} title={t('review.empty.title')} description={t('review.empty.description')} />;
  const items = [...q.data].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  return (
    <Card padding={0}>
      <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="lg" data-testid="review-queue">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('review.columns.app')}</Table.Th>
            <Table.Th>{t('review.columns.version')}</Table.Th>
            <Table.Th>{t('review.columns.submittedBy')}</Table.Th>
            <Table.Th>{t('review.columns.waiting')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.version.id} onClick={() => navigate('review', 'version', item.version.id)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <AppTitle icon={item.app.icon} name={item.app.chartName} sub={item.app.workspaceName} />
              </Table.Td>
              <Table.Td>
                <Text fz="sm" fw={500}>
                  {item.version.name}
                </Text>
                <Text fz="xs" c="dimmed">
                  {item.previousVersion ? t('review.comparedWith', { version: item.previousVersion.name }) : t('review.firstVersion')}
                </Text>
              </Table.Td>
              <Table.Td fz="sm">{item.submittedBy}</Table.Td>
              <Table.Td>
                <Badge color={ageColor(item.submittedAt)} variant="light" radius="sm" tt="none">
                  {relative(item.submittedAt)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">
                <Button size="xs" component="a" href={hrefFor('review', 'version', item.version.id)} onClick={(e) => e.stopPropagation()}>
                  {t('review.open')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** Decisions already taken (approve / reject): by me, or by anyone. */
function DecisionList({ mine }: { mine: boolean }) {
  const { t } = useTranslation();
  const relative = useRelativeTime();
  const date = useDateFormat();
  const me = useSession((s) => s.session?.identity.keyId);
  const q = useCatalogQuery('audit.list', { author: mine ? me : undefined, outcome: 'applied', limit: 500 });
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return null;
  const records: AuditRecord[] = q.data.records.filter((r) => DECISIONS.has(r.action));
  if (records.length === 0)
    return (
      <EmptyState icon={IconHistory} title={t('review.noDecisions.title')} description={mine ? t('review.noDecisions.mine') : t('review.noDecisions.all')} />
    );
  return (
    <Card padding={0}>
      <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="lg">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('review.columns.app')}</Table.Th>
            <Table.Th>{t('review.columns.version')}</Table.Th>
            <Table.Th>{t('review.columns.decision')}</Table.Th>
            <Table.Th>{t('review.columns.reviewer')}</Table.Th>
            <Table.Th>{t('review.columns.when')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {records.map((r) => (
            <Table.Tr key={r.eventId} onClick={() => r.versionId && navigate('review', 'version', r.versionId)} style={{ cursor: 'pointer' }}>
              <Table.Td fz="sm" fw={600}>
                {r.appName}
              </Table.Td>
              <Table.Td fz="sm">
                {r.versionId ? (
                  <Anchor href={hrefFor('review', 'version', r.versionId)} fz="sm" onClick={(e) => e.stopPropagation()}>
                    {r.versionName}
                  </Anchor>
                ) : (
                  r.versionName
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={r.action === 'version.approve' ? 'teal' : 'red'} variant="light" radius="sm" tt="none">
                  {t(actionKey(r.action) as 'auditActions.version_approve')}
                </Badge>
                {r.message && (
                  <Text fz="xs" c="dimmed" lineClamp={1} maw={280}>
                    {r.message}
                  </Text>
                )}
              </Table.Td>
              <Table.Td fz="sm">{r.authorName}</Table.Td>
              <Table.Td fz="sm" c="dimmed">
                <Tooltip label={date(r.at, true)}>
                  <span>{relative(r.at)}</span>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
