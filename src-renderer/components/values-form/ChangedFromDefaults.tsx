import { Badge, Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FormField, JsonValue, ValuesDiff } from '../../../shared/types/values';

function find(root: FormField, path: (string | number)[]): FormField | undefined {
  let cur: FormField | undefined = root;
  for (const key of path) {
    if (typeof key === 'number') return cur;
    const next: FormField | undefined = cur?.children?.find((c) => c.key === key);
    if (!next) return cur;
    cur = next;
  }
  return cur;
}

function shown(v: JsonValue | undefined, secret: boolean): string {
  if (v === undefined) return '—';
  if (secret && v !== '' && v !== null) return '••••••';
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

const COLOR = { added: 'teal', removed: 'red', changed: 'blue', 'type-changed': 'orange' } as const;

/** Every value that differs from the chart's defaults, secrets masked. */
export function ChangedFromDefaults({ diff, root }: { diff: ValuesDiff; root: FormField }) {
  const { t } = useTranslation();
  if (diff.changes.length === 0) {
    return (
      <Text c="dimmed" fz="sm" p="sm">
        {t('valuesForm.noChanges')}
      </Text>
    );
  }
  return (
    <Table striped withTableBorder fz="sm" data-testid="changed-from-defaults">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('valuesForm.path')}</Table.Th>
          <Table.Th>{t('valuesForm.default')}</Table.Th>
          <Table.Th>{t('valuesForm.yours')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {diff.changes.map((c) => {
          const secret = find(root, c.path)?.secret ?? false;
          return (
            <Table.Tr key={c.pathText}>
              <Table.Td>
                <Code>{c.pathText}</Code>{' '}
                <Badge size="xs" variant="light" color={COLOR[c.kind]} radius="sm">
                  {t(`valuesForm.changeKinds.${c.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td ff="monospace">{shown(c.before, secret)}</Table.Td>
              <Table.Td ff="monospace">{shown(c.after, secret)}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
