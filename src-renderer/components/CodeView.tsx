import { ScrollArea, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import './code.css';
import { highlightLines, languageFor } from './highlight';

/** A read-only, syntax-highlighted file with line numbers. */
export function CodeView({ path, content, maxHeight = 560, label }: { path: string; content: string; maxHeight?: number | string; label?: string }) {
  const { t } = useTranslation();
  const lines = useMemo(() => highlightLines(content, languageFor(path)), [content, path]);
  if (!content) {
    return (
      <Text c="dimmed" fz="sm" fs="italic" p="md">
        {t('common.emptyFile')}
      </Text>
    );
  }
  return (
    <ScrollArea.Autosize mah={maxHeight} type="auto" className="berth-code" aria-label={label ?? path} tabIndex={0}>
      <table className="berth-code-table">
        <tbody>
          {lines.map((html, i) => (
            <tr key={i}>
              <td className="berth-code-ln" aria-hidden>
                {i + 1}
              </td>
              <td className="berth-code-line hljs" dangerouslySetInnerHTML={{ __html: html || ' ' }} />
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea.Autosize>
  );
}
