import { ScrollArea, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentAnchor, CommentThread } from '../../../shared/types/review-tools';
import '../code.css';
import { highlightLines, languageFor } from '../highlight';
import { LineTable } from './LineTable';
import { ThreadCard } from './ThreadCard';
import classes from './comments.module.css';

export interface CommentableCodeProps {
  versionId: string;
  /** For highlighting; for manifests, the template path. */
  path: string;
  content: string;
  /** The anchor a new comment on `line` gets. */
  anchorFor(line: number, lineText: string): CommentAnchor;
  /** Threads on this text, with the line each sits at here (undefined: outdated, shown on top). */
  threads: { thread: CommentThread; line?: number }[];
  maxHeight?: number;
}

/** A file (or manifest, or changelog) with line numbers where any line can take a comment thread. */
export function CommentableCode({ versionId, path, content, anchorFor, threads, maxHeight = 620 }: CommentableCodeProps) {
  const { t } = useTranslation();
  const lines = useMemo(() => highlightLines(content, languageFor(path)), [content, path]);
  const raw = useMemo(() => content.split('\n'), [content]);
  const byLine = useMemo(() => {
    const map = new Map<number, CommentThread[]>();
    for (const { thread, line } of threads) if (line !== undefined) map.set(line, [...(map.get(line) ?? []), thread]);
    return map;
  }, [threads]);
  const outdated = threads.filter((x) => x.line === undefined).map((x) => x.thread);

  return (
    <Stack gap="xs">
      {outdated.length > 0 && (
        <Stack gap={6}>
          <Text fz="xs" c="dimmed">
            {t('comments.outdatedHere')}
          </Text>
          {outdated.map((th) => (
            <ThreadCard key={th.id} thread={th} versionId={versionId} />
          ))}
        </Stack>
      )}
      <ScrollArea.Autosize mah={maxHeight} type="auto" className="berth-code" aria-label={path}>
        <LineTable
          className="berth-code-table"
          rows={lines}
          versionId={versionId}
          columns={3}
          threadsAt={(_, i) => byLine.get(i + 1) ?? []}
          rowProps={(_, i) => ({ 'data-line': i + 1 })}
          renderCells={(html, { commentButton }, i) => (
            <>
              <td className={classes.gutter}>{commentButton({ line: i + 1, anchor: () => anchorFor(i + 1, raw[i] ?? '') })}</td>
              <td className="berth-code-ln" aria-hidden>
                {i + 1}
              </td>
              <td className="berth-code-line hljs" dangerouslySetInnerHTML={{ __html: html || ' ' }} />
            </>
          )}
        />
      </ScrollArea.Autosize>
    </Stack>
  );
}
