import { ActionIcon, Group, Image, Modal, ScrollArea, SimpleGrid, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight, IconZoomIn, IconZoomOut } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlobRef } from '../../shared/types/catalog';
import { BlobImg, useBlobUrl } from './BlobImage';
import classes from './gallery.module.css';

/** Screenshot thumbnails; a click opens a zoomable viewer with previous/next. */
export function ScreenshotGallery({
  shots,
  cols = 3,
  renderExtra,
}: {
  shots: BlobRef[];
  cols?: number;
  renderExtra?: (shot: BlobRef, index: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  if (shots.length === 0) {
    return (
      <Text c="dimmed" fz="sm" fs="italic">
        {t('common.noScreenshots')}
      </Text>
    );
  }
  return (
    <>
      <SimpleGrid cols={cols} spacing="sm">
        {shots.map((s, i) => (
          <div key={s.sha256} className={classes.thumbWrap}>
            <UnstyledButton className={classes.thumb} onClick={() => setOpen(i)} aria-label={t('common.openScreenshot', { n: i + 1 })}>
              <BlobImg blob={s} alt="" h={140} fit="cover" radius="sm" />
            </UnstyledButton>
            {renderExtra?.(s, i)}
          </div>
        ))}
      </SimpleGrid>
      {open !== null && <Viewer shots={shots} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />}
    </>
  );
}

function Viewer({ shots, index, onIndex, onClose }: { shots: BlobRef[]; index: number; onIndex(i: number): void; onClose(): void }) {
  const { t } = useTranslation();
  const [zoomed, setZoomed] = useState(false);
  const { url } = useBlobUrl(shots[index]);
  const go = (delta: number) => {
    setZoomed(false);
    onIndex((index + delta + shots.length) % shots.length);
  };
  useHotkeys([
    ['ArrowLeft', () => go(-1)],
    ['ArrowRight', () => go(1)],
    ['z', () => setZoomed((z) => !z)],
  ]);
  return (
    <Modal
      opened
      onClose={onClose}
      size="90%"
      centered
      title={t('common.screenshotOf', { n: index + 1, total: shots.length })}
      styles={{ body: { paddingBottom: 12 } }}
    >
      <ScrollArea h="70vh" type="auto">
        {url && (
          <Image
            src={url}
            alt={t('common.screenshotOf', { n: index + 1, total: shots.length })}
            fit={zoomed ? undefined : 'contain'}
            h={zoomed ? undefined : '70vh'}
            w={zoomed ? 'auto' : '100%'}
            maw={zoomed ? 'none' : '100%'}
            onClick={() => setZoomed((z) => !z)}
            style={{ cursor: zoomed ? 'zoom-out' : 'zoom-in' }}
          />
        )}
      </ScrollArea>
      <Group justify="center" mt="sm" gap="xs">
        <Tooltip label={t('common.previous')}>
          <ActionIcon variant="default" size="lg" onClick={() => go(-1)} aria-label={t('common.previous')} disabled={shots.length < 2}>
            <IconChevronLeft size={18} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={zoomed ? t('common.fit') : t('common.actualSize')}>
          <ActionIcon variant="default" size="lg" onClick={() => setZoomed((z) => !z)} aria-label={zoomed ? t('common.fit') : t('common.actualSize')}>
            {zoomed ? <IconZoomOut size={18} /> : <IconZoomIn size={18} />}
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('common.next')}>
          <ActionIcon variant="default" size="lg" onClick={() => go(1)} aria-label={t('common.next')} disabled={shots.length < 2}>
            <IconChevronRight size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Modal>
  );
}
