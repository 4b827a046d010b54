import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconQuestionMark, IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProvenanceCheck, ProvenanceStatus } from '../../../shared/types/distribution';
import { useHasRole } from '../../app/session';
import { useCatalogQuery } from '../useCatalogQuery';
import { AttachProvenanceButton } from './AttachProvenanceButton';

const LOOK: Record<ProvenanceStatus, { color: string; icon: ReactNode }> = {
  verified: { color: 'teal', icon: <IconShieldCheck size={14} aria-hidden /> },
  'unknown-signer': { color: 'yellow', icon: <IconQuestionMark size={14} aria-hidden /> },
  'bad-signature': { color: 'red', icon: <IconAlertTriangle size={14} aria-hidden /> },
  'digest-mismatch': { color: 'red', icon: <IconAlertTriangle size={14} aria-hidden /> },
  malformed: { color: 'red', icon: <IconAlertTriangle size={14} aria-hidden /> },
  unsigned: { color: 'gray', icon: <IconShieldOff size={14} aria-hidden /> },
};

/** Who signed it, by name when the key is known, else by key id. */
function signerText(check: ProvenanceCheck): string | undefined {
  const s = check.signer;
  if (!s) return undefined;
  const name = s.userIds[0];
  const id = s.fingerprint ? s.fingerprint.slice(-16) : s.keyId;
  return name ? `${name} (${id})` : id;
}

/**
 * A version's provenance in plain words: verified (signed by a trusted key, package unchanged),
 * signed by a key this person does not trust, tampered, or unsigned. Checked on this machine,
 * against this person's trusted keys (Admin → Distribution).
 */
export function ProvenanceBadge({
  versionId,
  compact,
  ownVersion,
  noAttach,
}: {
  versionId: string;
  /** Badge only; the sentence moves into its tooltip. */ compact?: boolean;
  /** The ISV's own version (My apps): they attach the .prov that came with their chart. */ ownVersion?: boolean;
  /** The store: people browse there; a .prov is attached from My apps or the review page. */ noAttach?: boolean;
}) {
  const { t } = useTranslation();
  const q = useCatalogQuery('provenance.check', { version: versionId });
  // reviewers may attach a .prov the publisher handed them; ISVs attach theirs in My apps
  const isReviewer = useHasRole('reviewer', 'admin');
  const mayAttach = !noAttach && (isReviewer || !!ownVersion);
  if (!q.data) return null;
  const check = q.data;
  const look = LOOK[check.status];
  const signer = signerText(check);
  return (
    <Group gap={8} wrap="nowrap" data-testid="provenance" data-status={check.status}>
      <Tooltip label={check.message} multiline maw={360} withArrow>
        <Badge color={look.color} variant="light" radius="sm" tt="none" leftSection={look.icon} style={{ flexShrink: 0, overflow: 'visible' }}>
          {t(`provenance.status.${check.status}`)}
        </Badge>
      </Tooltip>
      {!compact && (
        <Text fz="xs" c="dimmed" style={{ minWidth: 0 }}>
          {t(`provenance.detail.${check.status}`, { signer: signer ?? '' })}
        </Text>
      )}
      {mayAttach && check.status !== 'verified' && <AttachProvenanceButton versionId={versionId} onAttached={q.reload} />}
    </Group>
  );
}
