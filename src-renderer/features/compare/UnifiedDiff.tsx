import { ScrollArea, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FileComparison } from '../../../shared/types/review-tools';
import '../../components/code.css';

const LINE_BG = { '+': 'var(--mantine-color-teal-light)', '-': 'var(--mantine-color-red-light)', '@': 'var(--mantine-color-blue-light)' } as const;

/** A unified diff as text with added, removed and hunk lines tinted. */
export function UnifiedDiff({ file, maxHeight = 520 }: { file: FileComparison; maxHeight?: number }) {
  const { t } = useTranslation();
  if (file.change === 'unchanged') return <Text c="dimmed" fz="sm">{t('compare.unchanged')}</Text>;
  if (file.binary || !file.diff) return <Text c="dimmed" fz="sm">{t('compare.binary')}</Text>;
  const lines = file.diff.split('\n').slice(2);
  return (
    <ScrollArea.Autosize mah={maxHeight} type="auto" className="berth-code" aria-label={file.path}>
      <table className="berth-code-table">
        <tbody>
          {lines.map((l, i) => (
            <tr key={i} style={{ background: LINE_BG[l[0] as keyof typeof LINE_BG] }}>
              <td className="berth-code-line">{l || ' '}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea.Autosize>
  );
}
