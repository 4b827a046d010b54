import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppState, VersionState } from '../../shared/types/catalog';

const COLORS: Record<VersionState | AppState, string> = {
  draft: 'gray',
  submitted: 'yellow',
  passed: 'cyan',
  rejected: 'red',
  active: 'teal',
  suspended: 'orange',
  deleted: 'dark',
};

/** A version's or app's lifecycle state, in the words of the store. */
export function StateBadge({ state, kind = 'version', ...props }: { state: VersionState | AppState; kind?: 'version' | 'app' } & BadgeProps) {
  const { t } = useTranslation();
  return (
    // never cut to "Reje…": the badge keeps its label's width however narrow the column
    <Badge color={COLORS[state]} variant="light" radius="sm" tt="none" data-state={state} miw="max-content" style={{ flexShrink: 0 }} {...props}>
      {kind === 'app' ? t(`appStates.${state as AppState}`) : t(`versionStates.${state as VersionState}`)}
    </Badge>
  );
}
