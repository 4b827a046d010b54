import { Badge, Button, Card, Checkbox, Group, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, PlatformRole } from '../../../shared/types/catalog';
import { useSession } from '../../app/session';
import { useErrorText } from '../../components/errors';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { useCatalogQuery } from '../../components/useCatalogQuery';

const ROLES: PlatformRole[] = ['reviewer', 'admin'];
/** A full key anywhere in the text (a pasted invitation line), or a short id of 8+ hex characters. */
const FULL_KEY = /[0-9a-f]{64}/i;
const SHORT_ID = /^[0-9a-f]{8,63}$/i;

/** People in the catalog and their platform roles; roles can be given before someone has joined. */
export function MembersPanel() {
  const { t } = useTranslation();
  const q = useCatalogQuery('member.list', {});
  const me = useSession((s) => s.session?.identity.keyId);
  const { run, busy } = useAction();
  const [key, setKey] = useState('');
  const [role, setRole] = useState<PlatformRole>('reviewer');
  const [keyError, setKeyError] = useState<string | null>(null);
  const errorText = useErrorText();
  const validKey = FULL_KEY.test(key) || SHORT_ID.test(key.trim());

  const grantByKey = async () => {
    // the main side resolves a short id among the members, or refuses an ambiguous one with a sentence
    const r = await run('member.grant', { member: key.trim(), role }, { success: t('members.added'), onError: (e) => setKeyError(errorText(e).message) });
    if (!r) return;
    setKey('');
    // the newcomer waits for this role: send it now rather than at the next automatic sync
    void useSession.getState().syncNow();
  };

  const toggle = (m: Member, r: PlatformRole, on: boolean) =>
    void run(
      on ? 'member.grant' : 'member.revoke',
      { member: m.keyId, role: r },
      { success: t(on ? 'members.granted' : 'members.revoked', { name: m.displayName || m.shortId, role: t(`roles.${r}`) }) },
    );

  return (
    <Stack gap="md">
      <QueryError error={q.error} />
      <Card padding={0}>
        <Table verticalSpacing="sm" horizontalSpacing="lg" data-testid="members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('members.columns.person')}</Table.Th>
              <Table.Th>{t('members.columns.key')}</Table.Th>
              {ROLES.map((r) => (
                <Table.Th key={r} ta="center" w={110}>
                  {t(`roles.${r}`)}
                </Table.Th>
              ))}
              <Table.Th>{t('members.columns.workspaces')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(q.data ?? []).map((m) => (
              <Table.Tr key={m.keyId} data-member={m.displayName}>
                <Table.Td>
                  <Group gap="xs">
                    <Text fz="sm" fw={550}>
                      {m.displayName || t('members.notJoined')}
                    </Text>
                    {m.keyId === me && (
                      <Badge size="xs" variant="light">
                        {t('members.you')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Tooltip label={m.keyId}>
                    <Text ff="monospace" fz="xs">
                      {m.shortId}
                    </Text>
                  </Tooltip>
                </Table.Td>
                {ROLES.map((r) => (
                  <Table.Td key={r}>
                    <Group justify="center">
                      <Checkbox
                        checked={m.platformRoles.includes(r)}
                        onChange={(e) => toggle(m, r, e.currentTarget.checked)}
                        disabled={busy}
                        aria-label={t('members.roleFor', { role: t(`roles.${r}`), name: m.displayName || m.shortId })}
                      />
                    </Group>
                  </Table.Td>
                ))}
                <Table.Td>
                  <Group gap={4}>
                    {m.workspaces.length === 0 && (
                      <Text fz="xs" c="dimmed">
                        —
                      </Text>
                    )}
                    {m.workspaces.map((w) => (
                      <Badge key={w.workspace} size="sm" variant="outline" color="gray" tt="none">
                        {w.workspaceName} · {t(`roles.${w.role}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card padding="md">
        <Text fw={600} fz="sm" mb={4}>
          {t('members.addTitle')}
        </Text>
        <Text fz="xs" c="dimmed" mb="sm">
          {t('members.addHint')}
        </Text>
        <Group align="flex-start">
          <TextInput
            style={{ flex: 1 }}
            label={t('members.keyLabel')}
            value={key}
            onChange={(e) => {
              setKey(e.currentTarget.value);
              setKeyError(null);
            }}
            error={keyError ?? (key.trim() && !validKey ? t('members.keyInvalid') : undefined)}
            data-testid="grant-key"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <Select
            label={t('members.role')}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={role}
            onChange={(v) => v && setRole(v as PlatformRole)}
            allowDeselect={false}
            w={160}
          />
          <Button
            mt={25}
            leftSection={<IconUserPlus size={16} aria-hidden />}
            disabled={!validKey}
            loading={busy}
            onClick={() => void grantByKey()}
            data-testid="grant-by-key"
          >
            {t('members.grant')}
          </Button>
        </Group>
      </Card>
    </Stack>
  );
}
