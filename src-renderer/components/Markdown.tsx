import { Alert, Text, Typography } from '@mantine/core';
import { IconPhotoOff } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { renderMarkdown } from './markdown';
import classes from './markdown.module.css';

/** Sanitized markdown (README, introduction, changelog). */
/** `hideBlockedNote`: the store's readers can't change the text, so the note for its author is left out there. */
export function Markdown({ source, empty, hideBlockedNote }: { source: string; empty?: string; hideBlockedNote?: boolean }) {
  const { t } = useTranslation();
  const rendered = useMemo(() => renderMarkdown(source), [source]);
  if (!source.trim()) {
    return (
      <Text c="dimmed" fz="sm" fs="italic">
        {empty ?? t('common.nothingWritten')}
      </Text>
    );
  }
  return (
    <>
      {rendered.blockedImages > 0 && !hideBlockedNote && (
        <Alert variant="light" color="gray" icon={<IconPhotoOff size={18} />} mb="sm" p="xs">
          <Text fz="xs">{t('common.remoteImagesBlocked', { count: rendered.blockedImages })}</Text>
        </Alert>
      )}
      {/* the chart's or the ISV's own words, in their language: marked so language checks skip them */}
      <Typography className={classes.markdown} data-content="user">
        <div dangerouslySetInnerHTML={{ __html: rendered.html }} />
      </Typography>
    </>
  );
}
