import { Alert, Badge, Button, Card, Group, PasswordInput, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconCheck, IconDownload, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BerthError } from '../../../shared/result';
import type { ImportCandidateView, ImportReportView, ImportRequest } from '../../../shared/types/distribution';
import { call } from '../../api';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { DistributionError, RunProgress, SectionTitle, useDistributionProgress } from './DistributionShared';

/** A Helm repository or OCI repository into a workspace as app templates; re-imports add only new versions. */
export function DistributionImport() {
  const { t } = useTranslation();
  const workspaces = useCatalogQuery('workspace.list', {});
  const [source, setSource] = useState('');
  const [workspace, setWorkspace] = useState<string | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [plainHttp, setPlainHttp] = useState(false);
  const [plan, setPlan] = useState<ImportCandidateView[] | null>(null);
  const [report, setReport] = useState<ImportReportView | null>(null);
  const [error, setError] = useState<BerthError | null>(null);
  const [busy, setBusy] = useState<'plan' | 'import' | null>(null);
  const [progress, setProgress] = useDistributionProgress('import');

  const request = (): ImportRequest => ({
    source: source.trim(),
    workspace: workspace ?? '',
    ...(username.trim() ? { username: username.trim(), password } : {}),
    ...(plainHttp ? { plainHttp } : {}),
  });

  const look = async () => {
    setBusy('plan');
    setError(null);
    setReport(null);
    const r = await call('distribution.import.plan', request());
    setBusy(null);
    if (r.ok) setPlan(r.value);
    else {
      setPlan(null);
      setError(r.error);
    }
  };

  const runImport = async () => {
    setBusy('import');
    setError(null);
    setProgress(null);
    const r = await call('distribution.import', request());
    setBusy(null);
    if (r.ok) {
      setReport(r.value);
      setPlan(null);
    } else setError(r.error);
  };

  const fresh = plan?.filter((c) => !c.alreadyImported).length ?? 0;
  return (
    <Card padding="lg">
      <Stack gap="sm">
        <SectionTitle title={t('distribution.import.title')} description={t('distribution.import.description')} />
        <Group align="flex-start" grow>
          <TextInput
            label={t('distribution.import.source')}
            description={t('distribution.import.sourceHint')}
            placeholder="https://charts.example.com/index.yaml"
            value={source}
            onChange={(e) => setSource(e.currentTarget.value)}
            data-testid="import-source"
          />
          <Select
            label={t('distribution.import.workspace')}
            description={t('distribution.import.workspaceHint')}
            data={(workspaces.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
            value={workspace}
            onChange={setWorkspace}
            data-testid="import-workspace"
          />
        </Group>
        <Group align="flex-end" grow>
          <TextInput label={t('distribution.import.username')} value={username} onChange={(e) => setUsername(e.currentTarget.value)} autoComplete="off" />
          <PasswordInput
            label={t('distribution.import.password')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="new-password"
          />
        </Group>
        <Group justify="space-between">
          <Switch label={t('distribution.targets.plainHttp')} checked={plainHttp} onChange={(e) => setPlainHttp(e.currentTarget.checked)} />
          <Button
            variant="light"
            leftSection={<IconSearch size={16} aria-hidden />}
            onClick={() => void look()}
            loading={busy === 'plan'}
            disabled={!source.trim() || !workspace}
            data-testid="import-plan"
          >
            {t('distribution.import.look')}
          </Button>
        </Group>
        {plan && (
          <Stack gap="xs" data-testid="import-candidates">
            <Text fz="sm">{plan.length === 0 ? t('distribution.import.empty') : t('distribution.import.summary', { count: plan.length, fresh })}</Text>
            {plan.length > 0 && (
              <Table verticalSpacing={4}>
                <Table.Tbody>
                  {plan.map((c) => (
                    <Table.Tr key={c.digest}>
                      <Table.Td ff="monospace" fz="sm">
                        {c.name}
                      </Table.Td>
                      <Table.Td ff="monospace" fz="sm">
                        {c.version}
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={c.alreadyImported ? 'gray' : 'teal'} tt="none">
                          {c.alreadyImported ? t('distribution.import.held') : t('distribution.import.new')}
                        </Badge>
                      </Table.Td>
                      <Table.Td ff="monospace" fz="xs" c="dimmed">
                        {c.digest.replace(/^sha256:/, '').slice(0, 12)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Group justify="flex-end">
              <Button
                leftSection={<IconDownload size={16} aria-hidden />}
                onClick={() => void runImport()}
                loading={busy === 'import'}
                disabled={fresh === 0}
                data-testid="import-run"
              >
                {t('distribution.import.run', { count: fresh })}
              </Button>
            </Group>
          </Stack>
        )}
        <RunProgress progress={progress} running={busy === 'import'} />
        {report && (
          <Alert
            color={report.failed.length ? 'orange' : 'teal'}
            variant="light"
            icon={<IconCheck size={18} />}
            title={t('distribution.import.done', { count: report.imported.length, skipped: report.skipped })}
            data-testid="import-report"
          >
            <Stack gap={2}>
              {report.imported.map((i) => (
                <Text key={`${i.name}@${i.version}`} fz="sm">
                  {i.name} {i.version} · {t(`provenance.status.${i.provenance.status}`)}
                </Text>
              ))}
              {report.failed.map((f) => (
                <Text key={`${f.name}@${f.version}`} fz="sm" c="red">
                  {f.name} {f.version}: {f.message}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        <DistributionError error={error} />
      </Stack>
    </Card>
  );
}
