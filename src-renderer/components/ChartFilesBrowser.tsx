import { Box, Group, ScrollArea, Text, Tree, useTree, type RenderTreeNodePayload } from '@mantine/core';
import { IconChevronDown, IconFile, IconFileCode, IconFolder } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartFile } from './chart-api';
import { fileTree } from './chart-files';
import { CodeView } from './CodeView';
import { formatBytes } from './format';
import classes from './chart-files.module.css';

/** The chart's file tree beside a highlighted viewer; values.yaml is open first. */
export function ChartFilesBrowser({ files }: { files: ChartFile[] }) {
  const { t } = useTranslation();
  const byPath = useMemo(() => new Map(files.map((f) => [f.path, f])), [files]);
  const data = useMemo(() => fileTree([...byPath.keys()]), [byPath]);
  const first = byPath.has('values.yaml') ? 'values.yaml' : [...byPath.keys()][0];
  const [selected, setSelected] = useState<string | undefined>(first);
  const folders = useMemo(() => [...byPath.keys()].flatMap((p) => p.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'))), [byPath]);
  const tree = useTree({ initialExpandedState: Object.fromEntries(folders.map((f) => [f, true])) });
  const file = selected ? byPath.get(selected) : undefined;

  return (
    <Group align="stretch" gap={0} wrap="nowrap" className={classes.browser}>
      <ScrollArea w={260} mah={620} className={classes.tree} type="auto">
        <Tree
          data={data}
          tree={tree}
          levelOffset={14}
          aria-label={t('files.tree')}
          renderNode={(payload) => <Node {...payload} current={selected} onPick={setSelected} isFile={byPath.has(payload.node.value)} />}
        />
      </ScrollArea>
      <Box style={{ flex: 1, minWidth: 0 }} p="sm">
        {file ? (
          <>
            <Group justify="space-between" mb={6}>
              <Text ff="monospace" fz="sm" fw={600} data-testid="open-file">
                {selected}
              </Text>
              <Text fz="xs" c="dimmed">
                {formatBytes(file.size)}
              </Text>
            </Group>
            {file.text === undefined ? (
              <Text c="dimmed" fz="sm">
                {t('files.binary')}
              </Text>
            ) : (
              <CodeView path={selected!} content={file.text} maxHeight={560} />
            )}
          </>
        ) : (
          <Text c="dimmed" fz="sm">
            {t('files.pick')}
          </Text>
        )}
      </Box>
    </Group>
  );
}

function Node({
  node,
  expanded,
  hasChildren,
  elementProps,
  current,
  onPick,
  isFile,
}: RenderTreeNodePayload & { current?: string; onPick(p: string): void; isFile: boolean }) {
  const Icon = hasChildren ? IconFolder : /\.(ya?ml|tpl|json)$/.test(node.value) ? IconFileCode : IconFile;
  return (
    <Group
      gap={6}
      wrap="nowrap"
      {...elementProps}
      className={`${elementProps.className} ${classes.node}`}
      data-selected={node.value === current || undefined}
      onClick={(e) => {
        elementProps.onClick(e);
        if (isFile) onPick(node.value);
      }}
    >
      {hasChildren && <IconChevronDown size={14} style={{ transform: expanded ? undefined : 'rotate(-90deg)' }} aria-hidden />}
      <Icon size={15} aria-hidden style={{ flexShrink: 0 }} />
      <Text fz="sm" truncate>
        {node.label}
      </Text>
    </Group>
  );
}
