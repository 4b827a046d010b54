import { Alert, Badge, Button, Card, Code, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconClipboardList, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CheckStatus, ReportView } from '../../../shared/types/review-tools';
import { EmptyState } from '../../components/EmptyState';
import { FindingsTable } from '../../components/FindingsTable';
import { useDateFormat } from '../../components/format';
import { QueryError } from '../../components/QueryError';
import { useSay } from '../../components/sentence';
import { useAction } from '../../components/useAction';
import { useCatalogQuery, useCatalogResult } from '../../components/useCatalogQuery';
import { checkVersion, lintFindings } from '../../components/chart-api';
import type { ReviewCheckStatus } from '../../../shared/types/chart';

export const STATUS_COLOR: Record<CheckStatus, string> = { pass: 'teal', warn: 'yellow', fail: 'red', unavailable: 'gray' };

/** The chart checks, run here on the stored package, then the pre-submission report the ISV submitted with. */
export function ChecksPanel({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <LiveChecks versionId={versionId} />
      <div>
        <Title order={3} fz="md" mb="sm">
          {t('checks.reportTitle')}
        </Title>
        <SubmissionReport versionId={versionId} />
      </div>
    </Stack>
  );
}

function LiveChecks({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  const say = useSay();
  const q = useCatalogResult(`checks:${versionId}`, () => checkVersion(versionId));
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data)
    return (
      <Group gap="xs" aria-live="polite">
        <Loader size="sm" />
        <Text fz="sm">{t('checks.running')}</Text>
      </Group>
    );
  const { lint, review } = q.data;
  return (
    <Stack gap="sm" data-testid="live-checks">
      <Title order={3} fz="md">
        {t('checks.liveTitle', { kube: review.kubeVersion })}
      </Title>
      <Card padding="md" data-check="helm-lint">
        <Group gap="sm" mb={lint.messages.length ? 'sm' : 0} wrap="nowrap">
          <Badge color={lint.passed ? 'teal' : 'red'} variant="light" radius="sm" tt="none" w={110}>
            {t(`checks.statuses.${lint.passed ? 'pass' : 'fail'}`)}
          </Badge>
          <Code>helm-lint</Code>
          <Text fz="sm">{lint.passed ? t('checks.lintPassed') : (lint.error ?? t('checks.lintFailed'))}</Text>
        </Group>
        {lint.messages.length > 0 && <FindingsTable findings={lintFindings(lint)} />}
      </Card>
      {review.checks.map((c) => (
        <Card key={c.id} padding="md" data-check={c.id} data-status={c.status}>
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <Badge color={REVIEW_COLOR[c.status]} variant="light" radius="sm" tt="none" w={110} style={{ flexShrink: 0 }}>
              {t(`checks.statuses.${c.status}`)}
            </Badge>
            <Code style={{ flexShrink: 0 }}>{c.id}</Code>
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Text fz="sm">{say(c.say, c.message)}</Text>
              {c.findings.map((f, i) => (
                <Text key={i} fz="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {[f.file, f.object].filter(Boolean).join(' · ')}
                  {(f.file || f.object) && t('checks.whereSeparator')}
                  {say(f.say, f.message)}
                </Text>
              ))}
            </Stack>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

const REVIEW_COLOR: Record<ReviewCheckStatus, string> = { pass: 'teal', warn: 'yellow', fail: 'red', info: 'blue' };

function SubmissionReport({ versionId }: { versionId: string }) {
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
  const say = useSay();
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
              <Text fz="sm">{say(c.summarySay, c.summary)}</Text>
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
                say: f.say,
                helm: f.rule === 'helm.lint',
                path: f.file ? (f.line ? `${f.file}:${f.line}` : f.file) : f.path,
              }))}
            />
          )}
        </Card>
      ))}
    </Stack>
  );
}
