import { Group, ScrollArea, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileComparison } from '../../../shared/types/review-tools';
import '../code.css';
import { diffAnchor, useDiffThreads } from '../comments/LineComments';
import { LineTable } from '../comments/LineTable';
import { numberUnifiedDiff } from './diff-lines';
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
  const lines = useMemo(() => (file.diff ? numberUnifiedDiff(file.diff) : []), [file.diff]);
  if (file.change === 'unchanged') return <Text c="dimmed" fz="sm">{t('compare.unchanged')}</Text>;
  if (file.binary || !file.diff) return <Text c="dimmed" fz="sm">{t('compare.binary')}</Text>;
  return (
    <ScrollArea.Autosize mah={maxHeight} type="auto" className="berth-code" aria-label={file.path}>
      <LineTable
        className="berth-code-table"
        rows={lines}
        versionId={comments?.versionId}
        columns={2}
        threadsAt={(l) => (comments && l.at ? threads.at(l.at.side, l.at.line) : [])}
        rowProps={(l) => ({ style: { background: LINE_BG[l.text[0] as keyof typeof LINE_BG] } })}
        renderCells={({ at, text }, { commentButton }) => (
          <>
            {comments && (
              <td className={classes.gutter}>
                {at && (
                  <Group gap={0} wrap="nowrap">
                    {commentButton({
                      line: at.line,
                      testId: `add-diff-comment-${at.side}-${at.line}`,
                      anchor: () => diffAnchor(comments.of, path, at.side, at.line, text.slice(1), comments.base),
                    })}
                  </Group>
                )}
              </td>
            )}
            <td className="berth-code-line">{text || ' '}</td>
          </>
        )}
      />
    </ScrollArea.Autosize>
  );
}
