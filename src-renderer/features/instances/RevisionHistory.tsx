import { Alert, Button, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconFileDiff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stringify } from 'yaml';
import type { ClusterTarget, ReleaseRevision } from '../../../shared/types/deploy';
import type { JsonObject } from '../../../shared/types/values';
import { call } from '../../api';
import { CodeView } from '../../components/CodeView';
import { useDateFormat } from '../../components/format';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { useCatalogQuery, useCatalogResult } from '../../components/useCatalogQuery';
import { useConfirm } from '../../components/useConfirm';
import { ValuesChangeTable } from '../../components/compare/ValuesChangeTable';
import { ReleaseStatusBadge } from './release-status';

interface Props {
  target: ClusterTarget;
  namespace: string;
  release: string;
  /** The revision the release runs now. */
  current: number;
}

/** Every revision with its chart and values; any two compared; rollback to any earlier one. */
export function RevisionHistory({ target, namespace, release, current }: Props) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const { run, busy } = useAction();
  const { ask, dialog } = useConfirm();
  const history = useCatalogQuery('deploy.history', { target, namespace, release });
  const [shown, setShown] = useState<number>();
  const [rollingBack, setRollingBack] = useState<number>();
  const [compare, setCompare] = useState<[string | null, string | null]>([null, null]);

  if (history.error) return <QueryError error={history.error} />;
  if (!history.data) return <Loader size="sm" />;
  const revisions = [...history.data].sort((a, b) => b.revision - a.revision);

  const rollback = (r: ReleaseRevision) =>
    ask({
      title: t('instances.rollback.title', { release, revision: r.revision }),
      body: t('instances.rollback.body', { release, revision: r.revision, chart: r.chart, next: Math.max(...revisions.map((x) => x.revision)) + 1 }),
      confirm: t('instances.rollback.confirm', { revision: r.revision }),
      onConfirm: () => {
        setRollingBack(r.revision);
        void run(
          'deploy.rollback',
          { target, namespace, release, revision: r.revision, wait: true, timeoutSeconds: 300 },
          { success: t('instances.rollback.done', { release, revision: r.revision }) },
        ).finally(() => setRollingBack(undefined));
      },
    });

  const options = revisions.map((r) => ({ value: String(r.revision), label: t('instances.history.option', { revision: r.revision, chart: r.chart }) }));
  const [a, b] = compare;
  return (
    <Stack gap="lg">
      {dialog}
      {rollingBack !== undefined && (
        <Alert color="blue" variant="light" data-testid="rolling-back">
          <Group gap="xs">
            <Loader size="xs" />
            <Text fz="sm">{t('instances.rollback.running', { release, revision: rollingBack })}</Text>
          </Group>
        </Alert>
      )}
      <Table verticalSpacing="xs" data-testid="revision-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('instances.columns.revision')}</Table.Th>
            <Table.Th>{t('instances.columns.status')}</Table.Th>
            <Table.Th>{t('instances.columns.chart')}</Table.Th>
            <Table.Th>{t('instances.columns.appVersion')}</Table.Th>
            <Table.Th>{t('instances.columns.updated')}</Table.Th>
            <Table.Th>{t('instances.history.description')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {revisions.map((r) => (
            <Table.Tr key={r.revision} data-revision={r.revision}>
              <Table.Td fw={600}>{r.revision}</Table.Td>
              <Table.Td>
                <ReleaseStatusBadge status={r.status} />
              </Table.Td>
              <Table.Td fz="sm">{r.chart}</Table.Td>
              <Table.Td fz="sm">{r.appVersion ?? '—'}</Table.Td>
              <Table.Td fz="sm">{r.updated ? date(r.updated, true) : '—'}</Table.Td>
              <Table.Td fz="sm">{r.description}</Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button
                    size="xs"
                    variant={shown === r.revision ? 'light' : 'subtle'}
                    onClick={() => setShown(shown === r.revision ? undefined : r.revision)}
                    data-testid="show-values"
                  >
                    {t('instances.history.values')}
                  </Button>
                  {r.revision !== current && (
                    <Button
                      size="xs"
                      variant="default"
                      leftSection={<IconArrowBackUp size={14} aria-hidden />}
                      onClick={() => rollback(r)}
                      loading={busy}
                      data-testid="rollback"
                    >
                      {t('instances.rollback.action')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {shown !== undefined && <RevisionValues target={target} namespace={namespace} release={release} revision={shown} />}
      <Stack gap="sm">
        <Title order={3} fz="md">
          <Group gap={6}>
            <IconFileDiff size={18} aria-hidden />
            {t('instances.history.compareTitle')}
          </Group>
        </Title>
        <Group align="flex-end">
          <Select label={t('instances.history.compareA')} data={options} value={a} onChange={(v) => setCompare([v, b])} w={300} data-testid="compare-a" />
          <Select label={t('instances.history.compareB')} data={options} value={b} onChange={(v) => setCompare([a, v])} w={300} data-testid="compare-b" />
        </Group>
        {a && b && <RevisionCompare target={target} namespace={namespace} release={release} a={Number(a)} b={Number(b)} />}
      </Stack>
    </Stack>
  );
}

function RevisionValues({ target, namespace, release, revision }: { target: ClusterTarget; namespace: string; release: string; revision: number }) {
  const { t } = useTranslation();
  const q = useCatalogQuery('deploy.get', { target, namespace, release, revision });
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return <Loader size="sm" />;
  const values = q.data.values;
  return (
    <Stack gap="xs" data-testid="revision-values" data-revision={revision}>
      <Text fw={600} fz="sm">
        {t('instances.history.valuesOf', { revision, chart: q.data.chart })}
      </Text>
      {Object.keys(values).length > 0 ? (
        <CodeView path="values.yaml" content={stringify(values).trimEnd()} maxHeight={320} />
      ) : (
        <Text c="dimmed" fz="sm">
          {t('instances.history.noValues')}
        </Text>
      )}
    </Stack>
  );
}

/** The values the person set in two revisions, key by key (values.diff). */
function RevisionCompare({ target, namespace, release, a, b }: { target: ClusterTarget; namespace: string; release: string; a: number; b: number }) {
  const { t } = useTranslation();
  const q = useCatalogResult(`${namespace}/${release}/${a}/${b}`, async () => {
    const [ra, rb] = await Promise.all([
      call('deploy.get', { target, namespace, release, revision: a }),
      call('deploy.get', { target, namespace, release, revision: b }),
    ]);
    if (!ra.ok) return ra;
    if (!rb.ok) return rb;
    return call('values.diff', { a: { values: ra.value.values as JsonObject }, b: { values: rb.value.values as JsonObject } });
  });
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return <Loader size="sm" />;
  const diff = q.data;
  if (diff.changes.length === 0)
    return (
      <Alert color="gray" variant="light" data-testid="revision-diff-same">
        {t('instances.history.same', { a, b })}
      </Alert>
    );
  return (
    <Stack gap="xs">
      {diff.moved.map((m) => (
        <Text key={m.fromText} fz="sm" c="violet">
          {t('compare.moved', { from: m.fromText, to: m.toText })}
        </Text>
      ))}
      <ValuesChangeTable
        changes={diff.changes}
        a={t('instances.history.revision', { revision: a })}
        b={t('instances.history.revision', { revision: b })}
        testId="revision-diff"
      />
    </Stack>
  );
}
