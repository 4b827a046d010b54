import { Badge, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileComparison } from '../../../shared/types/review-tools';
import { UnifiedDiff, type CompareComments } from './UnifiedDiff';

const COLOR = { added: 'teal', removed: 'red', changed: 'blue', unchanged: 'gray' } as const;

/** Changed files on the left, the selected file's diff on the right. */
export function FileList({ files, comments }: { files: FileComparison[]; comments?: CompareComments }) {
  const { t } = useTranslation();
  const changed = files.filter((f) => f.change !== 'unchanged');
  const [selected, setSelected] = useState<string>();
  const current = changed.find((f) => f.path === selected) ?? changed[0];
  if (changed.length === 0) return <Text c="dimmed" fz="sm">{t('compare.noFileChanges')}</Text>;
  return (
    <Group align="stretch" gap={0} wrap="nowrap" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}>
      <ScrollArea w={260} mah={560} type="auto">
        {changed.map((f) => (
          <NavLink
            key={f.path}
            component="button"
            active={f.path === current?.path}
            onClick={() => setSelected(f.path)}
            label={
              <Text ff="monospace" fz="xs" truncate>
                {f.path}
              </Text>
            }
            rightSection={
              <Badge size="xs" color={COLOR[f.change]} variant="light" radius="sm">
                {t(`compare.changes.${f.change}`)}
              </Badge>
            }
          />
        ))}
      </ScrollArea>
      <Stack p="sm" gap={6} style={{ flex: 1, minWidth: 0 }}>
        {current && <UnifiedDiff key={current.path} file={current} comments={comments} />}
      </Stack>
    </Group>
  );
}
