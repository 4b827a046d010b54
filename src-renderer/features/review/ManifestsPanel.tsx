import { Accordion, Badge, Group, Loader, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { renderVersion } from '../../components/chart-api';
import { manifestsBySource } from '../../components/chart-files';
import { QueryError } from '../../components/QueryError';
import { useCatalogQuery, useCatalogResult } from '../../components/useCatalogQuery';
import { CommentableCode } from '../../components/comments/CommentableCode';

/** What Helm would apply with the chart's default values, one manifest per template. */
export function ManifestsPanel({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  const q = useCatalogResult(`render:${versionId}`, () => renderVersion(versionId));
  const groups = useMemo(() => (q.data ? manifestsBySource(q.data) : []), [q.data]);
  const threads = useCatalogQuery('comment.list', { version: versionId });
  // threads on this version's manifests (and on the new side of a manifest diff), at their line
  const threadsOn = (source: string) =>
    (threads.data ?? [])
      .filter((th) => {
        const a = th.anchor;
        return (
          th.version === versionId &&
          !th.resolved &&
          (a.kind === 'manifest' || (a.kind === 'diff' && a.of === 'manifest' && a.side === 'new')) &&
          a.path === source
        );
      })
      .map((thread) => ({ thread, line: thread.anchor.line }));
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data)
    return (
      <Group gap="xs" aria-live="polite">
        <Loader size="sm" />
        <Text fz="sm">{t('review.rendering')}</Text>
      </Group>
    );
  return (
    <Stack gap="sm">
      <Text fz="sm" c="dimmed">
        {t('review.manifestsIntro', { count: q.data.length })}
      </Text>
      <Accordion variant="separated" multiple defaultValue={groups.slice(0, 1).map((m) => m.source)}>
        {groups.map((m) => (
          <Accordion.Item key={m.source} value={m.source}>
            <Accordion.Control>
              <Group gap="sm">
                <Text ff="monospace" fz="sm">
                  {m.source}
                </Text>
                {threadsOn(m.source).length > 0 && (
                  <Badge size="xs" color="yellow" variant="filled" radius="sm" data-testid="manifest-thread-count">
                    {threadsOn(m.source).length}
                  </Badge>
                )}
                {kindsOf(m.content).map((k) => (
                  <Badge key={k} size="xs" variant="light" tt="none">
                    {k}
                  </Badge>
                ))}
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <CommentableCode
                versionId={versionId}
                path={m.source}
                content={m.content}
                maxHeight={480}
                anchorFor={(line, lineText) => ({ kind: 'manifest', path: m.source, line, lineText: lineText.slice(0, 500) })}
                threads={threadsOn(m.source)}
              />
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Stack>
  );
}

function kindsOf(manifest: string): string[] {
  return [...new Set([...manifest.matchAll(/^kind:\s*(\S+)/gm)].map((m) => m[1]))];
}
