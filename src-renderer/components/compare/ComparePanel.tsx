import { Alert, Badge, Code, Grid, Group, Loader, Select, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportView } from '../../../shared/types/review-tools';
import { QueryError } from '../QueryError';
import { useCatalogQuery } from '../useCatalogQuery';
import { STATUS_COLOR } from '../report/ReportPanel';
import { CarryValues } from '../values-form/CarryValues';
import { parseOverrides } from '../values-form/yaml-sync';
import { FileList } from './FileList';
import { UnifiedDiff } from './UnifiedDiff';
import { ValuesChangeTable } from './ValuesChangeTable';

function ReportColumn({ view }: { view?: ReportView }) {
  const { t } = useTranslation();
  if (!view) return <Text c="dimmed" fz="sm">{t('compare.noReport')}</Text>;
  return (
    <Stack gap={4}>
      {view.checks.map((c) => (
        <Group key={c.id} gap="xs" wrap="nowrap">
          <Badge color={STATUS_COLOR[c.effective]} radius="sm" w={96}>
            {t(`report.status.${c.effective}`)}
          </Badge>
          <Text fz="sm">{t(`report.checks.${c.kind}`)}</Text>
        </Group>
      ))}
    </Stack>
  );
}

/**
 * Any two versions of an app side by side: Chart.yaml, the values (structurally and as
 * text), every file, the manifests both render for the same values, their reports, and
 * a dry run of carrying someone's values from one to the other.
 */
export function ComparePanel({ appId, initialA, initialB }: { appId: string; initialA?: string; initialB?: string }) {
  const { t } = useTranslation();
  const app = useCatalogQuery('app.get', { app: appId });
  const versions = app.data?.versions ?? [];
  const [a, setA] = useState<string | null>(initialA ?? null);
  const [b, setB] = useState<string | null>(initialB ?? null);
  const left = a ?? versions[1]?.id ?? versions[0]?.id ?? null;
  const right = b ?? versions[0]?.id ?? null;
  const [valuesText, setValuesText] = useState('');
  const [carried, setCarried] = useState<string>();
  const parsed = useMemo(() => parseOverrides(valuesText), [valuesText]);
  const cmp = useCatalogQuery(
    'compare.versions',
    left && right ? { a: { version: left }, b: { version: right }, values: parsed.ok ? parsed.values : {} } : null,
  );

  if (app.error) return <QueryError error={app.error} />;
  if (!app.data) return <Loader size="sm" />;
  const options = versions.map((v) => ({ value: v.id, label: `${v.name} · ${t(`versionStates.${v.state}`)}` }));
  const c = cmp.data;
  // comments on a comparison go to the right-hand version, as lines of its diff against the left
  const commentsOn = (of: 'file' | 'manifest') => (left && right && left !== right ? { versionId: right, base: left, of } : undefined);

  return (
    <Stack gap="md" data-testid="compare-panel">
      <Group grow>
        <Select label={t('compare.left')} data={options} value={left} onChange={setA} allowDeselect={false} data-testid="compare-a" />
        <Select label={t('compare.right')} data={options} value={right} onChange={setB} allowDeselect={false} data-testid="compare-b" />
      </Group>
      <Textarea
        label={t('compare.values')}
        description={t('compare.valuesHelp')}
        autosize
        minRows={2}
        maxRows={8}
        value={valuesText}
        onChange={(e) => setValuesText(e.currentTarget.value)}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12.5 } }}
        error={parsed.ok ? undefined : parsed.message}
        data-testid="compare-values"
      />
      {cmp.error && <QueryError error={cmp.error} />}
      {!c && !cmp.error && <Loader size="sm" />}
      {c && (
        <Tabs defaultValue="values" keepMounted={false}>
          <Tabs.List mb="sm">
            <Tabs.Tab value="chart">Chart.yaml</Tabs.Tab>
            <Tabs.Tab value="values">{t('compare.tabs.values', { count: c.values.changes.length })}</Tabs.Tab>
            <Tabs.Tab value="files">{t('compare.tabs.files', { count: c.files.filter((f) => f.change !== 'unchanged').length })}</Tabs.Tab>
            <Tabs.Tab value="manifests">{t('compare.tabs.manifests')}</Tabs.Tab>
            <Tabs.Tab value="checks">{t('compare.tabs.checks')}</Tabs.Tab>
            <Tabs.Tab value="carry">{t('compare.tabs.carry')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="chart">
            <UnifiedDiff file={c.chartYaml} comments={commentsOn('file')} />
          </Tabs.Panel>
          <Tabs.Panel value="values">
            <Stack gap="sm">
              {c.values.moved.length > 0 && (
                <Alert variant="light" color="violet" p="xs">
                  <Stack gap={2}>
                    {c.values.moved.map((m) => (
                      <Text key={m.fromText} fz="sm">
                        {t('compare.moved', { from: m.fromText, to: m.toText })}
                      </Text>
                    ))}
                  </Stack>
                </Alert>
              )}
              <ValuesChangeTable
                changes={c.values.changes}
                a={c.a.versionName ?? c.a.chart.version}
                b={c.b.versionName ?? c.b.chart.version}
                testId="values-diff"
              />
              <Text fw={600} fz="sm">
                values.yaml
              </Text>
              <UnifiedDiff file={c.valuesYaml} comments={commentsOn('file')} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="files">
            <FileList files={c.files} comments={commentsOn('file')} />
          </Tabs.Panel>
          <Tabs.Panel value="manifests">
            {c.manifests.available ? (
              <FileList files={c.manifests.files} comments={commentsOn('manifest')} />
            ) : (
              <Alert color="gray">{c.manifests.reason}</Alert>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="checks">
            <Grid>
              <Grid.Col span={6}>
                <ReportColumn view={c.reports.a} />
              </Grid.Col>
              <Grid.Col span={6}>
                <ReportColumn view={c.reports.b} />
              </Grid.Col>
            </Grid>
          </Tabs.Panel>
          <Tabs.Panel value="carry">
            <Stack gap="sm">
              <Text fz="sm" c="dimmed">
                {t('compare.carryHelp')}
              </Text>
              {parsed.ok && left && right && (
                <CarryValues
                  key={`${left}:${right}:${valuesText}`}
                  from={{ version: left }}
                  to={{ version: right }}
                  values={parsed.values}
                  onSettled={(y) => setCarried(y)}
                  settleLabel={t('compare.carrySettle')}
                />
              )}
              {carried !== undefined && (
                <Stack gap={4}>
                  <Text fw={600} fz="sm">
                    {t('compare.carried', { version: c.b.versionName ?? c.b.chart.version })}
                  </Text>
                  <Code block data-testid="carried-values">
                    {carried || t('compare.nothingToCarry')}
                  </Code>
                </Stack>
              )}
            </Stack>
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
