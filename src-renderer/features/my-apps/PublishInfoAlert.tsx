import { Alert, Button, Group, Text } from '@mantine/core';
import { IconBuildingStore, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../components/useAction';

/**
 * Shown while the store still shows older app information than the ISV's edits: says when the
 * edits would reach the store by themselves (next release or recover) and offers to send them
 * now, as an `app.publishInfo` catalog event.
 */
export function PublishInfoAlert({ appId, locked }: { appId: string; locked: boolean }) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  return (
    <Alert icon={<IconInfoCircle size={18} />} variant="light" data-testid="store-copy-outdated">
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Text fz="sm">{t('myApps.storeCopyOutdated')}</Text>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconBuildingStore size={14} aria-hidden />}
          loading={busy}
          disabled={locked}
          onClick={() => void run('app.publishInfo', { app: appId }, { success: t('myApps.infoPublished') })}
          data-testid="publish-info"
          style={{ flexShrink: 0 }}
        >
          {t('myApps.publishInfo')}
        </Button>
      </Group>
    </Alert>
  );
}
