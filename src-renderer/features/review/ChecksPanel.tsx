import { Alert, Badge, Button, Card, Code, Group, Loader, Stack, Text } from '@mantine/core';
import { IconClipboardList, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CheckStatus, ReportView } from '../../../shared/types/review-tools';
import { EmptyState } from '../../components/EmptyState';
import { FindingsTable } from '../../components/FindingsTable';
import { useDateFormat } from '../../components/format';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { useCatalogQuery } from '../../components/useCatalogQuery';

export const STATUS_COLOR: Record<CheckStatus, string> = { pass: 'teal', warn: 'yellow', fail: 'red', unavailable: 'gray' };

/** The pre-submission report: lint and review checks with their ids, built when the version was submitted. */
export function ChecksPanel({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  const q = useCatalogQuery('report.get', { version: versionId });
  const { run, busy } = useAction();
  const build = () => void run('report.build', { version: versionId }).then(() => q.reload());
  if (q.error) return <QueryError error={q.error} />;
  if (q.data === undefined) return <Loader size="sm" />;
  if (q.data === null) {
    return (
      <EmptyState
        bare
        icon={IconClipboardList}
        title={t('checks.none.title')}
        description={t('checks.none.description')}
        action={
          <Button onClick={build} loading={busy} leftSection={<IconRefresh size={16} aria-hidden />}>
            {t('checks.run')}
          </Button>
        }
      />
    );
  }
  return <Report view={q.data} onRebuild={build} busy={busy} />;
}

function Report({ view, onRebuild, busy }: { view: ReportView; onRebuild(): void; busy: boolean }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const overall = view.overall === 'pass' ? 'pass' : view.overall === 'warn' ? 'warn' : 'fail';
  return (
    <Stack gap="md" data-testid="report">
      <Group justify="space-between">
        <Group gap="sm">
          <Badge size="lg" color={STATUS_COLOR[overall]} variant="light" radius="sm" tt="none">
            {t(`checks.statuses.${overall}`)}
          </Badge>
          <Text fz="sm" c="dimmed">
            {t('checks.builtBy', { name: view.report.builtByName ?? view.report.builtBy.slice(0, 12), when: date(view.report.builtAt, true) })}
          </Text>
        </Group>
        <Button variant="default" size="xs" onClick={onRebuild} loading={busy} leftSection={<IconRefresh size={14} aria-hidden />}>
          {t('checks.rerun')}
        </Button>
      </Group>
      {view.stale && <Alert color="yellow">{t('checks.stale')}</Alert>}
      {view.checks.map((c) => (
        <Card key={c.id} padding="md" data-check={c.id}>
          <Group justify="space-between" mb={c.findings.length ? 'sm' : 0} wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Badge color={STATUS_COLOR[c.effective]} variant="light" radius="sm" tt="none" w={110}>
                {t(`checks.statuses.${c.effective}`)}
              </Badge>
              <Code>{c.id}</Code>
              <Text fz="sm">{c.summary}</Text>
            </Group>
            {c.waiver && (
              <Badge variant="outline" color="gray" tt="none">
                {t(`checks.waivers.${c.waiver.state}`)}
              </Badge>
            )}
          </Group>
          {c.findings.length > 0 && (
            <FindingsTable
              findings={c.findings.map((f) => ({
                id: f.rule ?? c.id,
                severity: f.severity,
                message: f.message,
                path: f.file ? (f.line ? `${f.file}:${f.line}` : f.file) : f.path,
              }))}
            />
          )}
        </Card>
      ))}
    </Stack>
  );
}
