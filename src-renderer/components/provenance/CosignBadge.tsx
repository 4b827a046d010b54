import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconQuestionMark, IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CosignCheck } from '../../../shared/types/distribution';
import { useCatalogQuery } from '../useCatalogQuery';

const LOOK: Record<CosignCheck['status'], { color: string; icon: ReactNode }> = {
  verified: { color: 'teal', icon: <IconShieldCheck size={14} aria-hidden /> },
  'unknown-signer': { color: 'yellow', icon: <IconQuestionMark size={14} aria-hidden /> },
  'digest-mismatch': { color: 'red', icon: <IconAlertTriangle size={14} aria-hidden /> },
  unsigned: { color: 'gray', icon: <IconShieldOff size={14} aria-hidden /> },
};

/** The cosign result of a check, as the .prov badge shows its own. */
export function CosignResult({ check, compact }: { check: CosignCheck & { checkedAt?: string }; compact?: boolean }) {
  const { t } = useTranslation();
  const look = LOOK[check.status];
  return (
    <Group gap={8} wrap="nowrap" data-testid="cosign" data-status={check.status}>
      <Tooltip label={check.message} multiline maw={360} withArrow>
        <Badge color={look.color} variant="light" radius="sm" tt="none" leftSection={look.icon} style={{ flexShrink: 0, overflow: 'visible' }}>
          {t(`provenance.cosign.status.${check.status}`)}
        </Badge>
      </Tooltip>
      {!compact && (
        <Text fz="xs" c="dimmed" style={{ minWidth: 0 }}>
          {t(`provenance.cosign.detail.${check.status}`, { key: check.keyFingerprint?.slice(0, 16) ?? '' })}
          {check.checkedAt ? ` ${t('provenance.cosign.offline', { date: check.checkedAt.slice(0, 10) })}` : ''}
        </Text>
      )}
    </Group>
  );
}

/**
 * A version's cosign signatures in the OCI registry its chart came from (imported or published
 * there), checked against this person's trusted cosign keys; nothing for charts from elsewhere.
 */
export function CosignBadge({ versionId, compact }: { versionId: string; compact?: boolean }) {
  const q = useCatalogQuery('provenance.cosign.check', { version: versionId });
  if (!q.data) return null;
  return <CosignResult check={q.data} compact={compact} />;
}
