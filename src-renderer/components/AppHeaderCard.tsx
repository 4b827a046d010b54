import { Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { BlobRef } from '../../shared/types/catalog';
import { AppIcon } from './BlobImage';

export interface AppHeaderCardProps {
  /** The app's icon and chart name: the card's picture and title. */
  app: { icon?: BlobRef; chartName: string };
  /** Beside the title: the version, its state. */
  badges?: ReactNode;
  /** The dimmed line under the title. */
  description?: ReactNode;
  /** Under the description: category, workspace, provenance and the like. */
  children?: ReactNode;
  /** The page's main actions, on the right. */
  actions?: ReactNode;
  /** The store's app page shows its header larger: it is the page people come to deploy from. */
  size?: 'md' | 'lg';
}

/** The card on top of every page about one app (store, my apps, review): icon, name, badges, actions. */
export function AppHeaderCard({ app, badges, description, children, actions, size = 'md' }: AppHeaderCardProps) {
  const lg = size === 'lg';
  return (
    <Card padding={lg ? 'xl' : 'lg'}>
      <Group wrap="nowrap" align="flex-start" gap="lg">
        <AppIcon icon={app.icon} name={app.chartName} size={lg ? 84 : 72} />
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="sm">
            <Title order={1} fz={lg ? 28 : 26}>
              {app.chartName}
            </Title>
            {badges}
          </Group>
          {description && (
            <Text c="dimmed" fz={lg ? undefined : 'sm'} lineClamp={lg ? undefined : 2}>
              {description}
            </Text>
          )}
          {children}
        </Stack>
        {actions && (
          <Group gap="xs" wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
    </Card>
  );
}
