import { ActionIcon, Alert, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { IconCheck, IconCopy, IconUserQuestion } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';

/** While someone waits for a role, Berth looks for it this often (a folder or bucket read is cheap). */
export const WAITING_SYNC_MS = 5_000;

/**
 * What a newcomer sees after joining until someone gives them a role: the line to send to an
 * admin (it carries the full key, which Admin → Members accepts as pasted) with a copy button,
 * and Berth syncing by itself so the role shows up without a manual sync.
 */
export function InvitationCard() {
  const { t } = useTranslation();
  const session = useSession((s) => s.session);
  const syncNow = useSession((s) => s.syncNow);
  const waiting = !!session?.connected && session.platformRoles.length === 0 && session.workspaces.length === 0;
  const poll = useInterval(() => {
    if (navigator.onLine) void syncNow();
  }, WAITING_SYNC_MS);
  useEffect(() => {
    if (!waiting) return;
    poll.start();
    return poll.stop;
  }, [waiting]);
  if (!waiting || !session) return null;
  const { identity } = session;
  const line = t('invitation.line', { catalog: session.catalog?.name ?? '', name: identity.displayName, key: identity.keyId });
  return (
    <Alert
      variant="light"
      color="blue"
      icon={<IconUserQuestion size={20} aria-hidden />}
      title={t('invitation.title')}
      data-testid="invitation"
      data-short-id={identity.shortId}
    >
      <Stack gap="xs">
        <Text fz="sm">{t('invitation.explain', { short: identity.shortId })}</Text>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Code block style={{ flex: 1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="invitation-line">
            {line}
          </Code>
          <CopyButton value={line} timeout={2000}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t('invitation.copied') : t('invitation.copy')} withArrow>
                <ActionIcon
                  variant="light"
                  size="lg"
                  onClick={copy}
                  aria-label={t('invitation.copy')}
                  data-testid="copy-invitation"
                  data-copied={copied}
                  color={copied ? 'teal' : 'blue'}
                >
                  {copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
        <Text fz="xs" c="dimmed" aria-live="polite">
          {t('invitation.waiting')}
        </Text>
      </Stack>
    </Alert>
  );
}
