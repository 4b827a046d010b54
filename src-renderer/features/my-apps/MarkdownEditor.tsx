import { Paper, Tabs, Textarea } from '@mantine/core';
import { IconEye, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Markdown } from '../../components/Markdown';

/** Markdown with a write / preview switch; the preview is exactly what the store shows. */
export function MarkdownEditor({
  label,
  value,
  onChange,
  minRows = 8,
  disabled,
  description,
  required,
  error,
}: {
  label: string;
  value: string;
  onChange(v: string): void;
  minRows?: number;
  disabled?: boolean;
  description?: string;
  required?: boolean;
  /** Said under the field, where the problem is. */
  error?: string | null;
}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('write');
  return (
    <div>
      <Tabs value={tab} onChange={setTab} variant="outline" radius="md">
        <Tabs.List>
          <Tabs.Tab value="write" leftSection={<IconPencil size={14} aria-hidden />}>
            {t('editor.write')}
          </Tabs.Tab>
          <Tabs.Tab value="preview" leftSection={<IconEye size={14} aria-hidden />}>
            {t('editor.preview')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="write" pt="xs">
          <Textarea
            label={label}
            description={description ?? t('editor.markdownHint')}
            value={value}
            onChange={(e) => onChange(e.currentTarget.value)}
            autosize
            minRows={minRows}
            maxRows={24}
            disabled={disabled}
            required={required}
            error={error ?? undefined}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="preview" pt="xs">
          <Paper withBorder p="md" mih={minRows * 22} aria-label={t('editor.previewOf', { label })}>
            <Markdown source={value} />
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}
