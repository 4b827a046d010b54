import { Accordion, Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../shared/types/catalog';
import { useDateFormat } from '../../components/format';
import { Markdown } from '../../components/Markdown';

/** Released versions, newest first, each with its changelog and release date. */
export function VersionHistory({ versions }: { versions: VersionSummary[] }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  return (
    <Accordion variant="separated" defaultValue={versions[0]?.id} radius="md">
      {versions.map((v, i) => (
        <Accordion.Item key={v.id} value={v.id}>
          <Accordion.Control>
            <Group justify="space-between" wrap="nowrap" pr="sm">
              <Group gap="sm">
                <Text fw={600}>{v.name}</Text>
                {i === 0 && (
                  <Badge size="sm" variant="light" color="teal" radius="sm" tt="none">
                    {t('store.latest')}
                  </Badge>
                )}
                {v.appVersion && (
                  <Text fz="xs" c="dimmed">
                    {t('store.appVersionShort', { version: v.appVersion })}
                  </Text>
                )}
              </Group>
              <Text fz="xs" c="dimmed">
                {t('store.releasedOn', { date: date(v.updatedAt) })}
              </Text>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Markdown source={v.changelog} empty={t('store.noChangelog')} />
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
