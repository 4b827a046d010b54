import { Group, Stack, Text } from '@mantine/core';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AddCommentButton, CommentComposer, diffAnchor, useDiffThreads, type DiffSide } from '../../components/comments/LineComments';
import { ThreadCard } from '../../components/comments/ThreadCard';
import { sideBySide, type DiffCell } from './side-by-side';
import classes from './review.module.css';

/** Where comments on this diff go: the newer version, the version it is compared with, and the file. */
export interface DiffComments {
  versionId: string;
  base?: string;
  path: string;
  of: 'file' | 'manifest';
}

/** Two versions of one file next to each other, changes highlighted, unchanged stretches folded; any line can take a comment. */
export function DiffView({ before, after, label, comments }: { before: string; after: string; label: string; comments?: DiffComments }) {
  const { t } = useTranslation();
  const rows = useMemo(() => sideBySide(before, after), [before, after]);
  const threads = useDiffThreads(comments?.versionId ?? '', comments?.base, comments?.path ?? '', comments?.of ?? 'file');
  const [composing, setComposing] = useState<{ side: DiffSide; cell: DiffCell }>();
  if (before === after) {
    return (
      <Text c="dimmed" fz="sm" p="md">
        {t('review.diff.noChanges')}
      </Text>
    );
  }
  const lineNumber = (side: DiffSide, cell: DiffCell | undefined) => (
    <td className={classes.ln}>
      {cell && (
        <Group gap={2} justify="flex-end" wrap="nowrap">
          {comments && <AddCommentButton line={cell.n} onClick={() => setComposing({ side, cell })} testId={`add-diff-comment-${side}-${cell.n}`} />}
          {cell.n}
        </Group>
      )}
    </td>
  );
  return (
    <div className={classes.diffScroll} tabIndex={0} aria-label={label} role="region">
      <table className={classes.diff}>
        <colgroup>
          <col style={{ width: comments ? 64 : 44 }} />
          <col />
          <col style={{ width: comments ? 64 : 44 }} />
          <col />
        </colgroup>
        <tbody>
          {rows.map((row, i) => {
            if (row.kind === 'gap') {
              return (
                <tr key={i} className={classes.gap}>
                  <td colSpan={4}>{t('review.diff.unchangedLines', { count: row.hidden })}</td>
                </tr>
              );
            }
            const here = comments ? [...(row.left ? threads.at('old', row.left.n) : []), ...(row.right ? threads.at('new', row.right.n) : [])] : [];
            const composingHere = composing && ((composing.side === 'old' && composing.cell === row.left) || (composing.side === 'new' && composing.cell === row.right));
            return (
              <Fragment key={i}>
                <tr data-diff-row={i}>
                  {lineNumber('old', row.left)}
                  <td className={row.kind === 'changed' && row.left ? classes.removed : row.left ? undefined : classes.empty}>{row.left?.text}</td>
                  {lineNumber('new', row.right)}
                  <td className={row.kind === 'changed' && row.right ? classes.added : row.right ? undefined : classes.empty}>{row.right?.text}</td>
                </tr>
                {comments && (here.length > 0 || composingHere) && (
                  <tr>
                    <td colSpan={4} className={classes.diffThreads}>
                      <Stack gap={6} p={6}>
                        {here.map((th) => (
                          <ThreadCard key={th.id} thread={th} versionId={comments.versionId} compact />
                        ))}
                        {composingHere && composing && (
                          <CommentComposer
                            versionId={comments.versionId}
                            anchor={diffAnchor(comments.of, comments.path, composing.side, composing.cell.n, composing.cell.text, comments.base)}
                            onDone={() => setComposing(undefined)}
                          />
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
    </div>
  );
}
