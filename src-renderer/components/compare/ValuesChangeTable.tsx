import { Badge, Code, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { JsonValue, ValuesChange } from '../../../shared/types/values';

const KIND_COLOR = { added: 'teal', removed: 'red', changed: 'blue', 'type-changed': 'orange' } as const;

function show(v: JsonValue | undefined): string {
  if (v === undefined) return '—';
  const s = JSON.stringify(v);
  return s.length > 100 ? `${s.slice(0, 97)}…` : s;
}

/** A values.diff key by key: each changed key with its kind, its value on side a and on side b (`a` and `b` head the columns). */
export function ValuesChangeTable({ changes, a, b, testId }: { changes: ValuesChange[]; a: string; b: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table withTableBorder striped fz="sm" data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('compare.key')}</Table.Th>
          <Table.Th>{a}</Table.Th>
          <Table.Th>{b}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((ch) => (
          <Table.Tr key={ch.pathText} data-path={ch.pathText}>
            <Table.Td>
              <Code>{ch.pathText}</Code>{' '}
              <Badge size="xs" color={KIND_COLOR[ch.kind]} variant="light" radius="sm">
                {t(`valuesForm.changeKinds.${ch.kind}`)}
              </Badge>
            </Table.Td>
            <Table.Td ff="monospace">{show(ch.before)}</Table.Td>
            <Table.Td ff="monospace">{show(ch.after)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
