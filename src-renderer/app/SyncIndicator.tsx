import { Button, Loader, Tooltip } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { notify } from '../components/notify';
import { IconAlertTriangle, IconCloudCheck, IconCloudOff, IconCloudUpload } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRelativeTime } from '../components/format';
import { useSession } from './session';
import { useSayText } from '../components/sentence';
import { useSyncFailureText } from '../components/sync-failure';

/** How often Berth syncs by itself while the catalog is connected and the machine is online. */
export const AUTO_SYNC_MS = 60_000;

export function SyncIndicator() {
  const { t } = useTranslation();
  const connected = useSession((s) => s.session?.connected ?? false);
  const s3 = useSession((s) => s.session?.catalog?.store?.kind === 's3');
  const sync = useSession((s) => s.sync);
  const syncing = useSession((s) => s.syncing);
  const syncNow = useSession((s) => s.syncNow);
  const relative = useRelativeTime();
  const say = useSayText();
  const failureText = useSyncFailureText();

  // what a sync found wrong in the store is said at once, automatic sync or not
  const noticeFindings = (r: Awaited<ReturnType<typeof syncNow>>) => {
    if (r.ok && r.findings > 0)
      notify({
        color: 'orange',
        title: t('sync.findingsTitle'),
        message: t('sync.findings', { count: r.findings, repaired: r.repaired }),
        autoClose: 15000,
      });
  };
  const auto = useInterval(() => {
    if (navigator.onLine) void syncNow().then(noticeFindings);
  }, AUTO_SYNC_MS);
  useEffect(() => {
    if (!connected) return;
    auto.start();
    const online = () => void syncNow();
    window.addEventListener('online', online);
    return () => {
      auto.stop();
      window.removeEventListener('online', online);
    };
  }, [connected]);

  if (!connected) return null;

  const run = async () => {
    const r = await syncNow();
    noticeFindings(r);
    if (!r.ok) notify({ color: 'orange', ...failureText(r, s3), autoClose: 10000 });
  };

  const state = syncing ? 'syncing' : sync.state;
  const { icon, color, label } = (() => {
    if (state === 'syncing') return { icon: <Loader size={14} />, color: 'gray', label: t('sync.syncing') };
    if (state === 'offline') return { icon: <IconCloudOff size={18} />, color: 'orange', label: t('sync.offline') };
    if (state === 'error') return { icon: <IconAlertTriangle size={18} />, color: 'red', label: t('sync.error') };
    if (state === 'read-only') return { icon: <IconCloudOff size={18} />, color: 'orange', label: t('sync.readOnly') };
    if (sync.pending > 0) return { icon: <IconCloudUpload size={18} />, color: 'blue', label: t('sync.pending', { count: sync.pending }) };
    return { icon: <IconCloudCheck size={18} />, color: 'teal', label: t('sync.synced') };
  })();

  const tip = [
    sync.lastSyncAt ? t('sync.lastSync', { when: relative(sync.lastSyncAt) }) : t('sync.never'),
    sync.message && say(sync.say, sync.message),
    t('sync.clickToSync'),
  ]
    .filter(Boolean)
    .join(t('sync.tipSeparator'));

  return (
    <Tooltip label={tip} multiline maw={320}>
      <Button
        variant="light"
        color={color}
        size="sm"
        radius="xl"
        leftSection={icon}
        onClick={() => void run()}
        disabled={syncing}
        aria-label={t('sync.labelWithAction', { label })}
        data-testid="sync-indicator"
        data-sync-state={state}
      >
        {label}
      </Button>
    </Tooltip>
  );
}
