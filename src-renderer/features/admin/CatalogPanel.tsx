import { Button, Card, Group, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDownload, IconPlugConnectedX, IconRefresh, IconUpload } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useDateFormat, useRelativeTime } from '../../components/format';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { useConfirm } from '../../components/useConfirm';
import { S3StoreCheck, StoreLocationText } from '../../components/StoreLocationText';
import { notify, notifyDone } from '../../components/notify';
import { useSay } from '../../components/sentence';
import { useSyncFailureText } from '../../components/sync-failure';

/** Where the shared catalog lives, how in step this copy is, and moving it by file for offline work. */
export function CatalogPanel() {
  const { t } = useTranslation();
  const say = useSay();
  const failureText = useSyncFailureText();
  const date = useDateFormat();
  const relative = useRelativeTime();
  const q = useCatalogQuery('catalog.status', {});
  const syncing = useSession((s) => s.syncing);
  const syncNow = useSession((s) => s.syncNow);
  const isAdmin = useSession((s) => s.session?.platformRoles.includes('admin') === true);
  const { run, busy } = useAction();
  const { ask, dialog } = useConfirm();
  const status = q.data;

  const sync = async () => {
    const r = await syncNow();
    if (!r.ok) notify({ color: 'orange', ...failureText(r, status?.catalog?.store?.kind === 's3') });
    else notifyDone(t('sync.done'));
  };

  return (
    <Stack gap="md">
      <QueryError error={q.error} />
      {status && (
        <Card padding="lg">
          <Group justify="space-between" mb="sm">
            <Title order={2} fz="md">
              {status.catalog?.name ?? t('catalog.unnamed')}
            </Title>
            <Button leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void sync()} loading={syncing}>
              {t('sync.now')}
            </Button>
          </Group>
          <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={6} fz="sm">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={200}>{t('catalog.location')}</Table.Th>
                <Table.Td>
                  {status.catalog?.store ? (
                    <>
                      <StoreLocationText store={status.catalog.store} />
                      {status.catalog.store.kind === 's3' && <S3StoreCheck store={status.catalog.store} />}
                    </>
                  ) : (
                    t('catalog.noStore')
                  )}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('catalog.syncState')}</Table.Th>
                <Table.Td>
                  {status.sync.state === 'synced' && status.sync.pending > 0
                    ? t('sync.pending', { count: status.sync.pending })
                    : t(`catalog.states.${status.sync.state}`)}
                  {status.sync.message && (
                    <Text fz="xs" c="orange">
                      {say(status.sync.say, status.sync.message)}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('catalog.lastSync')}</Table.Th>
                <Table.Td>{status.sync.lastSyncAt ? `${relative(status.sync.lastSyncAt)} (${date(status.sync.lastSyncAt, true)})` : t('sync.never')}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('catalog.events')}</Table.Th>
                <Table.Td>{t('catalog.eventCounts', { events: status.events, refused: status.refused, superseded: status.superseded })}</Table.Td>
              </Table.Tr>
              {status.catalog && (
                <Table.Tr>
                  <Table.Th>{t('catalog.created')}</Table.Th>
                  <Table.Td>{date(status.catalog.createdAt, true)}</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {status?.catalog && isAdmin && (
        <Card padding="lg" data-testid="catalog-rules">
          <Title order={2} fz="md" mb="sm">
            {t('catalog.rules')}
          </Title>
          <Switch
            checked={status.catalog.infoReview === true}
            disabled={busy}
            onChange={(e) => void run('catalog.setPolicy', { infoReview: e.currentTarget.checked })}
            label={t('catalog.infoReview')}
            description={t('catalog.infoReviewHint')}
            data-testid="info-review-switch"
          />
        </Card>
      )}
      <SimpleGrid cols={2} spacing="md">
        <CatalogFileCard
          title={t('catalog.exportTitle')}
          text={t('catalog.exportText')}
          icon={<IconDownload size={16} aria-hidden />}
          action={t('catalog.export')}
          busy={busy}
          onRun={(path) =>
            run('catalog.export', { path }).then((r) => r && notifyDone(t('catalog.exported', { events: r.events, blobs: r.blobs })))
          }
        />
        <CatalogFileCard
          title={t('catalog.importTitle')}
          text={t('catalog.importText')}
          icon={<IconUpload size={16} aria-hidden />}
          action={t('catalog.import')}
          busy={busy}
          onRun={(path) => run('catalog.import', { path }).then((r) => r && notifyDone(t('catalog.imported', { count: r.newEvents })))}
        />
      </SimpleGrid>
      <Group>
        <Button
          variant="subtle"
          color="red"
          leftSection={<IconPlugConnectedX size={16} aria-hidden />}
          onClick={() =>
            ask({
              title: t('catalog.disconnectTitle'),
              body: t('catalog.disconnectBody'),
              confirm: t('catalog.disconnect'),
              danger: true,
              onConfirm: () => void run('catalog.disconnect', {}),
            })
          }
        >
          {t('catalog.disconnect')}
        </Button>
      </Group>
      {dialog}
    </Stack>
  );
}

/** Moving the catalog by file for offline work: one path, one action (export or import). */
export function CatalogFileCard(props: {
  title: string;
  text: string;
  icon: ReactNode;
  action: string;
  busy: boolean;
  onRun: (path: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [path, setPath] = useState('');
  return (
    <Card padding="lg">
      <Title order={3} fz="sm" mb={4}>
        {props.title}
      </Title>
      <Text fz="xs" c="dimmed" mb="sm">
        {props.text}
      </Text>
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          label={t('welcome.file')}
          placeholder="/media/usb/catalog.berth"
          value={path}
          onChange={(e) => setPath(e.currentTarget.value)}
        />
        <Button variant="default" leftSection={props.icon} disabled={!path.trim()} loading={props.busy} onClick={() => void props.onRun(path.trim())}>
          {props.action}
        </Button>
      </Group>
    </Card>
  );
}
