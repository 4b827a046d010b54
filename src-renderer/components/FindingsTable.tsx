import { Badge, Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChartFinding, FindingSeverity } from './chart-api';
import { useSay } from './sentence';

const COLOR: Record<FindingSeverity, string> = { error: 'red', warning: 'yellow', info: 'blue' };

/** Lint and review check results with their stable ids. */
export function FindingsTable({ findings }: { findings: ChartFinding[] }) {
  const { t } = useTranslation();
  const say = useSay();
  return (
    <Table verticalSpacing={6} fz="sm" data-testid="findings">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={100}>{t('checks.severity')}</Table.Th>
          <Table.Th w={220}>{t('checks.id')}</Table.Th>
          <Table.Th>{t('checks.message')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {findings.map((f, i) => (
          <Table.Tr key={`${f.id}-${i}`}>
            <Table.Td>
              <Badge color={COLOR[f.severity]} variant="light" size="sm" radius="sm">
                {t(`checks.severities.${f.severity}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Code>{f.id}</Code>
            </Table.Td>
            <Table.Td>
              <Text fz="sm" component="div">
                {/* Helm's words stay English, marked so; the badge saying so is in the reader's language */}
                <span lang={f.helm ? 'en' : undefined}>{say(f.say, f.message)}</span>
                {f.helm && (
                  <Badge ml={6} size="xs" variant="outline" color="gray" radius="sm" tt="none" data-testid="helm-message">
                    {t('checks.helmMessage')}
                  </Badge>
                )}
              </Text>
              {f.details?.map((d, j) => (
                <Text key={j} fz="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {d.where && `${d.where}${t('checks.whereSeparator')}`}
                  {say(d.say, d.message)}
                </Text>
              ))}
              {f.path && (
                <Text fz="xs" c="dimmed" ff="monospace">
                  {f.path}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
