import { Alert, Button, Group, Text } from '@mantine/core';
import { IconBuildingStore, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AppDetail } from '../../../shared/types/catalog';
import { useSession } from '../../app/session';
import { useRelativeTime } from '../../components/format';
import { useAction } from '../../components/useAction';

/**
 * Shown while the store still shows older app information than the ISV's edits: says when the
 * edits would reach the store by themselves (next release or recover) and offers to send them
 * now, as an `app.publishInfo` catalog event.
 */
export function PublishInfoAlert({ appId, locked, request }: { appId: string; locked: boolean; request?: AppDetail['infoRequest'] }) {
  const { t } = useTranslation();
  const relative = useRelativeTime();
  const { run, busy } = useAction();
  // the catalog's admins may want a reviewer to see information before the store shows it
  const reviewed = useSession((s) => s.session?.catalog?.infoReview === true);
  return (
    <Alert icon={<IconInfoCircle size={18} />} variant="light" data-testid="store-copy-outdated">
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Text fz="sm" data-testid="publish-info-note">
          {request
            ? t('myApps.infoWaitsForReviewer', { name: request.by, when: relative(request.at) })
            : reviewed
              ? t('myApps.storeCopyOutdatedReviewed')
              : t('myApps.storeCopyOutdated')}
        </Text>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconBuildingStore size={14} aria-hidden />}
          loading={busy}
          disabled={locked}
          onClick={() => void run('app.publishInfo', { app: appId }, { success: reviewed ? t('myApps.infoSentForReview') : t('myApps.infoPublished') })}
          data-testid="publish-info"
          style={{ flexShrink: 0 }}
        >
          {reviewed ? (request ? t('myApps.askReviewAgain') : t('myApps.askReview')) : t('myApps.publishInfo')}
        </Button>
      </Group>
    </Alert>
  );
}
