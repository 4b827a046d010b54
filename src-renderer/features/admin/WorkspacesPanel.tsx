import { ActionIcon, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconPlus, IconUserMinus, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Workspace, WorkspaceRole } from '../../../shared/types/catalog';
import { EmptyState } from '../../components/EmptyState';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { useCatalogQuery } from '../../components/useCatalogQuery';

/** Workspaces own apps; their `isv` members create and manage them. */
export function WorkspacesPanel() {
  const { t } = useTranslation();
  const q = useCatalogQuery('workspace.list', {});
  const { run, busy } = useAction();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const validName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name.trim());

  const create = async () => {
    const w = await run(
      'workspace.create',
      { name: name.trim(), description: description.trim() || undefined },
      { success: t('workspaces.created', { name: name.trim() }) },
    );
    if (w) {
      setName('');
      setDescription('');
    }
  };

  return (
    <Stack gap="md">
      <Card padding="md">
        <Group align="flex-end">
          <TextInput
            label={t('workspaces.name')}
            placeholder="demo-workspace"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={name.trim() && !validName ? t('workspaces.nameRule') : undefined}
            description={t('workspaces.nameHint')}
            w={260}
            data-testid="new-workspace"
          />
          <TextInput
            style={{ flex: 1 }}
            label={t('workspaces.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            description={t('workspaces.descriptionHint')}
          />
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => void create()}
            disabled={!validName}
            loading={busy}
            data-testid="create-workspace"
          >
            {t('workspaces.create')}
          </Button>
        </Group>
      </Card>
      <QueryError error={q.error} />
      {q.data && q.data.length === 0 && (
        <EmptyState icon={IconUsersGroup} title={t('workspaces.empty.title')} description={t('workspaces.empty.description')} />
      )}
      <SimpleGrid cols={2} spacing="md">
        {(q.data ?? []).map((w) => (
          <WorkspaceCard key={w.id} workspace={w} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function WorkspaceCard({ workspace: w }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const members = useCatalogQuery('member.list', {});
  const { run, busy } = useAction();
  const [member, setMember] = useState<string | null>(null);
  const [role, setRole] = useState<WorkspaceRole>('isv');
  const candidates = (members.data ?? []).filter((m) => !w.members.some((x) => x.keyId === m.keyId));
  return (
    <Card padding="lg" data-workspace={w.name}>
      <Group justify="space-between" mb={4}>
        <Title order={3} fz="md">
          {w.name}
        </Title>
        <Badge variant="light" color="gray" tt="none">
          {t('workspaces.apps', { count: w.appCount })}
        </Badge>
      </Group>
      {w.description && (
        <Text fz="sm" c="dimmed" mb="sm">
          {w.description}
        </Text>
      )}
      <Stack gap={6} my="sm">
        {w.members.length === 0 && (
          <Text fz="sm" c="dimmed">
            {t('workspaces.noMembers')}
          </Text>
        )}
        {w.members.map((m) => (
          <Group key={m.keyId} justify="space-between" wrap="nowrap">
            <Group gap="xs">
              <Text fz="sm">{m.displayName || m.keyId.slice(0, 12)}</Text>
              <Badge size="xs" variant="light" tt="none">
                {t(`roles.${m.role}`)}
              </Badge>
            </Group>
            <Tooltip label={t('workspaces.remove')}>
              <ActionIcon
                variant="subtle"
                color="red"
                size="sm"
                aria-label={t('workspaces.removeNamed', { name: m.displayName || m.keyId.slice(0, 12), workspace: w.name })}
                onClick={() => void run('workspace.removeMember', { workspace: w.id, member: m.keyId })}
              >
                <IconUserMinus size={14} />
              </ActionIcon>
            </Tooltip>
          </Group>
        ))}
      </Stack>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Select
          style={{ flex: 1 }}
          size="xs"
          label={t('workspaces.addMember')}
          placeholder={t('workspaces.pickPerson')}
          data={candidates.map((m) => ({ value: m.keyId, label: m.displayName ? `${m.displayName} (${m.shortId})` : m.shortId }))}
          value={member}
          onChange={setMember}
          searchable
          nothingFoundMessage={t('workspaces.nobodyLeft')}
          data-testid="workspace-member"
        />
        <Select
          size="xs"
          w={130}
          label={t('members.role')}
          data={(['isv', 'member'] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role}
          onChange={(v) => v && setRole(v as WorkspaceRole)}
          allowDeselect={false}
        />
        <Button
          size="xs"
          disabled={!member}
          loading={busy}
          onClick={() => void run('workspace.addMember', { workspace: w.id, member: member!, role }).then((r) => r && setMember(null))}
          data-testid="add-workspace-member"
        >
          {t('workspaces.add')}
        </Button>
      </Group>
    </Card>
  );
}
