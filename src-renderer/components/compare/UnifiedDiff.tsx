import { Group, ScrollArea, Stack, Text } from '@mantine/core';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileComparison } from '../../../shared/types/review-tools';
import '../code.css';
import { AddCommentButton, CommentComposer, diffAnchor, useDiffThreads } from '../comments/LineComments';
import { numberUnifiedDiff } from './diff-lines';
import { ThreadCard } from '../comments/ThreadCard';
import classes from '../comments/comments.module.css';

const LINE_BG = { '+': 'var(--mantine-color-teal-light)', '-': 'var(--mantine-color-red-light)', '@': 'var(--mantine-color-blue-light)' } as const;

/** Where comments on a compared file go: the right-hand version, compared with `base`. */
export interface CompareComments {
  versionId: string;
  base: string;
  of: 'file' | 'manifest';
}

/** A unified diff as text with added, removed and hunk lines tinted; with `comments`, any line can take a thread. */
export function UnifiedDiff({ file, maxHeight = 520, comments }: { file: FileComparison; maxHeight?: number; comments?: CompareComments }) {
  const { t } = useTranslation();
  const path = file.path;
  const threads = useDiffThreads(comments?.versionId ?? '', comments?.base, path, comments?.of ?? 'file');
  const [composing, setComposing] = useState<number>();
  const lines = useMemo(() => (file.diff ? numberUnifiedDiff(file.diff) : []), [file.diff]);
  if (file.change === 'unchanged') return <Text c="dimmed" fz="sm">{t('compare.unchanged')}</Text>;
  if (file.binary || !file.diff) return <Text c="dimmed" fz="sm">{t('compare.binary')}</Text>;
  return (
    <ScrollArea.Autosize mah={maxHeight} type="auto" className="berth-code" aria-label={file.path}>
      <table className="berth-code-table">
        <tbody>
          {lines.map((l, i) => {
            const here = comments && l.at ? threads.at(l.at.side, l.at.line) : [];
            return (
              <Fragment key={i}>
                <tr style={{ background: LINE_BG[l.text[0] as keyof typeof LINE_BG] }} className={here.length ? classes.commented : undefined}>
                  {comments && (
                    <td className={classes.gutter}>
                      {l.at && (
                        <Group gap={0} wrap="nowrap">
                          <AddCommentButton line={l.at.line} onClick={() => setComposing(i)} testId={`add-diff-comment-${l.at.side}-${l.at.line}`} />
                        </Group>
                      )}
                    </td>
                  )}
                  <td className="berth-code-line">{l.text || ' '}</td>
                </tr>
                {comments && l.at && (here.length > 0 || composing === i) && (
                  <tr>
                    <td colSpan={2} className={classes.threadRow}>
                      <Stack gap={6} p={6}>
                        {here.map((th) => (
                          <ThreadCard key={th.id} thread={th} versionId={comments.versionId} compact />
                        ))}
                        {composing === i && (
                          <CommentComposer versionId={comments.versionId} anchor={diffAnchor(comments.of, path, l.at.side, l.at.line, l.text.slice(1), comments.base)} onDone={() => setComposing(undefined)} />
                        )}
                      </Stack>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </ScrollArea.Autosize>
  );
}
