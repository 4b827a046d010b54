import { Group, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { diffAnchor, useDiffThreads, type DiffSide } from '../../components/comments/LineComments';
import { type LineRowTools, LineTable } from '../../components/comments/LineTable';
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
  if (before === after) {
    return (
      <Text c="dimmed" fz="sm" p="md">
        {t('review.diff.noChanges')}
      </Text>
    );
  }
  const lineNumber = (side: DiffSide, cell: DiffCell | undefined, { commentButton }: LineRowTools) => (
    <td className={classes.ln}>
      {cell && (
        <Group gap={2} justify="flex-end" wrap="nowrap">
          {comments &&
            commentButton({
              line: cell.n,
              testId: `add-diff-comment-${side}-${cell.n}`,
              anchor: () => diffAnchor(comments.of, comments.path, side, cell.n, cell.text, comments.base),
            })}
          {cell.n}
        </Group>
      )}
    </td>
  );
  return (
    <div className={classes.diffScroll} tabIndex={0} aria-label={label} role="region">
      <LineTable
        className={classes.diff}
        colgroup={
          <colgroup>
            <col style={{ width: comments ? 64 : 44 }} />
            <col />
            <col style={{ width: comments ? 64 : 44 }} />
            <col />
          </colgroup>
        }
        rows={rows}
        versionId={comments?.versionId}
        columns={4}
        threadsAt={(row) =>
          row.kind === 'gap' ? [] : [...(row.left ? threads.at('old', row.left.n) : []), ...(row.right ? threads.at('new', row.right.n) : [])]
        }
        rowProps={(row, i) => (row.kind === 'gap' ? { className: classes.gap } : { 'data-diff-row': i })}
        renderCells={(row, tools) =>
          row.kind === 'gap' ? (
            <td colSpan={4}>{t('review.diff.unchangedLines', { count: row.hidden })}</td>
          ) : (
            <>
              {lineNumber('old', row.left, tools)}
              <td className={row.kind === 'changed' && row.left ? classes.removed : row.left ? undefined : classes.empty}>{row.left?.text}</td>
              {lineNumber('new', row.right, tools)}
              <td className={row.kind === 'changed' && row.right ? classes.added : row.right ? undefined : classes.empty}>{row.right?.text}</td>
            </>
          )
        }
      />
    </div>
  );
}
