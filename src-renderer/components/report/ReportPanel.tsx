import { Accordion, Alert, Badge, Button, Code, Group, Loader, Stack, Table, TagsInput, Text } from '@mantine/core';
import { IconFileDownload, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckStatus, TestDeployRecord } from '../../../shared/types/review-tools';
import { saveFile } from '../download';
import { useDateFormat } from '../format';
import { QueryError } from '../QueryError';
import { useSay } from '../sentence';
import { useAction } from '../useAction';
import { useCatalogQuery } from '../useCatalogQuery';
import { WaiverBox } from './WaiverBox';

export const STATUS_COLOR: Record<CheckStatus, string> = { pass: 'teal', warn: 'yellow', fail: 'red', unavailable: 'gray' };
const SEVERITY_COLOR = { error: 'red', warning: 'yellow', info: 'blue' } as const;

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * The pre-submission report of a version, first thing reviewers see: every check with its
 * findings, waivers asked for and decided, the image inventory, and exports.
 */
/** What the failed tests of the latest test deploy said, kept in their own lines (logs are multi-line). */
function TestLogs({ record }: { record: TestDeployRecord | undefined }) {
  const { t } = useTranslation();
  const said = (record?.tests?.results ?? []).filter((r) => r.phase !== 'Succeeded' && r.log);
  if (said.length === 0) return null;
  return (
    <Stack gap={4} data-testid="helm-test-logs">
      <Text fz="xs" fw={600}>
        {t('report.helmTestLogs')}
      </Text>
      {said.map((r) => (
        <Stack key={r.name} gap={2} data-testid="helm-test-log" data-test={r.name}>
          <Text fz="xs" ff="monospace">
            {r.name} · {t(`report.helmTestLogSource.${r.logSource ?? 'log'}`)}
          </Text>
          <Code block lang="en">
            {r.log}
          </Code>
        </Stack>
      ))}
    </Stack>
  );
}

export function ReportPanel({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  const say = useSay();
  const date = useDateFormat();
  const { run, busy } = useAction();
  const q = useCatalogQuery('report.get', { version: versionId });
  const [picked, setKube] = useState<string[]>();
  // until someone edits them, the versions the stored report was built for
  const kube = picked ?? (q.data?.report.kubeVersions.length ? q.data.report.kubeVersions : ['1.29', '1.33']);

  const build = () => void run('report.build', { version: versionId, kubeVersions: kube });
  const exportAs = async (format: 'markdown' | 'json') => {
    const r = await run('report.export', { version: versionId, format });
    if (r) saveFile(r.fileName, toBase64(r.text), r.mediaType);
  };

  if (q.error) return <QueryError error={q.error} />;
  if (q.data === undefined) return <Loader size="sm" />;
  const builder = (
    <Group align="flex-end" gap="xs">
      <TagsInput size="xs" label={t('report.kubeVersions')} value={kube} onChange={setKube} w={260} data-testid="kube-versions" />
      <Button size="xs" leftSection={<IconRefresh size={14} />} onClick={build} loading={busy} data-testid="build-report">
        {q.data ? t('report.rebuild') : t('report.build')}
      </Button>
    </Group>
  );
  if (q.data === null) {
    return (
      <Stack gap="sm">
        <Text c="dimmed" fz="sm">
          {t('report.none')}
        </Text>
        {builder}
      </Stack>
    );
  }
  const { report, checks, overall, stale } = q.data;
  return (
    <Stack gap="md" data-testid="report-panel">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={600}>{t('report.title')}</Text>
            <Badge color={STATUS_COLOR[overall]} radius="sm" data-testid="report-overall">
              {t(`report.status.${overall}`)}
            </Badge>
          </Group>
          <Text fz="xs" c="dimmed">
            {t('report.builtBy', {
              name: report.builtByName ?? report.builtBy.slice(0, 12),
              when: date(report.builtAt, true),
              versions: report.kubeVersions.join(', '),
            })}
          </Text>
          <Text fz="xs" c="dimmed">
            sha256 <Code fz="xs">{report.packageSha256}</Code>
          </Text>
        </Stack>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFileDownload size={14} />}
            onClick={() => void exportAs('markdown')}
            data-testid="export-markdown"
          >
            Markdown
          </Button>
          <Button size="xs" variant="default" leftSection={<IconFileDownload size={14} />} onClick={() => void exportAs('json')} data-testid="export-json">
            JSON
          </Button>
        </Group>
      </Group>
      {stale && (
        <Alert color="orange" variant="light">
          {t('report.stale')}
        </Alert>
      )}
      <Accordion variant="separated" multiple defaultValue={checks.filter((c) => c.effective !== 'pass').map((c) => c.id)}>
        {checks.map((c) => (
          <Accordion.Item key={c.id} value={c.id} data-testid="report-check" data-check={c.id} data-status={c.status} data-effective={c.effective}>
            <Accordion.Control>
              <Group gap="sm" wrap="nowrap">
                <Badge color={STATUS_COLOR[c.status]} radius="sm" w={96}>
                  {t(`report.status.${c.status}`)}
                </Badge>
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Text fw={600} fz="sm">
                      {t(`report.checks.${c.kind}`)}
                    </Text>
                    {c.effective !== c.status && (
                      <Badge size="xs" color="teal" variant="outline" radius="sm">
                        {t('report.waived')}
                      </Badge>
                    )}
                  </Group>
                  <Text fz="xs" c="dimmed" lineClamp={2}>
                    {say(c.summarySay, c.summary)}
                  </Text>
                  {/* which chart-testing case the test deploy ran, seen without opening the row */}
                  {c.findings
                    .filter((f) => f.rule === 'test-deploy.ci-case')
                    .map((f) => (
                      <Text key={f.message} fz="xs" data-testid="report-ci-case">
                        {say(f.say, f.message)}
                      </Text>
                    ))}
                </Stack>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                {c.findings.length > 0 && (
                  <Table fz="xs" withTableBorder>
                    <Table.Tbody>
                      {c.findings.map((f, i) => (
                        <Table.Tr key={i}>
                          <Table.Td w={80}>
                            <Badge size="xs" color={SEVERITY_COLOR[f.severity]} variant="light" radius="sm">
                              {t(`report.severity.${f.severity}`)}
                            </Badge>
                          </Table.Td>
                          <Table.Td ff="monospace" w={220}>
                            {[f.file && (f.line ? `${f.file}:${f.line}` : f.file), f.path].filter(Boolean).join(' ')}
                          </Table.Td>
                          <Table.Td>
                            {/* Helm's words stay English, marked so; the badge saying so is in the reader's language */}
                            <span lang={f.rule === 'helm.lint' ? 'en' : undefined}>{say(f.say, f.message)}</span>
                            {f.rule === 'helm.lint' && (
                              <Badge ml={6} size="xs" variant="outline" color="gray" radius="sm" tt="none" data-testid="helm-message">
                                {t('checks.helmMessage')}
                              </Badge>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
                {c.kind === 'helm-test' && <TestLogs record={report.testDeploy} />}
                {c.kind === 'images' && report.images.length > 0 && (
                  <Table fz="xs" withTableBorder data-testid="image-inventory">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('report.image')}</Table.Th>
                        <Table.Th>{t('report.usedBy')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {report.images.map((i) => (
                        <Table.Tr key={i.image}>
                          <Table.Td ff="monospace">{i.image}</Table.Td>
                          <Table.Td ff="monospace">{i.sources.join(', ')}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
                <WaiverBox versionId={versionId} check={c} />
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      {builder}
    </Stack>
  );
}
