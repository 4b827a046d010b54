import { ActionIcon, Box, Button, Group, Textarea, Tooltip } from '@mantine/core';
import { IconMessagePlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentAnchor, CommentThread } from '../../../shared/types/review-tools';
import { useAction } from '../useAction';
import { useCatalogQuery } from '../useCatalogQuery';
import classes from './comments.module.css';

/** The "comment on this line" button of a line gutter; shows on hover, focus, or when the line has threads. */
export function AddCommentButton({ line, onClick, testId = `add-comment-${line}` }: { line: number; onClick(): void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('comments.addOnLine', { line })} openDelay={400}>
      <ActionIcon size="xs" variant="subtle" className={classes.add} onClick={onClick} aria-label={t('comments.addOnLine', { line })} data-testid={testId}>
        <IconMessagePlus size={12} />
      </ActionIcon>
    </Tooltip>
  );
}

/** Writes a new thread at `anchor`. */
export function CommentComposer({ versionId, anchor, onDone }: { versionId: string; anchor: CommentAnchor; onDone(): void }) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const [body, setBody] = useState('');
  const add = async () => {
    if (await run('comment.add', { version: versionId, anchor, body })) onDone();
  };
  return (
    <Box>
      <Textarea
        autosize
        minRows={2}
        autoFocus
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        placeholder={t('comments.newPlaceholder')}
        aria-label={t('comments.addOnLine', { line: anchor.line })}
        data-testid="comment-text"
      />
      <Group gap="xs" justify="flex-end" mt={6}>
        <Button size="xs" variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button size="xs" onClick={() => void add()} loading={busy} disabled={!body.trim()} data-testid="send-comment">
          {t('comments.comment')}
        </Button>
      </Group>
    </Box>
  );
}

export type DiffSide = 'old' | 'new';

/**
 * The threads to show on a diff of `path` between `base` and `versionId`, by side and line:
 * those anchored on this diff, and (on the new side) those on the same file of this version.
 */
export function useDiffThreads(
  versionId: string,
  base: string | undefined,
  path: string,
  of: 'file' | 'manifest',
): { at(side: DiffSide, line: number): CommentThread[]; ready: boolean } {
  const q = useCatalogQuery('comment.list', { version: versionId });
  return useMemo(() => {
    const map = new Map<string, CommentThread[]>();
    for (const th of q.data ?? []) {
      if (th.version !== versionId || th.resolved) continue;
      const a = th.anchor;
      const sameDiff = a.kind === 'diff' && a.path === path && (a.of ?? 'file') === of && (a.base === undefined || base === undefined || a.base === base);
      const sameFile = a.kind === of && a.path === path;
      const key = sameDiff ? `${a.side}:${a.line}` : sameFile ? `new:${a.line}` : undefined;
      if (key) map.set(key, [...(map.get(key) ?? []), th]);
    }
    return { at: (side: DiffSide, line: number) => map.get(`${side}:${line}`) ?? [], ready: q.data !== undefined };
  }, [q.data, versionId, base, path, of]);
}

export function diffAnchor(of: 'file' | 'manifest', path: string, side: DiffSide, line: number, lineText: string, base?: string): CommentAnchor {
  const anchor: CommentAnchor = { kind: 'diff', path, side, line, lineText: lineText.slice(0, 500) };
  if (of === 'manifest') anchor.of = 'manifest';
  if (base) anchor.base = base;
  return anchor;
}
