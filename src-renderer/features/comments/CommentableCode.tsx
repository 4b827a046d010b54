import { ActionIcon, Box, Button, Group, ScrollArea, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { IconMessagePlus } from '@tabler/icons-react';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentAnchor, CommentThread } from '../../../shared/types/review-tools';
import '../../components/code.css';
import { highlightLines, languageFor } from '../../components/highlight';
import { useAction } from '../../components/useAction';
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
  const { run, busy } = useAction();
  const lines = useMemo(() => highlightLines(content, languageFor(path)), [content, path]);
  const raw = useMemo(() => content.split('\n'), [content]);
  const [composing, setComposing] = useState<number>();
  const [body, setBody] = useState('');
  const byLine = useMemo(() => {
    const map = new Map<number, CommentThread[]>();
    for (const { thread, line } of threads) if (line !== undefined) map.set(line, [...(map.get(line) ?? []), thread]);
    return map;
  }, [threads]);
  const outdated = threads.filter((x) => x.line === undefined).map((x) => x.thread);

  const add = async (line: number) => {
    const r = await run('comment.add', { version: versionId, anchor: anchorFor(line, raw[line - 1] ?? ''), body });
    if (r) {
      setBody('');
      setComposing(undefined);
    }
  };

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
        <table className="berth-code-table">
          <tbody>
            {lines.map((html, i) => {
              const n = i + 1;
              const here = byLine.get(n) ?? [];
              return (
                <Fragment key={n}>
                  <tr className={here.length ? classes.commented : undefined} data-line={n}>
                    <td className={classes.gutter}>
                      <Tooltip label={t('comments.addOnLine', { line: n })} openDelay={400}>
                        <ActionIcon size="xs" variant="subtle" className={classes.add} onClick={() => setComposing(n)} aria-label={t('comments.addOnLine', { line: n })} data-testid={`add-comment-${n}`}>
                          <IconMessagePlus size={12} />
                        </ActionIcon>
                      </Tooltip>
                    </td>
                    <td className="berth-code-ln" aria-hidden>
                      {n}
                    </td>
                    <td className="berth-code-line hljs" dangerouslySetInnerHTML={{ __html: html || ' ' }} />
                  </tr>
                  {(here.length > 0 || composing === n) && (
                    <tr>
                      <td colSpan={3} className={classes.threadRow}>
                        <Stack gap={6} p={6}>
                          {here.map((th) => (
                            <ThreadCard key={th.id} thread={th} versionId={versionId} compact />
                          ))}
                          {composing === n && (
                            <Box>
                              <Textarea autosize minRows={2} autoFocus value={body} onChange={(e) => setBody(e.currentTarget.value)} placeholder={t('comments.newPlaceholder')} aria-label={t('comments.addOnLine', { line: n })} data-testid="comment-text" />
                              <Group gap="xs" justify="flex-end" mt={6}>
                                <Button size="xs" variant="default" onClick={() => setComposing(undefined)}>
                                  {t('common.cancel')}
                                </Button>
                                <Button size="xs" onClick={() => void add(n)} loading={busy} disabled={!body.trim()} data-testid="send-comment">
                                  {t('comments.comment')}
                                </Button>
                              </Group>
                            </Box>
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
    </Stack>
  );
}
