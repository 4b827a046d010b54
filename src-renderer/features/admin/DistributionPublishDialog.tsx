import { Alert, Badge, Group, Loader, Table, Text } from '@mantine/core';
import { IconCheck, IconSignature } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BerthError } from '../../../shared/result';
import type { PublishedChart, PublishPlanView, PublishReport, PublishTarget } from '../../../shared/types/distribution';
import { call } from '../../api';
import { FormModal } from '../../components/FormModal';
import { DistributionError, RunProgress, useDistributionProgress } from './DistributionShared';

type Change = 'add' | 'replace' | 'remove' | 'keep';
const COLORS: Record<Change, string> = { add: 'teal', replace: 'blue', remove: 'red', keep: 'gray' };

function ChangeRows({ plan, change }: { plan: PublishPlanView; change: Change }) {
  const { t } = useTranslation();
  return plan[change].map((c: PublishedChart) => (
    <Table.Tr key={`${change}:${c.name}:${c.version}`} data-change={change}>
      <Table.Td>
        <Badge color={COLORS[change]} variant="light" tt="none">
          {t(`distribution.publish.changes.${change}`)}
        </Badge>
      </Table.Td>
      <Table.Td ff="monospace" fz="sm">
        {c.name}
      </Table.Td>
      <Table.Td ff="monospace" fz="sm">
        {c.version}
      </Table.Td>
    </Table.Tr>
  ));
}

/** First says what a publish will add, replace and remove; publishes only when asked, with live progress. */
export function DistributionPublishDialog({ target, onClose }: { target: PublishTarget; onClose(): void }) {
  const { t } = useTranslation();
  const [plan, setPlan] = useState<PublishPlanView | null>(null);
  const [report, setReport] = useState<PublishReport | null>(null);
  const [error, setError] = useState<BerthError | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useDistributionProgress('publish');

  useEffect(() => {
    void call('distribution.publish.plan', { target: target.id }).then((r) => (r.ok ? setPlan(r.value) : setError(r.error)));
  }, [target.id]);

  const publish = async () => {
    setRunning(true);
    setProgress(null);
    setError(null);
    const r = await call('distribution.publish', { target: target.id });
    setRunning(false);
    if (r.ok) setReport(r.value);
    else setError(r.error);
  };

  const shown = report ?? plan;
  const changes = shown ? shown.add.length + shown.replace.length + shown.remove.length : 0;
  return (
    <FormModal
      title={t('distribution.publish.title', { name: target.name })}
      onClose={onClose}
      size="lg"
      testId="publish-dialog"
      cancelLabel={report ? t('common.close') : undefined}
      submit={
        report ? undefined : { label: t('distribution.publish.publish'), onSubmit: () => void publish(), busy: running, disabled: !plan, testId: 'publish-now' }
      }
    >
      {!shown && !error && <Loader size="sm" />}
      {shown && (
        <>
          {report ? (
            <Alert color="teal" variant="light" icon={<IconCheck size={18} />} title={t('distribution.publish.done')} data-testid="publish-done">
              {t('distribution.publish.where', { where: report.where })}
            </Alert>
          ) : (
            <Text fz="sm" data-testid="publish-summary">
              {changes === 0
                ? t('distribution.publish.nothing')
                : t('distribution.publish.summary', { add: shown.add.length, replace: shown.replace.length, remove: shown.remove.length })}
            </Text>
          )}
          {shown.remove.length > 0 && !report && (
            <Text fz="sm" c="red">
              {t('distribution.publish.removeNote')}
            </Text>
          )}
          <Group gap={6}>
            <IconSignature size={16} aria-hidden />
            <Text fz="sm" c="dimmed">
              {shown.signed ? t('distribution.publish.signed') : t('distribution.publish.unsigned')}
            </Text>
          </Group>
          <Table verticalSpacing={4} data-testid="publish-plan">
            <Table.Tbody>
              {(['add', 'replace', 'remove', 'keep'] as const).map((c) => (
                <ChangeRows key={c} plan={shown} change={c} />
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <RunProgress progress={progress} running={running} />
      <DistributionError error={error} />
    </FormModal>
  );
}
