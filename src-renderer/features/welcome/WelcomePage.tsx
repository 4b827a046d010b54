import { Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconAnchor, IconFolderPlus, IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreLocation } from '../../../shared/types/catalog';
import { useSession } from '../../app/session';
import { PageBody } from '../../components/PageBody';
import { useAction } from '../../components/useAction';

/** First run: name yourself, then create a shared catalog or join one. */
export function WelcomePage() {
  const { t } = useTranslation();
  const session = useSession((s) => s.session);
  const { run, busy } = useAction();
  const [displayName, setDisplayName] = useState(session?.identity.displayName ?? '');
  const [catalogName, setCatalogName] = useState('');
  const [createPath, setCreatePath] = useState('');
  const [joinPath, setJoinPath] = useState('');
  const [joinKind, setJoinKind] = useState<StoreLocation['kind']>('folder');

  const saveName = async () => {
    const name = displayName.trim();
    if (name && name !== session?.identity.displayName) await run('identity.rename', { displayName: name });
  };

  const create = async () => {
    await saveName();
    const r = await run('catalog.init', { name: catalogName.trim(), store: { kind: 'folder', path: createPath.trim() } }, { success: t('welcome.created') });
    if (r) await useSession.getState().refresh();
  };

  const join = async () => {
    await saveName();
    const r = await run('catalog.connect', { store: { kind: joinKind, path: joinPath.trim() } }, { success: t('welcome.joined') });
    if (r) await useSession.getState().syncNow();
  };

  return (
    <PageBody>
      <Stack align="center" gap="xs" mb="xl" mt="md" ta="center">
        <ThemeIcon size={64} radius="xl" variant="light" aria-hidden>
          <IconAnchor size={36} />
        </ThemeIcon>
        <Title order={1} fz={28}>
          {t('welcome.title')}
        </Title>
        <Text c="dimmed" maw={620}>
          {t('welcome.intro')}
        </Text>
      </Stack>
      <Card padding="lg" maw={880} mx="auto" mb="lg">
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label={t('welcome.yourName')}
            description={t('welcome.yourNameHint', { id: session?.identity.shortId ?? '' })}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            maxLength={80}
          />
          <Button variant="default" onClick={() => void saveName()} disabled={!displayName.trim() || displayName.trim() === session?.identity.displayName}>
            {t('common.save')}
          </Button>
        </Group>
      </Card>
      <SimpleGrid cols={2} spacing="lg" maw={880} mx="auto">
        <Card padding="lg">
          <Stack gap="md" h="100%">
            <Group gap="sm" wrap="nowrap">
              <ThemeIcon variant="light" size="lg" aria-hidden>
                <IconFolderPlus size={20} />
              </ThemeIcon>
              <Title order={2} fz="lg">
                {t('welcome.createTitle')}
              </Title>
            </Group>
            <Text fz="sm" c="dimmed">
              {t('welcome.createText')}
            </Text>
            <TextInput label={t('welcome.catalogName')} placeholder={t('welcome.catalogNameExample')} value={catalogName} onChange={(e) => setCatalogName(e.currentTarget.value)} required />
            <TextInput
              label={t('welcome.folder')}
              description={t('welcome.folderHint')}
              placeholder="/srv/share/berth-catalog"
              value={createPath}
              onChange={(e) => setCreatePath(e.currentTarget.value)}
              required
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <Button mt="auto" onClick={() => void create()} loading={busy} disabled={!catalogName.trim() || !createPath.trim()} data-testid="create-catalog">
              {t('welcome.create')}
            </Button>
          </Stack>
        </Card>
        <Card padding="lg">
          <Stack gap="md" h="100%">
            <Group gap="sm" wrap="nowrap">
              <ThemeIcon variant="light" size="lg" aria-hidden>
                <IconPlugConnected size={20} />
              </ThemeIcon>
              <Title order={2} fz="lg">
                {t('welcome.joinTitle')}
              </Title>
            </Group>
            <Text fz="sm" c="dimmed">
              {t('welcome.joinText')}
            </Text>
            <SegmentedControl
              aria-label={t('welcome.storeKind')}
              value={joinKind}
              onChange={(v) => setJoinKind(v as StoreLocation['kind'])}
              data={[
                { value: 'folder', label: t('welcome.kinds.folder') },
                { value: 'file', label: t('welcome.kinds.file') },
              ]}
            />
            <TextInput
              label={joinKind === 'folder' ? t('welcome.folder') : t('welcome.file')}
              placeholder={joinKind === 'folder' ? '/srv/share/berth-catalog' : '/media/usb/catalog.berth'}
              value={joinPath}
              onChange={(e) => setJoinPath(e.currentTarget.value)}
              required
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <Button mt="auto" variant="light" onClick={() => void join()} loading={busy} disabled={!joinPath.trim()} data-testid="join-catalog">
              {t('welcome.join')}
            </Button>
          </Stack>
        </Card>
      </SimpleGrid>
    </PageBody>
  );
}
