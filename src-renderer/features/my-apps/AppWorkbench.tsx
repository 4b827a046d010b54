import { Alert, Badge, Button, Card, Group, Menu, Stack, Tabs, Text } from '@mantine/core';
import { IconBuildingStore, IconDots, IconLock, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../app/router';
import { AuditTimeline } from '../../components/AuditTimeline';
import { AppHeaderCard } from '../../components/AppHeaderCard';
import { PageBody } from '../../components/PageBody';
import { BackLink, PageLoadGate } from '../../components/PageLoadGate';
import { StateBadge } from '../../components/StateBadge';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { AddVersionDialog } from './AddVersionDialog';
import { AppInfoPanel } from './AppInfoPanel';
import { DeleteAppGuide } from './DeleteAppGuide';
import { FeedbackPanel } from './FeedbackPanel';
import { ComparePanel } from '../../components/compare/ComparePanel';
import { PublishInfoAlert } from './PublishInfoAlert';
import { VersionsPanel } from './VersionsPanel';

/** One app from the ISV's side: its versions, its store information and its history. */
export function AppWorkbench({ appId }: { appId: string }) {
  const { t } = useTranslation();
  const q = useCatalogQuery('app.get', { app: appId });
  const [tab, setTab] = useState<string | null>('versions');
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const back = <BackLink href={hrefFor('my-apps')}>{t('myApps.backToList')}</BackLink>;
  if (!q.data) return <PageLoadGate back={back} error={q.error} />;
  const app = q.data;
  const live = app.versions.filter((v) => v.state !== 'deleted');
  return (
    <PageBody>
      <Stack gap="lg">
        {back}
        <AppHeaderCard
          app={app}
          badges={<StateBadge state={app.state} kind="app" size="lg" />}
          description={app.description ? <span data-content="user">{app.description}</span> : t('store.noDescription')}
          actions={
            <>
              {app.state === 'active' && (
                <Button variant="default" component="a" href={hrefFor('store', 'app', app.id)} leftSection={<IconBuildingStore size={16} aria-hidden />}>
                  {t('myApps.viewInStore')}
                </Button>
              )}
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)} data-testid="add-version">
                {t('myApps.addVersion')}
              </Button>
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="default" px="xs" aria-label={t('common.moreActions')}>
                    <IconDots size={18} />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setDeleting(true)}>
                    {t('myApps.deleteApp')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </>
          }
        >
          <Group gap="xs">
            <Badge variant="outline" color="gray" radius="sm" tt="none">
              {app.workspaceName}
            </Badge>
            <Badge variant="outline" color="gray" radius="sm" tt="none">
              {app.categoryName === 'uncategorized' ? t('store.uncategorized') : app.categoryName}
            </Badge>
            {app.latestVersion && (
              <Text fz="xs" c="dimmed">
                {t('myApps.latestIs', { version: app.latestVersion })}
              </Text>
            )}
          </Group>
        </AppHeaderCard>
        {app.infoLocked && (
          <Alert icon={<IconLock size={18} />} color="yellow" variant="light">
            {t('myApps.infoLocked')}
          </Alert>
        )}
        {app.storeCopyOutdated && <PublishInfoAlert appId={app.id} locked={app.infoLocked} request={app.infoRequest} />}
        <Card padding="lg">
          <Tabs value={tab} onChange={setTab} keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="versions">{t('myApps.tabs.versions', { count: live.length })}</Tabs.Tab>
              <Tabs.Tab value="info">{t('myApps.tabs.info')}</Tabs.Tab>
              <Tabs.Tab value="feedback">{t('myApps.tabs.feedback')}</Tabs.Tab>
              <Tabs.Tab value="compare" disabled={live.length < 2}>
                {t('myApps.tabs.compare')}
              </Tabs.Tab>
              <Tabs.Tab value="history">{t('myApps.tabs.history')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="versions">
              <VersionsPanel app={app} />
            </Tabs.Panel>
            <Tabs.Panel value="info">
              <AppInfoPanel app={app} />
            </Tabs.Panel>
            <Tabs.Panel value="feedback">
              <FeedbackPanel app={app} />
            </Tabs.Panel>
            <Tabs.Panel value="compare">
              <ComparePanel appId={app.id} />
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <AuditTimeline query={{ app: app.id }} />
            </Tabs.Panel>
          </Tabs>
        </Card>
      </Stack>
      {adding && <AddVersionDialog app={app} onClose={() => setAdding(false)} />}
      {deleting && <DeleteAppGuide app={app} onClose={() => setDeleting(false)} />}
    </PageBody>
  );
}
