import { Button, Card, CopyButton, Group, Stack, Text, TextInput, Title, Tooltip, ActionIcon } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useAction } from '../../components/useAction';

/** The name others see on this person's actions, and the key that identifies them. */
export function IdentityCard() {
  const { t } = useTranslation();
  const identity = useSession((s) => s.session?.identity);
  const { run, busy } = useAction();
  const [name, setName] = useState(identity?.displayName ?? '');
  useEffect(() => setName(identity?.displayName ?? ''), [identity?.displayName]);
  if (!identity) return null;
  return (
    <Card padding="lg">
      <Title order={2} fz="lg" mb="md">
        {t('identity.title')}
      </Title>
      <Stack gap="md">
        <Group align="flex-end" wrap="nowrap">
          <TextInput style={{ flex: 1 }} label={t('welcome.yourName')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={64} />
          <Button
            variant="default"
            disabled={!name.trim() || name.trim() === identity.displayName}
            loading={busy}
            onClick={() => void run('identity.rename', { displayName: name.trim() }, { success: t('identity.renamed') })}
          >
            {t('common.save')}
          </Button>
        </Group>
        <div>
          <Text fz="sm" fw={550} mb={4}>
            {t('identity.keyTitle')}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Text ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }} data-testid="identity-key">
              {identity.keyId}
            </Text>
            <CopyButton value={identity.keyId}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
                  <ActionIcon variant="subtle" color="gray" onClick={copy} aria-label={t('identity.copyKey')}>
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Text fz="xs" c="dimmed" mt={4}>
            {t('identity.keyHint')}
          </Text>
        </div>
      </Stack>
    </Card>
  );
}
