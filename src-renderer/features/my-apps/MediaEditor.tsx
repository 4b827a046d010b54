import { ActionIcon, Button, FileButton, Group, Progress, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconPhotoPlus, IconTrash, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppDetail } from '../../../shared/types/catalog';
import { AppIcon } from '../../components/BlobImage';
import { fileToBase64 } from '../../components/files';
import { ScreenshotGallery } from '../../components/ScreenshotGallery';
import { useAction } from '../../components/useAction';
import { checkImage, ICON_TYPES, MAX_SCREENSHOTS, SCREENSHOT_TYPES, type FileProblem } from './limits';
import type { BerthError } from '../../../shared/result';
import { useErrorText } from '../../components/errors';

/** Icon and screenshots, checked for type, size and count before anything is uploaded. */
export function MediaEditor({ app, disabled }: { app: AppDetail; disabled?: boolean }) {
  const { t } = useTranslation();
  const { run } = useAction();
  const errorText = useErrorText();
  // what went wrong, not its wording: said in the page's language when it shows
  const [problem, setProblem] = useState<MediaProblem | undefined>();
  const [uploading, setUploading] = useState<{ done: number; total: number } | null>(null);
  const shots = app.info.screenshots;

  const describe = (p: FileProblem, file: File): MediaProblem => ({ kind: 'file', problem: p, file: file.name });
  const say = (p: MediaProblem) =>
    p.kind === 'file'
      ? t(`media.problems.${p.problem.key}`, { file: p.file, limit: p.problem.limit ?? '' })
      : p.kind === 'error'
        ? errorText(p.error).message
        : t('media.problems.leftOut', { count: p.count, added: p.added, max: MAX_SCREENSHOTS });

  const uploadIcon = async (file: File | null) => {
    if (!file) return;
    const p = checkImage(file, 'icon');
    if (p) return setProblem(describe(p, file));
    setProblem(undefined);
    setUploading({ done: 0, total: 1 });
    // the catalog's refusals (say, too many pixels) are said where the browser's own checks are, not as a toast
    const onError = (error: BerthError) => setProblem({ kind: 'error', error });
    await run('app.setIcon', { app: app.id, image: await fileToBase64(file) }, { success: t('media.iconSaved'), onError });
    setUploading(null);
  };

  const uploadShots = async (files: File[]) => {
    if (files.length === 0) return;
    // take what fits and say what was left out, rather than refusing the whole choice
    const room = Math.max(0, MAX_SCREENSHOTS - shots.length);
    const taken = files.slice(0, room);
    const leftOut = files.length - taken.length;
    for (const [i, f] of taken.entries()) {
      const p = checkImage(f, 'screenshot', shots.length + i);
      if (p) return setProblem(describe(p, f));
    }
    if (taken.length === 0) return setProblem(describe({ key: 'tooMany', limit: String(MAX_SCREENSHOTS) }, files[0]));
    setProblem(undefined);
    setUploading({ done: 0, total: taken.length });
    for (const [i, f] of taken.entries()) {
      const ok = await run('app.addScreenshot', { app: app.id, image: await fileToBase64(f) }, { onError: (error) => setProblem({ kind: 'error', error }) });
      setUploading({ done: i + 1, total: taken.length });
      if (!ok) break;
    }
    setUploading(null);
    if (leftOut > 0) setProblem({ kind: 'leftOut', count: leftOut, added: taken.length });
  };

  return (
    <Stack gap="lg">
      <div>
        <Title order={2} fz="md" mb="xs">
          {t('media.icon')}
        </Title>
        <Group gap="md" wrap="nowrap">
          <AppIcon icon={app.info.icon} name={app.chartName} size={72} />
          <Stack gap={6}>
            <Group gap="xs">
              <FileButton onChange={(f) => void uploadIcon(f)} accept={ICON_TYPES.join(',')} disabled={disabled}>
                {(props) => (
                  <Button
                    {...props}
                    variant="default"
                    size="xs"
                    leftSection={<IconUpload size={14} aria-hidden />}
                    disabled={disabled}
                    data-testid="upload-icon"
                  >
                    {app.info.icon ? t('media.replaceIcon') : t('media.uploadIcon')}
                  </Button>
                )}
              </FileButton>
              {app.info.icon && (
                <Button variant="subtle" color="red" size="xs" disabled={disabled} onClick={() => void run('app.setIcon', { app: app.id, image: null })}>
                  {t('media.removeIcon')}
                </Button>
              )}
            </Group>
            <Text fz="xs" c="dimmed">
              {t('media.iconHint')}
            </Text>
          </Stack>
        </Group>
      </div>
      <div>
        <Group justify="space-between" mb="xs">
          <Title order={2} fz="md">
            {t('media.screenshots', { count: shots.length, max: MAX_SCREENSHOTS })}
          </Title>
          <FileButton onChange={(f) => void uploadShots(f)} accept={SCREENSHOT_TYPES.join(',')} multiple disabled={disabled || shots.length >= MAX_SCREENSHOTS}>
            {(props) => (
              <Button
                {...props}
                variant="default"
                size="xs"
                leftSection={<IconPhotoPlus size={14} aria-hidden />}
                disabled={disabled || shots.length >= MAX_SCREENSHOTS}
                data-testid="upload-screenshot"
              >
                {t('media.addScreenshots')}
              </Button>
            )}
          </FileButton>
        </Group>
        <Text fz="xs" c="dimmed" mb="sm">
          {t('media.screenshotHint', { max: MAX_SCREENSHOTS })}
        </Text>
        <ScreenshotGallery
          shots={shots}
          cols={2}
          renderExtra={(s, i) => (
            <Tooltip label={t('media.removeScreenshot', { n: i + 1 })}>
              <ActionIcon
                variant="filled"
                color="red"
                size="sm"
                pos="absolute"
                top={8}
                right={8}
                disabled={disabled}
                aria-label={t('media.removeScreenshot', { n: i + 1 })}
                onClick={() => void run('app.removeScreenshot', { app: app.id, sha256: s.sha256 })}
              >
                <IconTrash size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        />
      </div>
      {uploading && (
        <Stack gap={4} aria-live="polite">
          <Text fz="xs">{t('media.uploading', { done: uploading.done, total: uploading.total })}</Text>
          <Progress value={(uploading.done / uploading.total) * 100} animated />
        </Stack>
      )}
      {problem && (
        <Text c="red" fz="sm" role="alert" data-testid="media-problem">
          {say(problem)}
        </Text>
      )}
    </Stack>
  );
}

type MediaProblem =
  | { kind: 'file'; problem: FileProblem; file: string }
  | { kind: 'error'; error: BerthError }
  | { kind: 'leftOut'; count: number; added: number };
