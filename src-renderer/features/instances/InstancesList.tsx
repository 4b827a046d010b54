import { ActionIcon, Anchor, Badge, Card, Group, Stack, Switch, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconRefresh, IconSearch, IconStack2 } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReleaseSummary } from '../../../shared/types/deploy';
import { hrefFor } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { useDateFormat, useRelativeTime } from '../../components/format';
import { PageBody } from '../../components/PageBody';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { useClusterTarget, useTarget } from '../../components/deploy/cluster-target-store';
import { UpgradeReadiness } from './UpgradeReadiness';
import { ClusterTargetPicker } from '../../components/deploy/ClusterTargetPicker';
import { ReleaseStatusBadge } from './release-status';

/** Where a release came from: Berth (store deploy or an ISV's test deploy) or another Helm client. */
function OriginBadge({ release }: { release: ReleaseSummary }) {
  const { t } = useTranslation();
  const purpose = release.labels['berth.dev/purpose'];
  if (purpose === 'test')
    return (
      <Badge size="sm" variant="outline" color="violet" radius="sm" tt="none">
        {t('instances.origin.test')}
      </Badge>
    );
  if (purpose)
    return (
      <Badge size="sm" variant="outline" color="blue" radius="sm" tt="none">
        {t('instances.origin.berth')}
      </Badge>
    );
  return (
    <Badge size="sm" variant="outline" color="gray" radius="sm" tt="none">
      {t('instances.origin.helm')}
    </Badge>
  );
}

/** Every release of the chosen cluster, across namespaces, whoever installed it (Berth or helm). */
export function InstancesList() {
  const { t } = useTranslation();
  const ago = useRelativeTime();
  const date = useDateFormat();
  const target = useTarget();
  const context = useClusterTarget((s) => s.context);
  const q = useCatalogQuery('deploy.list', context ? { target, allNamespaces: true } : null);
  const [filter, setFilter] = useState('');
  // as `helm list`: releases uninstalled with --keep-history only when asked for
  const [showUninstalled, setShowUninstalled] = useState(false);
  const uninstalled = (q.data ?? []).filter((r) => r.status === 'uninstalled').length;

  const releases = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const all = (q.data ?? [])
      .filter((r) => showUninstalled || r.status !== 'uninstalled')
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
    return f ? all.filter((r) => [r.name, r.namespace, r.chart].some((s) => s.toLowerCase().includes(f))) : all;
  }, [q.data, filter, showUninstalled]);

  return (
    <PageBody>
      <PageHeader title={t('workspace.instances.name')} description={t('workspace.instances.description')} />
      <Stack gap="lg">
        <Card padding="lg">
          <ClusterTargetPicker hideNamespace />
        </Card>
        {context && (
          <Card padding="lg">
            <Stack gap="md">
              <Group justify="space-between">
                <TextInput
                  leftSection={<IconSearch size={16} aria-hidden />}
                  placeholder={t('instances.filter')}
                  aria-label={t('instances.filter')}
                  value={filter}
                  onChange={(e) => setFilter(e.currentTarget.value)}
                  w={320}
                />
                <Group gap="md">
                  {uninstalled > 0 && (
                    <Switch
                      size="sm"
                      label={t('instances.showUninstalled', { count: uninstalled })}
                      checked={showUninstalled}
                      onChange={(e) => setShowUninstalled(e.currentTarget.checked)}
                    />
                  )}
                  {q.data && (
                    <Text fz="sm" c="dimmed">
                      {t('instances.count', { count: releases.length })}
                    </Text>
                  )}
                  <Tooltip label={t('instances.refresh')}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="lg"
                      onClick={q.reload}
                      loading={q.loading}
                      aria-label={t('instances.refresh')}
                      data-testid="refresh-instances"
                    >
                      <IconRefresh size={18} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Group>
              <QueryError error={q.error} />
              {q.data && releases.length === 0 && !filter.trim() && (
                <EmptyState bare icon={IconStack2} title={t('instances.empty')} description={t('instances.emptyHint')} />
              )}
              {releases.length > 0 && (
                <Table highlightOnHover verticalSpacing="sm" data-testid="instances-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('instances.columns.name')}</Table.Th>
                      <Table.Th>{t('instances.columns.namespace')}</Table.Th>
                      <Table.Th>{t('instances.columns.status')}</Table.Th>
                      <Table.Th>{t('instances.columns.chart')}</Table.Th>
                      <Table.Th>{t('instances.columns.appVersion')}</Table.Th>
                      <Table.Th>{t('instances.columns.revision')}</Table.Th>
                      <Table.Th>{t('instances.columns.updated')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {releases.map((r) => (
                      <Table.Tr key={`${r.namespace}/${r.name}`} data-release={`${r.namespace}/${r.name}`}>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <Anchor href={hrefFor('instances', 'release', r.namespace, r.name)} fw={600}>
                              {r.name}
                            </Anchor>
                            <OriginBadge release={r} />
                          </Group>
                        </Table.Td>
                        <Table.Td ff="monospace" fz="sm">
                          {r.namespace}
                        </Table.Td>
                        <Table.Td>
                          <ReleaseStatusBadge status={r.status} />
                        </Table.Td>
                        <Table.Td fz="sm">
                          {r.chartName}{' '}
                          <Text span c="dimmed" fz="sm">
                            {r.chartVersion}
                          </Text>
                        </Table.Td>
                        <Table.Td fz="sm">{r.appVersion ?? '—'}</Table.Td>
                        <Table.Td fz="sm">{r.revision}</Table.Td>
                        <Table.Td fz="sm">
                          {r.updated ? (
                            <Tooltip label={date(r.updated, true)}>
                              <span>{ago(r.updated)}</span>
                            </Tooltip>
                          ) : (
                            '—'
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          </Card>
        )}
        {context && <UpgradeReadiness />}
      </Stack>
    </PageBody>
  );
}
