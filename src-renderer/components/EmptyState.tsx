import { Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface EmptyStateProps {
  icon: Icon;
  title: string;
  description: ReactNode;
  /** The call to action, usually one button. */
  action?: ReactNode;
  /** Without a frame, for use inside a card that already has one. */
  bare?: boolean;
}

export function EmptyState({ icon: Icon, title, description, action, bare }: EmptyStateProps) {
  const body = (
    <Stack align="center" gap="sm" py={bare ? 'lg' : 48} px="md" ta="center">
      <ThemeIcon size={64} radius={64} variant="light" aria-hidden>
        <Icon size={34} stroke={1.6} />
      </ThemeIcon>
      <Title order={3} fz="lg">
        {title}
      </Title>
      <Text c="dimmed" fz="sm" maw={460}>
        {description}
      </Text>
      {action && <div style={{ marginTop: 8 }}>{action}</div>}
    </Stack>
  );
  if (bare) return body;
  return (
    <Paper withBorder radius="md" style={{ borderStyle: 'dashed' }}>
      {body}
    </Paper>
  );
}
