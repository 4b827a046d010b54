import { Accordion, Badge, Group, Loader, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { renderVersion } from '../../components/chart-api';
import { manifestsBySource } from '../../components/chart-files';
import { CodeView } from '../../components/CodeView';
import { QueryError } from '../../components/QueryError';
import { useCatalogResult } from '../../components/useCatalogQuery';

/** What Helm would apply with the chart's default values, one manifest per template. */
export function ManifestsPanel({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  const q = useCatalogResult(`render:${versionId}`, () => renderVersion(versionId));
  const groups = useMemo(() => (q.data ? manifestsBySource(q.data) : []), [q.data]);
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
                {kindsOf(m.content).map((k) => (
                  <Badge key={k} size="xs" variant="light" tt="none">
                    {k}
                  </Badge>
                ))}
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <CodeView path={m.source} content={m.content} maxHeight={480} />
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
