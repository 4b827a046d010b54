import { Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { sideBySide } from './side-by-side';
import classes from './review.module.css';

/** Two versions of one file next to each other, changes highlighted, unchanged stretches folded. */
export function DiffView({ before, after, label }: { before: string; after: string; label: string }) {
  const { t } = useTranslation();
  const rows = useMemo(() => sideBySide(before, after), [before, after]);
  if (before === after) {
    return (
      <Text c="dimmed" fz="sm" p="md">
        {t('review.diff.noChanges')}
      </Text>
    );
  }
  return (
    <div className={classes.diffScroll} tabIndex={0} aria-label={label} role="region">
      <table className={classes.diff}>
        <colgroup>
          <col style={{ width: 44 }} />
          <col />
          <col style={{ width: 44 }} />
          <col />
        </colgroup>
        <tbody>
          {rows.map((row, i) =>
            row.kind === 'gap' ? (
              <tr key={i} className={classes.gap}>
                <td colSpan={4}>{t('review.diff.unchangedLines', { count: row.hidden })}</td>
              </tr>
            ) : (
              <tr key={i}>
                <td className={classes.ln}>{row.left?.n}</td>
                <td className={row.kind === 'changed' && row.left ? classes.removed : row.left ? undefined : classes.empty}>{row.left?.text}</td>
                <td className={classes.ln}>{row.right?.n}</td>
                <td className={row.kind === 'changed' && row.right ? classes.added : row.right ? undefined : classes.empty}>{row.right?.text}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
