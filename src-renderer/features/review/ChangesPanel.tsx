import { Badge, Group, Loader, NavLink, ScrollArea, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../shared/types/catalog';
import { ok, type Result } from '../../../shared/result';
import { chartFilesOf, renderVersion } from '../../components/chart-api';
import { manifestsBySource, reviewOrder, textFiles } from '../../components/chart-files';
import { QueryError } from '../../components/QueryError';
import { useCatalogResult } from '../../components/useCatalogQuery';
import { DiffView } from './DiffView';
import { compareFileSets, type FileChange } from './side-by-side';
import classes from './review.module.css';

interface Sides {
  files: [Map<string, string>, Map<string, string>];
  manifests?: [Map<string, string>, Map<string, string>];
}

async function loadSides(previous: string, current: string): Promise<Result<Sides>> {
  const [a, b] = await Promise.all([chartFilesOf(previous), chartFilesOf(current)]);
  if (!a.ok) return a;
  if (!b.ok) return b;
  const [ra, rb] = await Promise.all([renderVersion(previous), renderVersion(current)]);
  const asMap = (ms: { source: string; content: string }[]) => new Map(manifestsBySource(ms).map((m) => [m.source, m.content]));
  return ok({ files: [textFiles(a.value), textFiles(b.value)], manifests: ra.ok && rb.ok ? [asMap(ra.value), asMap(rb.value)] : undefined });
}

const CHANGE_COLOR: Record<FileChange, string> = { added: 'teal', removed: 'red', modified: 'blue', unchanged: 'gray' };

/** Side-by-side diff against the previous version: values, templates, and the rendered manifests. */
export function ChangesPanel({ version, previous }: { version: VersionSummary; previous: VersionSummary }) {
  const { t } = useTranslation();
  const q = useCatalogResult(`diff:${previous.id}:${version.id}`, () => loadSides(previous.id, version.id));
  const [mode, setMode] = useState<'files' | 'manifests'>('files');
  const [selected, setSelected] = useState<string | null>(null);
  const sides = q.data ? (mode === 'files' ? q.data.files : q.data.manifests) : undefined;
  const changes = useMemo(
    () => (sides ? compareFileSets(sides[0], sides[1]).filter((c) => c.change !== 'unchanged').sort((a, b) => reviewOrder(a.path, b.path)) : []),
    [sides],
  );
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data || !sides)
    return (
      <Group gap="xs">
        <Loader size="sm" />
        <Text fz="sm">{t('review.diff.loading')}</Text>
      </Group>
    );
  const current = selected && changes.some((c) => c.path === selected) ? selected : changes[0]?.path;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text fz="sm">{t('review.diff.summary', { previous: previous.name, current: version.name, count: changes.length })}</Text>
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(v) => setMode(v as 'files' | 'manifests')}
          data={[
            { value: 'files', label: t('review.diff.chartFiles') },
            { value: 'manifests', label: t('review.diff.manifests'), disabled: !q.data.manifests },
          ]}
          aria-label={t('review.diff.compare')}
        />
      </Group>
      {changes.length === 0 ? (
        <Text c="dimmed" fz="sm">
          {t('review.diff.noChanges')}
        </Text>
      ) : (
        <Group
          align="stretch"
          gap={0}
          wrap="nowrap"
          style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}
        >
          <ScrollArea w={250} mah={600} className={classes.fileList} type="auto">
            <nav aria-label={t('review.diff.changedFiles')}>
              {changes.map((c) => (
                <NavLink
                  key={c.path}
                  component="button"
                  active={c.path === current}
                  onClick={() => setSelected(c.path)}
                  label={
                    <Text ff="monospace" fz="xs" truncate>
                      {c.path}
                    </Text>
                  }
                  rightSection={
                    <Badge size="xs" color={CHANGE_COLOR[c.change]} variant="light" radius="sm">
                      {t(`review.diff.changes.${c.change}`)}
                    </Badge>
                  }
                  data-testid="changed-file"
                />
              ))}
            </nav>
          </ScrollArea>
          <Stack gap={6} p="sm" style={{ flex: 1, minWidth: 0 }}>
            {current && (
              <>
                <Group justify="space-between" fz="xs" c="dimmed">
                  <Text fz="xs" c="dimmed">
                    {previous.name}
                  </Text>
                  <Text ff="monospace" fz="sm" fw={600} c="var(--mantine-color-text)">
                    {current}
                  </Text>
                  <Text fz="xs" c="dimmed">
                    {version.name}
                  </Text>
                </Group>
                <DiffView
                  key={`${mode}:${current}`}
                  before={sides[0].get(current) ?? ''}
                  after={sides[1].get(current) ?? ''}
                  label={t('review.diff.of', { file: current })}
                  comments={{ versionId: version.id, base: previous.id, path: current, of: mode === 'files' ? 'file' : 'manifest' }}
                />
              </>
            )}
          </Stack>
        </Group>
      )}
    </Stack>
  );
}
