import { ActionIcon, Badge, Button, Card, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistributionSettings, PublishTarget } from '../../../shared/types/distribution';
import { call } from '../../api';
import { useConfirm } from '../../components/useConfirm';
import { DistributionPublishDialog } from './DistributionPublishDialog';
import { DistributionTargetDialog } from './DistributionTargetDialog';
import { SectionTitle } from './DistributionShared';

type Target = DistributionSettings['targets'][number];

function whereOf(target: PublishTarget): string {
  return target.kind === 'helm-folder' ? (target.baseUrl ? `${target.folder} → ${target.baseUrl}` : target.folder) : target.location;
}

/** Where released apps are published: Helm repository folders and OCI registries. */
export function DistributionTargets({ settings, onChange }: { settings: DistributionSettings; onChange(s: DistributionSettings): void }) {
  const { t } = useTranslation();
  const { ask, dialog } = useConfirm();
  const [editing, setEditing] = useState<Target | 'new' | null>(null);
  const [publishing, setPublishing] = useState<Target | null>(null);

  const remove = (target: Target) =>
    ask({
      title: t('distribution.targets.removeTitle', { name: target.name }),
      body: t('distribution.targets.removeBody'),
      confirm: t('distribution.targets.remove'),
      danger: true,
      onConfirm: () => void call('distribution.target.remove', { target: target.id }).then((r) => r.ok && onChange(r.value)),
    });

  return (
    <Card padding="lg">
      <Stack gap="sm">
        <Group justify="space-between">
          <SectionTitle title={t('distribution.targets.title')} description={t('distribution.targets.description')} />
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')} data-testid="add-target">
            {t('distribution.targets.add')}
          </Button>
        </Group>
        {settings.targets.length === 0 ? (
          <Text fz="sm" c="dimmed" data-testid="no-targets">
            {t('distribution.targets.none')}
          </Text>
        ) : (
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('distribution.targets.name')}</Table.Th>
                <Table.Th>{t('distribution.targets.kind')}</Table.Th>
                <Table.Th>{t('distribution.targets.where')}</Table.Th>
                <Table.Th ta="right">{t('versions.columns.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {settings.targets.map((target) => (
                <Table.Tr key={target.id} data-target={target.name}>
                  <Table.Td fw={550} fz="sm">
                    {target.name}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={target.kind === 'oci' ? 'grape' : 'blue'} tt="none">
                      {t(`distribution.targets.kinds.${target.kind}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>
                      {whereOf(target)}
                    </Text>
                    {target.kind === 'oci' && (
                      <Text fz="xs" c="dimmed">
                        {target.hasSecret
                          ? t('distribution.targets.credentialsSaved', { user: target.username ?? t('distribution.targets.auth.token') })
                          : t('distribution.targets.anonymous')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconUpload size={14} aria-hidden />}
                        onClick={() => setPublishing(target)}
                        data-testid="preview-publish"
                      >
                        {t('distribution.targets.preview')}
                      </Button>
                      <Tooltip label={t('distribution.targets.edit')}>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('distribution.targets.editTitle', { name: target.name })}
                          onClick={() => setEditing(target)}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('distribution.targets.remove')}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('distribution.targets.removeTitle', { name: target.name })}
                          onClick={() => remove(target)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {editing && (
        <DistributionTargetDialog
          target={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(s) => {
            onChange(s);
            setEditing(null);
          }}
        />
      )}
      {publishing && <DistributionPublishDialog target={publishing} onClose={() => setPublishing(null)} />}
      {dialog}
    </Card>
  );
}
