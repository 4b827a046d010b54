import { Anchor, Badge, Button, Card, Grid, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconExternalLink, IconRocket } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../app/router';
import { AppHeaderCard } from '../../components/AppHeaderCard';
import { useDateFormat } from '../../components/format';
import { Markdown } from '../../components/Markdown';
import { PageBody } from '../../components/PageBody';
import { BackLink, PageLoadGate } from '../../components/PageLoadGate';
import { ScreenshotGallery } from '../../components/ScreenshotGallery';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { StoreDeployDialog } from './StoreDeployDialog';
import { ReadmePanel } from '../../components/ReadmePanel';
import { VersionHistory } from './VersionHistory';
import { FilesPanel } from '../../components/FilesPanel';
import { CosignBadge } from '../../components/provenance/CosignBadge';
import { ProvenanceBadge } from '../../components/provenance/ProvenanceBadge';
import { ArtifactHubBadges, ArtifactHubPanel, useArtifactHub } from '../../components/artifacthub/ArtifactHub';

export function StoreAppPage({ appId }: { appId: string }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const q = useCatalogQuery('store.app', { app: appId });
  const [deploying, setDeploying] = useState(false);
  const artifactHub = useArtifactHub(q.data?.versions[0]?.id);
  const back = <BackLink href={hrefFor('store')}>{t('store.backToStore')}</BackLink>;
  if (!q.data) return <PageLoadGate back={back} error={q.error} />;
  const app = q.data;
  const latest = app.versions[0];
  return (
    <PageBody>
      <Stack gap="lg">
        {back}
        <AppHeaderCard
          app={app}
          size="lg"
          badges={
            <Badge variant="light" radius="sm" tt="none" size="lg">
              {app.latestVersion}
            </Badge>
          }
          description={app.description ? <span data-content="user">{app.description}</span> : t('store.noDescription')}
          actions={
            <Button size="md" leftSection={<IconRocket size={18} aria-hidden />} onClick={() => setDeploying(true)} disabled={!latest}>
              {t('store.deploy')}
            </Button>
          }
        >
          <Group gap="xs" mt={4}>
            <Badge variant="outline" color="gray" radius="sm" tt="none">
              {app.categoryName === 'uncategorized' ? t('store.uncategorized') : app.categoryName}
            </Badge>
            <Text fz="sm" c="dimmed">
              {t('store.by', { workspace: app.workspaceName })}
            </Text>
          </Group>
          {latest && <ProvenanceBadge versionId={latest.id} noAttach />}
          {latest && <CosignBadge versionId={latest.id} />}
          <ArtifactHubBadges info={artifactHub} />
        </AppHeaderCard>
        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Card padding="lg">
              <Tabs defaultValue="overview" keepMounted={false}>
                <Tabs.List mb="md">
                  <Tabs.Tab value="overview">{t('store.tabs.overview')}</Tabs.Tab>
                  <Tabs.Tab value="readme">{t('store.tabs.readme')}</Tabs.Tab>
                  <Tabs.Tab value="versions">{t('store.tabs.versions', { count: app.versions.length })}</Tabs.Tab>
                  <Tabs.Tab value="chart">{t('store.tabs.chart')}</Tabs.Tab>
                  {artifactHub && <Tabs.Tab value="artifacthub">{t('artifactHub.tab')}</Tabs.Tab>}
                </Tabs.List>
                <Tabs.Panel value="overview">
                  <Stack gap="lg">
                    <Markdown source={app.introduction} empty={t('store.noIntroduction')} hideBlockedNote />
                    <div>
                      <Title order={3} fz="md" mb="sm">
                        {t('common.screenshots')}
                      </Title>
                      <ScreenshotGallery shots={app.screenshots} cols={2} />
                    </div>
                  </Stack>
                </Tabs.Panel>
                <Tabs.Panel value="readme">{latest && <ReadmePanel versionId={latest.id} purpose="store" />}</Tabs.Panel>
                <Tabs.Panel value="versions">
                  <VersionHistory versions={app.versions} />
                </Tabs.Panel>
                <Tabs.Panel value="chart">{latest && <FilesPanel versionId={latest.id} />}</Tabs.Panel>
                <Tabs.Panel value="artifacthub">{artifactHub && <ArtifactHubPanel info={artifactHub} />}</Tabs.Panel>
              </Tabs>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Card padding="lg">
              <Title order={2} fz="md" mb="sm">
                {t('store.details')}
              </Title>
              <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={6} fz="sm">
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th w={110}>{t('store.latestVersion')}</Table.Th>
                    <Table.Td>{app.latestVersion}</Table.Td>
                  </Table.Tr>
                  {latest?.appVersion && (
                    <Table.Tr>
                      <Table.Th>{t('store.appVersion')}</Table.Th>
                      <Table.Td>{latest.appVersion}</Table.Td>
                    </Table.Tr>
                  )}
                  <Table.Tr>
                    <Table.Th>{t('store.updated')}</Table.Th>
                    <Table.Td>{date(app.updatedAt)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('store.chartName')}</Table.Th>
                    <Table.Td>
                      <Text ff="monospace" fz="sm">
                        {app.chartName}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                  {app.keywords.length > 0 && (
                    <Table.Tr>
                      <Table.Th>{t('store.keywords')}</Table.Th>
                      <Table.Td>
                        <Group gap={4}>
                          {app.keywords.map((k) => (
                            <Badge key={k} size="xs" variant="default" tt="none">
                              {k}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Table.Tbody>
              </Table>
              {app.home && (
                <>
                  <Title order={3} fz="sm" mt="md" mb={4}>
                    {t('store.homePage')}
                  </Title>
                  <Anchor href={app.home} target="_blank" rel="noopener noreferrer" fz="sm" style={{ wordBreak: 'break-all' }}>
                    <Group gap={4} wrap="nowrap">
                      {app.home}
                      <IconExternalLink size={14} aria-hidden style={{ flexShrink: 0 }} />
                    </Group>
                  </Anchor>
                </>
              )}
              <Title order={3} fz="sm" mt="md" mb={4}>
                {t('store.maintainers')}
              </Title>
              {app.maintainers.length === 0 ? (
                <Text fz="sm" c="dimmed">
                  {t('store.noMaintainers')}
                </Text>
              ) : (
                <Stack gap={4}>
                  {app.maintainers.map((m) => (
                    <Text key={m.name} fz="sm">
                      {m.name}
                      {m.email && (
                        <Text span c="dimmed" fz="xs">
                          {' '}
                          · {m.email}
                        </Text>
                      )}
                    </Text>
                  ))}
                </Stack>
              )}
            </Card>
          </Grid.Col>
        </Grid>
      </Stack>
      {deploying && <StoreDeployDialog app={app} onClose={() => setDeploying(false)} />}
    </PageBody>
  );
}
