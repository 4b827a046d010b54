import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StoreApp } from '../../../shared/types/catalog';
import { hrefFor } from '../../app/router';
import { AppIcon } from '../../components/BlobImage';
import classes from './store.module.css';

export function AppCard({ app }: { app: StoreApp }) {
  const { t } = useTranslation();
  return (
    <Card
      component="a"
      href={hrefFor('store', 'app', app.id)}
      padding="lg"
      className={classes.card}
      data-app={app.chartName}
      aria-label={`${app.chartName} ${app.latestVersion}`}
    >
      <Group wrap="nowrap" align="flex-start" gap="md">
        <AppIcon icon={app.icon} name={app.chartName} size={52} />
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={650} fz="md" truncate>
            {app.chartName}
          </Text>
          <Text fz="xs" c="dimmed" truncate>
            {t('store.by', { workspace: app.workspaceName })}
          </Text>
        </Stack>
      </Group>
      <Text fz="sm" c="dimmed" lineClamp={2} mt="md" mih={42}>
        {app.description ? <span data-content="user">{app.description}</span> : t('store.noDescription')}
      </Text>
      <Group justify="space-between" mt="md" wrap="nowrap">
        <Badge variant="light" color="gray" radius="sm" tt="none" style={{ minWidth: 0 }}>
          {app.categoryName === 'uncategorized' ? t('store.uncategorized') : app.categoryName}
        </Badge>
        <Badge variant="light" radius="sm" tt="none" data-testid="latest-version">
          {app.latestVersion}
        </Badge>
      </Group>
    </Card>
  );
}
