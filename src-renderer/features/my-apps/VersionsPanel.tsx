import { ActionIcon, Alert, Button, Group, Menu, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconArrowUpCircle, IconDots, IconPlayerPause, IconPlayerPlay, IconRocket, IconSend, IconTool, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppDetail, VersionSummary } from '../../../shared/types/catalog';
import { useHasRole } from '../../app/session';
import { useRelativeTime } from '../../components/format';
import { StateBadge } from '../../components/StateBadge';
import { useAction } from '../../components/useAction';
import { useConfirm } from '../../components/useConfirm';
import { LastTestDeploy, TestDeployButton } from '../../components/deploy/TestDeploy';
import { ProvenanceBadge } from '../../components/provenance/ProvenanceBadge';
import { UpgradeTestDialog, upgradeSources } from '../../components/deploy/UpgradeTestDialog';
import { ApiFixDialog } from './ApiFixDialog';
import { SubmitDialog } from './SubmitDialog';

/** Every version of the app with the actions its state allows (MISSION.md's lifecycle table). */
export function VersionsPanel({ app }: { app: AppDetail }) {
  const { t } = useTranslation();
  const relative = useRelativeTime();
  const canModerate = useHasRole('reviewer', 'admin');
  const { run, busy } = useAction();
  const [submitting, setSubmitting] = useState<VersionSummary | null>(null);
  const [fixing, setFixing] = useState<VersionSummary | null>(null);
  const [upgradeTesting, setUpgradeTesting] = useState<VersionSummary | null>(null);
  const versions = app.versions.filter((v) => v.state !== 'deleted');

  const { ask, dialog } = useConfirm();
  const confirmThen = (title: string, body: string, confirm: string, action: () => void, danger = false) =>
    ask({ title, body, confirm, danger, onConfirm: action });

  const release = (v: VersionSummary) =>
    confirmThen(t('versions.releaseTitle', { version: v.name }), t('versions.releaseBody'), t('versions.release'), () =>
      void run('version.release', { version: v.id }, { success: t('versions.released', { version: v.name }) }),
    );
  const cancel = (v: VersionSummary) =>
    void run('version.cancel', { version: v.id }, { success: t('versions.cancelled', { version: v.name }) });
  const remove = (v: VersionSummary) =>
    confirmThen(
      t('versions.deleteTitle', { version: v.name }),
      t('versions.deleteBody'),
      t('common.delete'),
      () => void run('version.delete', { version: v.id }, { success: t('versions.deleted', { version: v.name }) }),
      true,
    );
  const suspend = (v: VersionSummary) =>
    confirmThen(t('versions.suspendTitle', { version: v.name }), t('versions.suspendBody'), t('versions.suspend'), () =>
      void run('version.suspend', { version: v.id }, { success: t('versions.suspended', { version: v.name }) }),
    );
  const recover = (v: VersionSummary) => void run('version.recover', { version: v.id }, { success: t('versions.recovered', { version: v.name }) });

  return (
    <>
      <Table verticalSpacing="sm" data-testid="versions-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('versions.columns.version')}</Table.Th>
            <Table.Th>{t('versions.columns.state')}</Table.Th>
            <Table.Th>{t('versions.columns.appVersion')}</Table.Th>
            <Table.Th>{t('versions.columns.updated')}</Table.Th>
            <Table.Th ta="right">{t('versions.columns.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.id} data-version={v.name}>
              <Table.Td>
                <Stack gap={2}>
                  <Text fw={600} fz="sm">
                    {v.name}
                  </Text>
                  {v.name !== v.chartVersion && (
                    <Text fz="xs" c="dimmed">
                      {t('versions.chartVersion', { version: v.chartVersion })}
                    </Text>
                  )}
                  <LastTestDeploy versionId={v.id} />
                  <ProvenanceBadge versionId={v.id} compact ownVersion />
                  {v.state === 'rejected' && v.rejectReason && (
                    <Alert color="red" variant="light" p={6} mt={4} title={t('versions.rejectedBecause')} styles={{ title: { fontSize: 12 } }}>
                      <Text fz="xs" style={{ whiteSpace: 'pre-wrap' }} data-testid="reject-reason">
                        {v.rejectReason}
                      </Text>
                    </Alert>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <StateBadge state={v.state} />
              </Table.Td>
              <Table.Td fz="sm">{v.appVersion ?? '—'}</Table.Td>
              <Table.Td fz="sm" c="dimmed">
                {relative(v.updatedAt)}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <TestDeployButton chartName={app.chartName} version={v} disabled={busy} />
                  {(v.state === 'draft' || v.state === 'rejected') && (
                    <Button size="xs" leftSection={<IconSend size={14} aria-hidden />} onClick={() => setSubmitting(v)} disabled={busy}>
                      {t('versions.submit')}
                    </Button>
                  )}
                  {v.state === 'submitted' && (
                    <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} aria-hidden />} onClick={() => cancel(v)} disabled={busy}>
                      {t('versions.cancelSubmission')}
                    </Button>
                  )}
                  {v.state === 'passed' && (
                    <Button size="xs" color="teal" leftSection={<IconRocket size={14} aria-hidden />} onClick={() => release(v)} disabled={busy}>
                      {t('versions.release')}
                    </Button>
                  )}
                  {canModerate && v.state === 'active' && (
                    <Button
                      size="xs"
                      variant="default"
                      color="orange"
                      leftSection={<IconPlayerPause size={14} aria-hidden />}
                      onClick={() => suspend(v)}
                      disabled={busy}
                    >
                      {t('versions.suspend')}
                    </Button>
                  )}
                  {canModerate && v.state === 'suspended' && (
                    <Button size="xs" variant="default" leftSection={<IconPlayerPlay size={14} aria-hidden />} onClick={() => recover(v)} disabled={busy}>
                      {t('versions.recover')}
                    </Button>
                  )}
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <Tooltip label={t('common.moreActions')}>
                        <ActionIcon variant="subtle" color="gray" aria-label={t('versions.moreFor', { version: v.name })}>
                          <IconDots size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {/* ct install --upgrade: an earlier active version, upgraded to this one on the test cluster */}
                      {v.state !== 'active' && (
                        <Menu.Item
                          leftSection={<IconArrowUpCircle size={14} aria-hidden />}
                          onClick={() => setUpgradeTesting(v)}
                          disabled={upgradeSources(versions, v).length === 0}
                          data-testid="upgrade-test-action"
                        >
                          {upgradeSources(versions, v).length === 0 ? t('upgradeTest.none') : t('upgradeTest.action')}
                        </Menu.Item>
                      )}
                      {(v.state === 'draft' || v.state === 'rejected') && (
                        <Menu.Item leftSection={<IconTool size={14} aria-hidden />} onClick={() => setFixing(v)}>
                          {t('apiFix.action')}
                        </Menu.Item>
                      )}
                      <Menu.Item
                        color="red"
                        leftSection={<IconTrash size={14} aria-hidden />}
                        disabled={v.state === 'submitted' || v.state === 'active'}
                        onClick={() => remove(v)}
                      >
                        {v.state === 'active'
                          ? t('versions.deleteNeedsSuspend')
                          : v.state === 'submitted'
                            ? t('versions.deleteNeedsCancel')
                            : t('versions.delete')}
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {dialog}
      {submitting && <SubmitDialog version={submitting} onClose={() => setSubmitting(null)} />}
      {fixing && <ApiFixDialog version={fixing} onClose={() => setFixing(null)} />}
      {upgradeTesting && (
        <UpgradeTestDialog chartName={app.chartName} version={upgradeTesting} versions={versions} onClose={() => setUpgradeTesting(null)} />
      )}
    </>
  );
}
