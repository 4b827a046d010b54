import { Badge, Button, Card, Group, Menu, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconPackages, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AppSummary } from '../../../shared/types/catalog';
import { AppTitle } from '../../components/BlobImage';
import { EmptyState } from '../../components/EmptyState';
import { QueryError } from '../../components/QueryError';
import { StateBadge } from '../../components/StateBadge';
import { useAction } from '../../components/useAction';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { useConfirm } from '../../components/useConfirm';

/** Every app in the catalog, for reviewers: suspend or recover apps and versions in the store. */
export function ModerationList() {
  const { t } = useTranslation();
  const q = useCatalogQuery('app.list', {});
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return null;
  const apps = q.data.filter((a) => a.state === 'active' || a.state === 'suspended');
  if (apps.length === 0) return <EmptyState icon={IconPackages} title={t('moderation.empty.title')} description={t('moderation.empty.description')} />;
  return (
    <Stack gap="sm">
      <Text fz="sm" c="dimmed">
        {t('moderation.intro')}
      </Text>
      <Card padding={0}>
        <Table verticalSpacing="sm" horizontalSpacing="lg" data-testid="moderation">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('review.columns.app')}</Table.Th>
              <Table.Th>{t('myApps.columns.state')}</Table.Th>
              <Table.Th>{t('moderation.latestInStore')}</Table.Th>
              <Table.Th ta="right">{t('versions.columns.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {apps.map((a) => (
              <ModerationRow key={a.id} app={a} />
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

function ModerationRow({ app }: { app: AppSummary }) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const { ask, dialog } = useConfirm();
  const detail = useCatalogQuery('app.get', { app: app.id });
  const versions = (detail.data?.versions ?? []).filter((v) => v.state === 'active' || v.state === 'suspended');
  const suspendApp = () =>
    ask((t) => ({
      title: t('moderation.suspendAppTitle', { app: app.chartName }),
      body: t('moderation.suspendAppBody'),
      confirm: t('versions.suspend'),
      danger: true,
      onConfirm: () => void run('app.suspend', { app: app.id }, { success: t('moderation.appSuspended', { app: app.chartName }) }),
    }));
  // like suspending the app, suspending one version takes it out of the store: asked first
  const suspendVersion = (id: string, name: string) =>
    ask((t) => ({
      title: t('versions.suspendTitle', { version: name }),
      body: t('versions.suspendBody'),
      confirm: t('versions.suspend'),
      danger: true,
      onConfirm: () => void run('version.suspend', { version: id }, { success: t('versions.suspended', { version: name }) }),
    }));
  return (
    <Table.Tr data-app={app.chartName}>
      <Table.Td>
        <AppTitle icon={app.icon} name={app.chartName} sub={app.workspaceName} />
      </Table.Td>
      <Table.Td>
        <StateBadge state={app.state} kind="app" />
      </Table.Td>
      <Table.Td fz="sm" data-testid="latest-in-store">
        {app.latestInStore ?? '—'}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          {app.state === 'active' ? (
            <Button size="xs" variant="default" color="orange" leftSection={<IconPlayerPause size={14} aria-hidden />} onClick={suspendApp} loading={busy}>
              {t('moderation.suspendApp')}
            </Button>
          ) : (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPlayerPlay size={14} aria-hidden />}
              loading={busy}
              onClick={() => void run('app.recover', { app: app.id }, { success: t('moderation.appRecovered', { app: app.chartName }) })}
            >
              {t('moderation.recoverApp')}
            </Button>
          )}
          <Menu position="bottom-end">
            <Menu.Target>
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                rightSection={<IconChevronDown size={14} aria-hidden />}
                aria-label={t('moderation.versionsOf', { app: app.chartName })}
              >
                {t('moderation.versions')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {versions.map((v) =>
                v.state === 'active' ? (
                  <Menu.Item key={v.id} leftSection={<IconPlayerPause size={14} aria-hidden />} onClick={() => suspendVersion(v.id, v.name)}>
                    {t('moderation.suspendVersion', { version: v.name })}
                  </Menu.Item>
                ) : (
                  <Menu.Item
                    key={v.id}
                    leftSection={<IconPlayerPlay size={14} aria-hidden />}
                    onClick={() => void run('version.recover', { version: v.id }, { success: t('versions.recovered', { version: v.name }) })}
                  >
                    {t('moderation.recoverVersion', { version: v.name })}
                  </Menu.Item>
                ),
              )}
              {versions.length === 0 && <Menu.Label>{t('moderation.noVersions')}</Menu.Label>}
            </Menu.Dropdown>
          </Menu>
          {versions.some((v) => v.state === 'suspended') && app.state === 'active' && (
            <Badge size="xs" color="orange" variant="light" tt="none">
              {t('moderation.someSuspended')}
            </Badge>
          )}
        </Group>
        {dialog}
      </Table.Td>
    </Table.Tr>
  );
}
