import { Alert, Badge, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconTool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PreflightProblem, PreflightReport } from '../../../shared/types/deploy';
import type { BerthError } from '../../../shared/result';
import { useErrorText } from '../errors';
import { useSay } from '../sentence';

/** What the quick fix may do here: fix the draft (test deploys), or only explain (store deploys, versions past review). */
export type QuickFixMode = 'fix' | 'store' | 'not-draft';

export interface PreflightResultProps {
  report?: PreflightReport;
  error?: BerthError;
  loading: boolean;
  quickFix: QuickFixMode;
  fixing: boolean;
  /** A note after the quick fix ran (what changed, or that nothing could be changed). */
  fixNote?: string;
  onFix(): void;
  onRerun(): void;
}

/** Every migration the removed-API problems ask for, once each: "rbac.authorization.k8s.io/v1beta1 → …/v1". */
function migrations(problems: PreflightProblem[]): string[] {
  return [...new Set(problems.flatMap((p) => (p.fix ? [`${p.fix.from} → ${p.fix.to}`] : [])))];
}

/** The pre-flight's answer: passed, or every problem named plainly, with the API-migration quick fix when it applies. */
export function PreflightResult({ report, error, loading, quickFix, fixing, fixNote, onFix, onRerun }: PreflightResultProps) {
  const { t } = useTranslation();
  const say = useSay();
  const errorText = useErrorText();
  if (loading)
    return (
      <Group gap="sm">
        <Loader size="sm" />
        <Text fz="sm">{t('deploy.preflight.running')}</Text>
      </Group>
    );
  if (error)
    return (
      <Stack gap="sm">
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('deploy.outcome.failed')}>
          <Text fz="sm">{errorText(error).marked}</Text>
        </Alert>
        <Group>
          <Button variant="default" onClick={onRerun}>
            {t('deploy.preflight.rerun')}
          </Button>
        </Group>
      </Stack>
    );
  if (!report) return null;
  const fixes = migrations(report.problems);
  return (
    <Stack gap="sm" data-testid="preflight">
      {fixNote && (
        <Alert color="teal" variant="light" icon={<IconTool size={18} />}>
          <Text fz="sm" data-testid="quick-fix-note">
            {fixNote}
          </Text>
        </Alert>
      )}
      {report.ok ? (
        <Alert color="green" icon={<IconCircleCheck size={18} />} data-testid="preflight-passed">
          <Text fz="sm">{t('deploy.preflight.passed', { count: report.checked, version: report.serverVersion })}</Text>
        </Alert>
      ) : (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('deploy.preflight.failed', { count: report.problems.length })}>
          <Stack gap={8} data-testid="preflight-problems">
            {report.problems.map((p, i) => (
              <div key={i}>
                <Group gap={6} mb={2}>
                  <Badge size="sm" color="red" variant="light" tt="none">
                    {t(`deploy.preflight.kinds.${p.kind}`)}
                  </Badge>
                  <Text fz="sm" fw={600} ff="monospace">
                    {p.resource}
                  </Text>
                  {p.source && (
                    <Text fz="xs" c="dimmed" ff="monospace">
                      {p.source}
                    </Text>
                  )}
                </Group>
                <Text fz="sm">{say(p.say, p.message)}</Text>
              </div>
            ))}
          </Stack>
        </Alert>
      )}
      {fixes.length > 0 && (
        <Alert color="blue" variant="light" icon={<IconTool size={18} />} title={t('deploy.preflight.quickFixTitle')} data-testid="quick-fix">
          <Stack gap="xs">
            {quickFix === 'fix' && <Text fz="sm">{t('deploy.preflight.quickFixBody', { list: fixes.join(', ') })}</Text>}
            {quickFix === 'store' && <Text fz="sm">{t('deploy.preflight.quickFixStore')}</Text>}
            {quickFix === 'not-draft' && <Text fz="sm">{t('deploy.preflight.quickFixNotDraft')}</Text>}
            {quickFix === 'fix' && (
              <Group>
                <Button leftSection={<IconTool size={16} />} onClick={onFix} loading={fixing}>
                  {t('deploy.preflight.quickFixApply')}
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      {!report.ok && (
        <Group>
          <Button variant="default" onClick={onRerun}>
            {t('deploy.preflight.rerun')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
