import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconAnchor, IconFolderPlus, IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreLocation } from '../../../shared/types/catalog';
import type { BerthError } from '../../../shared/result';
import { useSession } from '../../app/session';
import { PageBody } from '../../components/PageBody';
import { useErrorText } from '../../components/errors';
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
  // a failed create or join is said in its own card, under the place that caused it
  const [createProblem, setCreateProblem] = useState<Problem>();
  const [joinProblem, setJoinProblem] = useState<Problem>();
  const problemOf = (kind: StoreLocation['kind'], error: BerthError): Problem => ({ kind, error });

  /** Saves typed S3 keys first; false when that failed (already said). */
  const keysReady = async (draft: S3Draft, say: (p: Problem) => void) => {
    const failed = await saveS3Keys(draft);
    if (failed) say({ kind: 's3', error: failed });
    return !failed;
  };

  const saveName = async () => {
    const name = displayName.trim();
    if (name && name !== session?.identity.displayName) await run('identity.rename', { displayName: name });
  };

  const create = async () => {
    await saveName();
    if (createKind === 's3' && !(await keysReady(createS3, setCreateProblem))) return;
    const store: StoreLocation = createKind === 's3' ? s3Location(createS3) : { kind: 'folder', path: createPath.trim() };
    setCreateProblem(undefined);
    const r = await run(
      'catalog.init',
      { name: catalogName.trim(), store },
      { success: t('welcome.created'), onError: (e) => setCreateProblem(problemOf(createKind, e)) },
    );
    if (r) await useSession.getState().refresh();
  };

  const join = async () => {
    await saveName();
    if (joinKind === 's3' && !(await keysReady(joinS3, setJoinProblem))) return;
    const store: StoreLocation = joinKind === 's3' ? s3Location(joinS3) : { kind: joinKind, path: joinPath.trim() };
    setJoinProblem(undefined);
    const r = await run('catalog.connect', { store }, { success: t('welcome.joined'), onError: (e) => setJoinProblem(problemOf(joinKind, e)) });
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
                onChange={(e) => {
                  setCreatePath(e.currentTarget.value);
                  setCreateProblem(undefined);
                }}
                required
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
            )}
            {createProblem && <ProblemAlert problem={createProblem} testId="create-problem" />}
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
                onChange={(e) => {
                  setJoinPath(e.currentTarget.value);
                  setJoinProblem(undefined);
                }}
                required
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
            )}
            {joinProblem && <ProblemAlert problem={joinProblem} testId="join-problem" />}
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

type Problem = { kind: StoreLocation['kind']; error: BerthError };

const S3_PROBLEMS = ['distribution.auth-failed', 'distribution.not-found', 'distribution.refused', 'sync.unreachable'];

/** A failed create or join, said in the reader's current language; a bucket's problems get their own headline (wrong keys, no bucket, no answer). */
function ProblemAlert({ problem, testId }: { problem: Problem; testId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const text = errorText(problem.error);
  const s3Key = S3_PROBLEMS.includes(problem.error.code) ? problem.error.code.replace('.', '_') : 'other';
  const title = problem.kind === 's3' ? t(`s3Place.problems.${s3Key as 'other'}`) : text.title;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={title} data-testid={testId} role="alert">
      <Text fz="sm">{text.message}</Text>
    </Alert>
  );
}
