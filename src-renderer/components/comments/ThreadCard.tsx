import { Badge, Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconCheck, IconMessageReply, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentThread } from '../../../shared/types/review-tools';
import { useRelativeTime } from '../format';
import { useAction } from '../useAction';

/** One thread: its comments, where it came from, a reply box and resolve/reopen. */
export function ThreadCard({ thread, versionId, compact = false }: { thread: CommentThread; versionId: string; compact?: boolean }) {
  const { t } = useTranslation();
  const relative = useRelativeTime();
  const { run, busy } = useAction();
  const [reply, setReply] = useState('');
  const [replying, setReplying] = useState(false);
  const carried = thread.version !== versionId;
  const send = async () => {
    const r = await run('comment.reply', { thread: thread.id, version: versionId, body: reply });
    if (r) {
      setReply('');
      setReplying(false);
    }
  };
  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      data-testid="thread"
      data-thread={thread.id}
      data-resolved={thread.resolved}
      bg={thread.resolved ? 'var(--mantine-color-default-hover)' : undefined}
    >
      <Stack gap={6}>
        <Group gap={6}>
          {thread.resolved && (
            <Badge size="xs" color="teal" variant="light" radius="sm">
              {t('comments.resolvedBy', { name: thread.resolvedByName ?? '' })}
            </Badge>
          )}
          {carried && (
            <Badge size="xs" color="violet" variant="light" radius="sm" tt="none">
              {'outdated' in (thread.carried ?? { outdated: true })
                ? t('comments.carriedOutdated', { version: thread.versionName })
                : t('comments.carriedFrom', { version: thread.versionName })}
            </Badge>
          )}
          {thread.citedIn.length > 0 && (
            <Badge size="xs" color="red" variant="light" radius="sm">
              {t('comments.cited')}
            </Badge>
          )}
          {!compact && (thread.anchor.kind === 'diff' || thread.anchor.kind === 'manifest') && (
            <Badge size="xs" color="gray" variant="light" radius="sm" tt="none">
              {thread.anchor.kind === 'diff' ? t(thread.anchor.side === 'old' ? 'comments.onDiffOld' : 'comments.onDiffNew') : t('comments.onManifest')}
            </Badge>
          )}
          {!compact && (
            <Text fz="xs" c="dimmed" ff="monospace">
              {thread.anchor.kind === 'changelog' ? t('comments.changelogLine', { line: thread.anchor.line }) : `${thread.anchor.path}:${thread.anchor.line}`}
            </Text>
          )}
        </Group>
        {!compact && thread.anchor.lineText && (
          <Text fz="xs" ff="monospace" c="dimmed" style={{ whiteSpace: 'pre', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {thread.anchor.lineText}
          </Text>
        )}
        {thread.comments.map((c) => (
          <Stack key={c.id} gap={0} data-testid="comment">
            <Group gap={6}>
              <Text fz="sm" fw={600}>
                {c.authorName}
              </Text>
              <Text fz="xs" c="dimmed">
                {relative(c.at)}
              </Text>
            </Group>
            <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {c.body}
            </Text>
          </Stack>
        ))}
        {replying ? (
          <Stack gap={6}>
            <Textarea
              autosize
              minRows={2}
              value={reply}
              onChange={(e) => setReply(e.currentTarget.value)}
              placeholder={t('comments.replyPlaceholder')}
              aria-label={t('comments.reply')}
              data-testid="reply-text"
            />
            <Group gap="xs" justify="flex-end">
              <Button size="xs" variant="default" onClick={() => setReplying(false)}>
                {t('common.cancel')}
              </Button>
              <Button size="xs" onClick={() => void send()} loading={busy} disabled={!reply.trim()} data-testid="send-reply">
                {t('comments.send')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Group gap="xs">
            <Button size="compact-xs" variant="subtle" leftSection={<IconMessageReply size={14} />} onClick={() => setReplying(true)} data-testid="reply">
              {t('comments.reply')}
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              color={thread.resolved ? 'gray' : 'teal'}
              leftSection={thread.resolved ? <IconRefresh size={14} /> : <IconCheck size={14} />}
              onClick={() => void run('comment.resolve', { thread: thread.id, version: versionId, resolved: !thread.resolved })}
              loading={busy}
              data-testid={thread.resolved ? 'reopen' : 'resolve'}
            >
              {thread.resolved ? t('comments.reopen') : t('comments.resolve')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
