import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReleaseStatus } from '../../../shared/types/deploy';

const STATUS_COLOR: Record<ReleaseStatus, string> = {
  deployed: 'teal',
  failed: 'red',
  'pending-install': 'yellow',
  'pending-upgrade': 'yellow',
  'pending-rollback': 'yellow',
  uninstalling: 'orange',
  uninstalled: 'gray',
  superseded: 'gray',
  unknown: 'gray',
};

/** A Helm release status (`helm list` words) in the person's language. */
export function ReleaseStatusBadge({ status }: { status: ReleaseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" radius="sm" tt="none" data-testid="release-status" data-status={status}>
      {t(`instances.status.${status}`)}
    </Badge>
  );
}
