import { Button, Card, Group, SimpleGrid, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAnchor, IconFolderPlus, IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreLocation } from '../../../shared/types/catalog';
import type { BerthError } from '../../../shared/result';
import { useSession } from '../../app/session';
import { PageBody } from '../../components/PageBody';
import { useAction } from '../../components/useAction';
import { StoreKindButtons } from './StoreKindButtons';
import { EMPTY_S3_DRAFT, S3PlaceForm, s3Location, saveS3Keys, type S3Draft } from './S3PlaceForm';

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
  const [createKind, setCreateKind] = useState<'folder' | 's3'>('folder');
  const [createS3, setCreateS3] = useState<S3Draft>(EMPTY_S3_DRAFT);
  const [joinS3, setJoinS3] = useState<S3Draft>(EMPTY_S3_DRAFT);

  // a bucket's problems get their own headline (wrong keys, no bucket, no answer)
  const s3Problem = (e: BerthError) => {
    const known = ['distribution.auth-failed', 'distribution.not-found', 'distribution.refused', 'sync.unreachable'];
    const key = known.includes(e.code) ? e.code.replace('.', '_') : 'other';
    notifications.show({ color: 'red', title: t(`s3Place.problems.${key as 'other'}`), message: e.message, autoClose: 10000 });
  };

  /** Saves typed S3 keys first; false when that failed (already said). */
  const keysReady = async (draft: S3Draft) => {
    const failed = await saveS3Keys(draft);
    if (failed) notifications.show({ color: 'red', title: t('s3Place.problems.other'), message: failed });
    return !failed;
  };

  const saveName = async () => {
    const name = displayName.trim();
    if (name && name !== session?.identity.displayName) await run('identity.rename', { displayName: name });
  };

  const create = async () => {
    await saveName();
    if (createKind === 's3' && !(await keysReady(createS3))) return;
    const store: StoreLocation = createKind === 's3' ? s3Location(createS3) : { kind: 'folder', path: createPath.trim() };
    const r = await run(
      'catalog.init',
      { name: catalogName.trim(), store },
      { success: t('welcome.created'), ...(createKind === 's3' ? { onError: s3Problem } : {}) },
    );
    if (r) await useSession.getState().refresh();
  };

  const join = async () => {
    await saveName();
    if (joinKind === 's3' && !(await keysReady(joinS3))) return;
    const store: StoreLocation = joinKind === 's3' ? s3Location(joinS3) : { kind: joinKind, path: joinPath.trim() };
    const r = await run('catalog.connect', { store }, { success: t('welcome.joined'), ...(joinKind === 's3' ? { onError: s3Problem } : {}) });
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
        <Card padding="lg" data-testid="create-card">
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
            <TextInput
              label={t('welcome.catalogName')}
              placeholder={t('welcome.catalogNameExample')}
              value={catalogName}
              onChange={(e) => setCatalogName(e.currentTarget.value)}
              required
            />
            <StoreKindButtons kinds={['folder', 's3'] as const} value={createKind} onChange={setCreateKind} />
            {createKind === 's3' ? (
              <S3PlaceForm draft={createS3} onChange={setCreateS3} testId="create-s3" />
            ) : (
              <TextInput
                label={t('welcome.folder')}
                description={t('welcome.folderHint')}
                placeholder="/srv/share/berth-catalog"
                value={createPath}
                onChange={(e) => setCreatePath(e.currentTarget.value)}
                required
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
            )}
            <Button
              mt="auto"
              onClick={() => void create()}
              loading={busy}
              disabled={!catalogName.trim() || (createKind === 's3' ? !createS3.bucket.trim() : !createPath.trim())}
              data-testid="create-catalog"
            >
              {t('welcome.create')}
            </Button>
          </Stack>
        </Card>
        <Card padding="lg" data-testid="join-card">
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
            <StoreKindButtons kinds={['folder', 'file', 's3'] as const} value={joinKind} onChange={setJoinKind} />
            {joinKind === 's3' ? (
              <S3PlaceForm draft={joinS3} onChange={setJoinS3} testId="join-s3" />
            ) : (
              <TextInput
                label={joinKind === 'folder' ? t('welcome.folder') : t('welcome.file')}
                placeholder={joinKind === 'folder' ? '/srv/share/berth-catalog' : '/media/usb/catalog.berth'}
                value={joinPath}
                onChange={(e) => setJoinPath(e.currentTarget.value)}
                required
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
            )}
            <Button
              mt="auto"
              variant="light"
              onClick={() => void join()}
              loading={busy}
              disabled={joinKind === 's3' ? !joinS3.bucket.trim() : !joinPath.trim()}
              data-testid="join-catalog"
            >
              {t('welcome.join')}
            </Button>
          </Stack>
        </Card>
      </SimpleGrid>
    </PageBody>
  );
}
