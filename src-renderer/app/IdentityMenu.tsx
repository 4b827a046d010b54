import { Avatar, Badge, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconUserEdit } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { hrefFor } from './router';
import { useSession } from './session';

/** The person using Berth, their roles, and a way to their identity settings. */
export function IdentityMenu() {
  const { t } = useTranslation();
  const session = useSession((s) => s.session);
  if (!session) return null;
  const { identity } = session;
  const name = identity.displayName || identity.shortId;
  return (
    <Menu position="bottom-end" width={260}>
      <Menu.Target>
        <UnstyledButton aria-label={t('identity.menu', { name })} data-testid="identity-menu" style={{ borderRadius: '50%' }}>
          <Avatar name={name} color="initials" size={34} alt="" />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Stack gap={4} p="xs">
          <Text fw={600} fz="sm" truncate>
            {name}
          </Text>
          <Text fz="xs" c="dimmed" ff="monospace">
            {t('identity.key', { id: identity.shortId })}
          </Text>
          {session.connected && (
            <Group gap={4} mt={4}>
              {session.platformRoles.map((r) => (
                <Badge key={r} size="xs" variant="light">
                  {t(`roles.${r}`)}
                </Badge>
              ))}
              {session.workspaces.map((w) => (
                <Badge key={w.workspace} size="xs" variant="outline" color="gray" tt="none">
                  {w.workspaceName} · {t(`roles.${w.role}`)}
                </Badge>
              ))}
              {session.platformRoles.length === 0 && session.workspaces.length === 0 && (
                <Text fz="xs" c="dimmed">
                  {t('identity.noRoles')}
                </Text>
              )}
            </Group>
          )}
        </Stack>
        <Menu.Divider />
        <Menu.Item component="a" href={hrefFor('settings')} leftSection={<IconUserEdit size={16} aria-hidden />}>
          {t('identity.edit')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
