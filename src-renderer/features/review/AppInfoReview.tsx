import { Anchor, Badge, Grid, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppDetail, VersionSummary } from '../../../shared/types/catalog';
import { AppIcon } from '../../components/BlobImage';
import { formatBytes, useDateFormat } from '../../components/format';
import { Markdown } from '../../components/Markdown';
import { ScreenshotGallery } from '../../components/ScreenshotGallery';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { CommentableCode } from '../../components/comments/CommentableCode';

/** App information and attachments as they will appear in the store, and the changelog. */
export function AppInfoReview({ app, version }: { app: AppDetail; version: VersionSummary }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  return (
    <Grid gutter="xl">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="lg">
          <ChangelogReview version={version} />
          <div>
            <Title order={2} fz="md" mb="xs">
              {t('appInfo.introduction')}
            </Title>
            <Markdown source={app.info.introduction} empty={t('store.noIntroduction')} />
          </div>
          <div>
            <Title order={2} fz="md" mb="xs">
              {t('common.screenshots')}
            </Title>
            <ScreenshotGallery shots={app.info.screenshots} cols={2} />
          </div>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="md">
          <Group gap="md" wrap="nowrap">
            <AppIcon icon={app.info.icon} name={app.chartName} size={56} />
            <Text fz="sm">{app.info.description || t('store.noDescription')}</Text>
          </Group>
          <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={6} fz="sm">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={130}>{t('appInfo.category')}</Table.Th>
                <Table.Td>{app.categoryName === 'uncategorized' ? t('store.uncategorized') : app.categoryName}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('appInfo.home')}</Table.Th>
                <Table.Td style={{ wordBreak: 'break-all' }}>
                  {app.info.home ? (
                    <Anchor href={app.info.home} target="_blank" rel="noopener noreferrer" fz="sm">
                      {app.info.home}
                    </Anchor>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('store.chartName')}</Table.Th>
                <Table.Td ff="monospace">{app.chartName}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('chartPicker.chartVersion')}</Table.Th>
                <Table.Td>{version.chartVersion}</Table.Td>
              </Table.Tr>
              {version.appVersion && (
                <Table.Tr>
                  <Table.Th>{t('store.appVersion')}</Table.Th>
                  <Table.Td>{version.appVersion}</Table.Td>
                </Table.Tr>
              )}
              <Table.Tr>
                <Table.Th>{t('review.package')}</Table.Th>
                <Table.Td>
                  <Text fz="sm">{formatBytes(version.package.size)}</Text>
                  <Text fz="xs" c="dimmed" ff="monospace" truncate>
                    sha256:{version.package.sha256.slice(0, 16)}…
                  </Text>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('review.created')}</Table.Th>
                <Table.Td>{date(version.createdAt, true)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('store.maintainers')}</Table.Th>
                <Table.Td>
                  {app.maintainers.length === 0
                    ? '—'
                    : app.maintainers.map((m) => (
                        <Badge key={m.name} variant="default" tt="none" mr={4}>
                          {m.name}
                        </Badge>
                      ))}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

/** The changelog, rendered or as lines that take comments (with the threads already on them). */
function ChangelogReview({ version }: { version: VersionSummary }) {
  const { t } = useTranslation();
  const [view, setView] = useState<'rendered' | 'lines'>('rendered');
  const threads = useCatalogQuery('comment.list', view === 'lines' ? { version: version.id } : null);
  const onChangelog = (threads.data ?? [])
    .filter((th) => th.anchor.kind === 'changelog' && !th.resolved)
    .map((thread) => ({
      thread,
      line: thread.version === version.id || !thread.carried ? thread.anchor.line : 'line' in thread.carried ? thread.carried.line : undefined,
    }));
  return (
    <div>
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="md">
          {t('versions.changelog')}
        </Title>
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(v) => setView(v as 'rendered' | 'lines')}
          data={[
            { value: 'rendered', label: t('review.changelogRendered') },
            { value: 'lines', label: t('review.changelogLines') },
          ]}
          data-testid="changelog-view"
        />
      </Group>
      {view === 'rendered' ? (
        <Markdown source={version.changelog} empty={t('store.noChangelog')} />
      ) : (
        <CommentableCode
          versionId={version.id}
          path="CHANGELOG.md"
          content={version.changelog ?? ''}
          maxHeight={360}
          anchorFor={(line, lineText) => ({ kind: 'changelog', line, lineText: lineText.slice(0, 500) })}
          threads={onChangelog}
        />
      )}
    </div>
  );
}
