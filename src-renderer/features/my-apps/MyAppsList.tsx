import { Button, Card, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { IconPackages, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hrefFor, navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { AppIcon } from '../../components/BlobImage';
import { EmptyState } from '../../components/EmptyState';
import { useRelativeTime } from '../../components/format';
import { PageBody } from '../../components/PageBody';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { StateBadge } from '../../components/StateBadge';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { CreateAppDialog } from './CreateAppDialog';

export function MyAppsList() {
  const { t } = useTranslation();
  const relative = useRelativeTime();
  const session = useSession((s) => s.session);
  const isvWorkspaces = session?.workspaces.filter((w) => w.role === 'isv') ?? [];
  const mine = new Set(session?.workspaces.map((w) => w.workspace));
  const apps = useCatalogQuery('app.list', {});
  const [creating, setCreating] = useState(false);
  // reviewers and admins see every app in app.list; My apps shows only their own workspaces'
  const list = (apps.data ?? []).filter((a) => mine.has(a.workspace));

  const createButton = (
    <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setCreating(true)} disabled={isvWorkspaces.length === 0} data-testid="create-app">
      {t('myApps.create')}
    </Button>
  );

  return (
    <PageBody>
      <PageHeader title={t('workspace.my-apps.name')} description={t('workspace.my-apps.description')} actions={list.length > 0 ? createButton : undefined} />
      <QueryError error={apps.error} />
      {!apps.data && apps.loading && (
        <Paper p="xl" ta="center" withBorder>
          <Loader />
        </Paper>
      )}
      {apps.data && list.length === 0 && (
        <EmptyState
          icon={IconPackages}
          title={t('myApps.empty.title')}
          description={isvWorkspaces.length ? t('myApps.empty.description') : t('myApps.empty.notIsv')}
          action={isvWorkspaces.length ? createButton : undefined}
        />
      )}
      {list.length > 0 && (
        <Card padding={0}>
          <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="lg">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('myApps.columns.app')}</Table.Th>
                <Table.Th>{t('myApps.columns.state')}</Table.Th>
                <Table.Th>{t('myApps.columns.latest')}</Table.Th>
                <Table.Th>{t('myApps.columns.category')}</Table.Th>
                <Table.Th>{t('myApps.columns.workspace')}</Table.Th>
                <Table.Th>{t('myApps.columns.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((a) => (
                <Table.Tr key={a.id} onClick={() => navigate('my-apps', 'app', a.id)} style={{ cursor: 'pointer' }}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <AppIcon icon={a.icon} name={a.chartName} size={36} />
                      <Stack gap={0} style={{ minWidth: 0 }}>
                        <Text component="a" href={hrefFor('my-apps', 'app', a.id)} fw={600} fz="sm" c="inherit" td="none" onClick={(e) => e.stopPropagation()}>
                          {a.chartName}
                        </Text>
                        <Text fz="xs" c="dimmed" lineClamp={1} maw={360}>
                          {a.description || t('store.noDescription')}
                        </Text>
                      </Stack>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <StateBadge state={a.state} kind="app" />
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm">{a.latestVersion ?? '—'}</Text>
                    <Text fz="xs" c="dimmed">
                      {t('myApps.versionCount', { count: a.versionCount })}
                    </Text>
                  </Table.Td>
                  <Table.Td fz="sm">{a.categoryName === 'uncategorized' ? t('store.uncategorized') : a.categoryName}</Table.Td>
                  <Table.Td fz="sm">{a.workspaceName}</Table.Td>
                  <Table.Td fz="sm" c="dimmed">
                    {relative(a.updatedAt)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {creating && <CreateAppDialog onClose={() => setCreating(false)} />}
    </PageBody>
  );
}
