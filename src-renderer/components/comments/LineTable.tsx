import { Stack } from '@mantine/core';
import { Fragment, type HTMLAttributes, type Key, type ReactNode, useState } from 'react';
import type { CommentAnchor, CommentThread } from '../../../shared/types/review-tools';
import { AddCommentButton, CommentComposer } from './LineComments';
import { ThreadCard } from './ThreadCard';
import classes from './comments.module.css';

/** One place on a row that takes a new comment (a diff row has two: the old and the new side). */
export interface CommentSpot {
  line: number;
  /** The anchor the new thread gets; asked for when the person clicks. */
  anchor(): CommentAnchor;
  testId?: string;
}

export interface LineRowTools {
  /** The "comment on this line" button for one spot of the row; nothing when the table takes no comments. */
  commentButton(spot: CommentSpot): ReactNode;
}

export interface LineTableProps<R> {
  rows: readonly R[];
  /** The version new threads are written on; without it the table shows lines only. */
  versionId?: string;
  /** How many cells a row has, so a thread row spans them all. */
  columns: number;
  /** The open threads shown under a row. */
  threadsAt(row: R, index: number): CommentThread[];
  /** The row's cells (`<td>`s). */
  renderCells(row: R, tools: LineRowTools, index: number): ReactNode;
  /** Attributes of the row's `<tr>` (tint, data attributes). */
  rowProps?(row: R, index: number): HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | number | undefined>;
  rowKey?(row: R, index: number): Key;
  className?: string;
  colgroup?: ReactNode;
}

/**
 * A table of lines (a file, a manifest, a unified or a side-by-side diff) where any line can
 * take a comment thread: the threads of a line, and the composer of a new one, open in a row
 * under it. The callers decide what a line looks like; this decides how threads sit among them,
 * so reviewers find comments in the same place on every kind of text.
 */
export function LineTable<R>({ rows, versionId, columns, threadsAt, renderCells, rowProps, rowKey, className, colgroup }: LineTableProps<R>) {
  const [composing, setComposing] = useState<{ index: number; anchor: CommentAnchor }>();
  return (
    <table className={className}>
      {colgroup}
      <tbody>
        {rows.map((row, index) => {
          const here = versionId ? threadsAt(row, index) : [];
          const tools: LineRowTools = {
            commentButton: (spot) =>
              versionId ? <AddCommentButton line={spot.line} testId={spot.testId} onClick={() => setComposing({ index, anchor: spot.anchor() })} /> : null,
          };
          const props = rowProps?.(row, index) ?? {};
          const composingHere = versionId && composing?.index === index ? composing : undefined;
          return (
            <Fragment key={rowKey?.(row, index) ?? index}>
              <tr {...props} className={[props.className, here.length ? classes.commented : undefined].filter(Boolean).join(' ') || undefined}>
                {renderCells(row, tools, index)}
              </tr>
              {versionId && (here.length > 0 || composingHere) && (
                <tr>
                  <td colSpan={columns} className={classes.threadRow}>
                    <Stack gap={6} p={6}>
                      {here.map((th) => (
                        <ThreadCard key={th.id} thread={th} versionId={versionId} compact />
                      ))}
                      {composingHere && <CommentComposer versionId={versionId} anchor={composingHere.anchor} onDone={() => setComposing(undefined)} />}
                    </Stack>
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
