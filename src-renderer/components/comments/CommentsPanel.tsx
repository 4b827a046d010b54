import { Badge, Group, Loader, NavLink, ScrollArea, Stack, Switch, Text } from '@mantine/core';
import { IconBox, IconFileText, IconList, IconNotes } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentAnchor, CommentThread } from '../../../shared/types/review-tools';
import { ok, type Result } from '../../../shared/result';
import { call } from '../../api';
import { chartFilesOf, renderVersion } from '../chart-api';
import { manifestsBySource, reviewOrder } from '../chart-files';
import { QueryError } from '../QueryError';
import { useCatalogQuery, useCatalogResult } from '../useCatalogQuery';
import { CommentableCode } from './CommentableCode';
import { ThreadCard } from './ThreadCard';

interface Target {
  key: string;
  kind: 'file' | 'changelog' | 'manifest';
  path: string;
  content: string;
}

async function loadTargets(versionId: string): Promise<Result<Target[]>> {
  const [files, version] = await Promise.all([chartFilesOf(versionId), call('version.get', { version: versionId })]);
  if (!files.ok) return files;
  if (!version.ok) return version;
  const out: Target[] = files.value
    .filter((f) => f.text !== undefined)
    .sort((a, b) => reviewOrder(a.path, b.path))
    .map((f) => ({ key: `file:${f.path}`, kind: 'file', path: f.path, content: f.text! }));
  out.splice(Math.min(out.length, 2), 0, { key: 'changelog', kind: 'changelog', path: 'CHANGELOG', content: version.value.changelog ?? '' });
  return ok(out);
}

/** Rendered manifests, one target per template; loaded apart because rendering takes a moment. */
async function loadManifestTargets(versionId: string): Promise<Result<Target[]>> {
  const rendered = await renderVersion(versionId);
  if (!rendered.ok) return ok([]); // without a chart engine there are none to comment on
  // the same text (and so the same line numbers) as the review page's Manifests tab
  return ok(manifestsBySource(rendered.value).map(({ source, content }): Target => ({ key: `manifest:${source}`, kind: 'manifest', path: source, content })));
}

/** Which line of the target a thread sits on; undefined when it is about the target but its line is gone. */
function placeOn(thread: CommentThread, target: Target, versionId: string): { on: boolean; line?: number } {
  const a = thread.anchor;
  // a thread on a diff shows at its line of this version's text when it is on the new side
  const diffHere = a.kind === 'diff' && a.side === 'new' && (a.of ?? 'file') === target.kind && a.path === target.path;
  const on = target.kind === 'changelog' ? a.kind === 'changelog' : diffHere || (a.kind === target.kind && a.path === target.path);
  if (!on) return { on: false };
  if (thread.version === versionId || !thread.carried) return { on: true, line: a.line };
  return { on: true, line: 'line' in thread.carried ? thread.carried.line : undefined };
}

/**
 * Review comments next to the chart's files and the changelog: add a thread on any line,
 * reply, resolve. Threads still open from earlier versions show where their line is now.
 * Used by reviewers on the review page and by ISVs next to their files.
 */
export function CommentsPanel({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  const threads = useCatalogQuery('comment.list', { version: versionId });
  const files = useCatalogResult(`comment-targets:${versionId}`, () => loadTargets(versionId));
  const manifests = useCatalogResult(`comment-manifests:${versionId}`, () => loadManifestTargets(versionId));
  const targets = { error: files.error, data: files.data && [...files.data, ...(manifests.data ?? [])] };
  const [selected, setSelected] = useState<string>('all');
  const [showResolved, setShowResolved] = useState(false);
  const all = useMemo(() => (threads.data ?? []).filter((th) => showResolved || !th.resolved), [threads.data, showResolved]);

  if (threads.error) return <QueryError error={threads.error} />;
  if (targets.error) return <QueryError error={targets.error} />;
  if (!threads.data || !targets.data) return <Loader size="sm" />;
  const target = targets.data.find((x) => x.key === selected);
  const countOn = (x: Target) => all.filter((th) => placeOn(th, x, versionId).on).length;
  const anchorFor =
    (x: Target) =>
    (line: number, lineText: string): CommentAnchor =>
      x.kind === 'changelog'
        ? { kind: 'changelog', line, lineText: lineText.slice(0, 500) }
        : { kind: x.kind, path: x.path, line, lineText: lineText.slice(0, 500) };

  return (
    <Group
      align="stretch"
      gap={0}
      wrap="nowrap"
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}
      data-testid="comments-panel"
    >
      <ScrollArea w={260} mah={680} type="auto" style={{ borderRight: '1px solid var(--mantine-color-default-border)' }}>
        <nav aria-label={t('comments.targets')}>
          <NavLink
            component="button"
            active={selected === 'all'}
            onClick={() => setSelected('all')}
            leftSection={<IconList size={14} />}
            label={t('comments.all')}
            rightSection={
              <Badge size="xs" variant="light" radius="sm">
                {all.length}
              </Badge>
            }
          />
          {targets.data.map((x) => {
            const n = countOn(x);
            return (
              <NavLink
                key={x.key}
                component="button"
                active={selected === x.key}
                onClick={() => setSelected(x.key)}
                leftSection={x.kind === 'changelog' ? <IconNotes size={14} /> : x.kind === 'manifest' ? <IconBox size={14} /> : <IconFileText size={14} />}
                label={
                  <Text ff={x.kind !== 'changelog' ? 'monospace' : undefined} fz="xs" truncate>
                    {x.kind === 'changelog' ? t('comments.changelog') : x.kind === 'manifest' ? t('comments.manifest', { template: x.path }) : x.path}
                  </Text>
                }
                rightSection={
                  n > 0 ? (
                    <Badge size="xs" variant="filled" radius="sm" color="yellow">
                      {n}
                    </Badge>
                  ) : undefined
                }
                data-testid="comment-target"
                data-target={x.key}
              />
            );
          })}
        </nav>
      </ScrollArea>
      <Stack gap="sm" p="sm" style={{ flex: 1, minWidth: 0 }}>
        <Group justify="space-between">
          <Text fz="sm" c="dimmed">
            {target
              ? target.kind === 'changelog'
                ? t('comments.changelogHelp')
                : target.kind === 'manifest'
                  ? t('comments.manifestHelp')
                  : t('comments.fileHelp')
              : t('comments.allHelp', { count: all.length })}
          </Text>
          <Switch size="xs" label={t('comments.showResolved')} checked={showResolved} onChange={(e) => setShowResolved(e.currentTarget.checked)} />
        </Group>
        {target ? (
          <CommentableCode
            versionId={versionId}
            path={target.kind === 'changelog' ? 'CHANGELOG.md' : target.path}
            content={target.content}
            anchorFor={anchorFor(target)}
            threads={all.map((thread) => ({ thread, ...placeOn(thread, target, versionId) })).filter((x) => x.on)}
          />
        ) : all.length === 0 ? (
          <Text c="dimmed" fz="sm">
            {t('comments.none')}
          </Text>
        ) : (
          <Stack gap="sm">
            {all.map((th) => (
              <ThreadCard key={th.id} thread={th} versionId={versionId} />
            ))}
          </Stack>
        )}
      </Stack>
    </Group>
  );
}
