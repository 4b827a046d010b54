import { Badge, Button, Group, Text, Timeline, Tooltip } from '@mantine/core';
import { IconArrowRight, IconBan, IconCheck, IconGitMerge, IconQuestionMark } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditQuery, AuditRecord, EventOutcome } from '../../shared/types/catalog';
import { auditSentence } from './audit-sentence';
import { EmptyState } from './EmptyState';
import { useDateFormat, useRelativeTime } from './format';
import { QueryError } from './QueryError';
import { StateBadge } from './StateBadge';
import { useCatalogQuery } from './useCatalogQuery';
import { IconHistory } from '@tabler/icons-react';

const OUTCOME_ICON: Record<EventOutcome, typeof IconCheck> = { applied: IconCheck, refused: IconBan, superseded: IconGitMerge, unknown: IconQuestionMark };
const OUTCOME_COLOR: Record<EventOutcome, string> = { applied: 'teal', refused: 'red', superseded: 'orange', unknown: 'gray' };

/** Translation key of an audit action such as `version.approve`. */
export function actionKey(action: string): `auditActions.${string}` {
  return `auditActions.${action.replace(/\./g, '_')}`;
}

/** The audit trail of an app (or any query), newest first; history is never truncated, only paged. */
export function AuditTimeline({ query }: { query: AuditQuery }) {
  const { t } = useTranslation();
  const [limit, setLimit] = useState(30);
  const q = useCatalogQuery('audit.list', { ...query, limit });
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return null;
  if (q.data.records.length === 0) return <EmptyState bare icon={IconHistory} title={t('audit.empty.title')} description={t('audit.empty.description')} />;
  return (
    <>
      <Timeline bulletSize={24} lineWidth={2} active={-1}>
        {q.data.records.map((r) => (
          <Timeline.Item key={r.eventId} bullet={<OutcomeIcon outcome={r.outcome} />} title={<AuditTitle record={r} />}>
            <AuditBody record={r} />
          </Timeline.Item>
        ))}
      </Timeline>
      {q.data.total > q.data.records.length && (
        <Button variant="subtle" mt="sm" onClick={() => setLimit((l) => l + 50)}>
          {t('audit.showMore', { count: q.data.total - q.data.records.length })}
        </Button>
      )}
    </>
  );
}

function OutcomeIcon({ outcome }: { outcome: EventOutcome }) {
  const Icon = OUTCOME_ICON[outcome];
  return <Icon size={14} color={`var(--mantine-color-${OUTCOME_COLOR[outcome]}-6)`} aria-hidden />;
}

export function AuditTitle({ record: r }: { record: AuditRecord }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap">
      <Text fw={600} fz="sm">
        {t(actionKey(r.action) as 'auditActions.app_create', { defaultValue: r.action })}
      </Text>
      {r.versionName && (
        <Badge size="sm" variant="default" tt="none" radius="sm">
          {r.versionName}
        </Badge>
      )}
      {r.from && r.to && r.from !== r.to && (
        <Group gap={4} wrap="nowrap">
          <StateBadge state={r.from} size="sm" />
          <IconArrowRight size={12} aria-label={t('audit.to')} />
          <StateBadge state={r.to} size="sm" />
        </Group>
      )}
      {r.outcome !== 'applied' && (
        <Badge size="sm" color={OUTCOME_COLOR[r.outcome]} variant="filled" radius="sm" tt="none">
          {t(`audit.outcomes.${r.outcome}`)}
        </Badge>
      )}
    </Group>
  );
}

export function AuditBody({ record: r }: { record: AuditRecord }) {
  const { t, i18n } = useTranslation();
  const relative = useRelativeTime();
  const date = useDateFormat();
  const message = auditSentence(i18n, r);
  return (
    <>
      <Text fz="xs" c="dimmed" mt={2}>
        {r.role
          ? t('audit.byWithRole', { name: r.authorName || r.author.slice(0, 12), role: t(`roles.${r.role}`) })
          : t('audit.by', { name: r.authorName || r.author.slice(0, 12) })}
        {' · '}
        <Tooltip label={date(r.at, true)}>
          <span>{relative(r.at)}</span>
        </Tooltip>
      </Text>
      {message && (
        <Text fz="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
          {message}
        </Text>
      )}
      {r.reason && (
        <Text fz="sm" mt={4} c={r.outcome === 'applied' ? undefined : 'red'} style={{ whiteSpace: 'pre-wrap' }}>
          {r.reason}
        </Text>
      )}
      {r.supersededBy && (
        <Text fz="xs" c="dimmed" mt={2}>
          {t('audit.supersededBy', { name: r.supersededBy.authorName || r.supersededBy.author.slice(0, 12) })}
        </Text>
      )}
    </>
  );
}
