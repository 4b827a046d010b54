import { Checkbox, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCatalogQuery } from '../useCatalogQuery';

/** Checkboxes for the version's open comment threads, to cite in a rejection. */
export function CiteThreads({ versionId, value, onChange }: { versionId: string; value: string[]; onChange(ids: string[]): void }) {
  const { t } = useTranslation();
  const threads = useCatalogQuery('comment.list', { version: versionId });
  const open = (threads.data ?? []).filter((th) => !th.resolved);
  if (open.length === 0) return null;
  return (
    <Checkbox.Group label={t('comments.cite')} value={value} onChange={onChange}>
      <Stack gap={4} mt={6}>
        {open.map((th) => (
          <Checkbox
            key={th.id}
            value={th.id}
            data-testid="cite"
            label={
              <Text fz="sm">
                <Text span ff="monospace" fz="xs">
                  {th.anchor.kind === 'changelog' ? t('comments.changelogLine', { line: th.anchor.line }) : `${th.anchor.path}:${th.anchor.line}`}
                </Text>{' '}
                {th.comments[0].body.slice(0, 120)}
              </Text>
            }
          />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
