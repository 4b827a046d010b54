import { Card, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notify } from '../../components/notify';
import { useTranslation } from 'react-i18next';
import type { Language, Settings, ThemePreference } from '../../../shared/types/core';
import { THEME_ICONS } from '../../app/Header';
import { useSettings } from '../../app/settings-store';
import { PageBody } from '../../components/PageBody';
import { PageHeader } from '../../components/PageHeader';
import { LANGUAGE_NAMES } from '../../i18n';
import { IdentityCard } from './IdentityCard';

export function SettingsPage() {
  const { t } = useTranslation();
  const { settings, info, update } = useSettings();

  const save = async (patch: Partial<Settings>) => {
    const problem = await update(patch);
    if (problem) notify({ color: 'red', title: t('settings.saveFailed'), message: problem });
  };

  return (
    <PageBody>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <IdentityCard />
        <Card padding="lg">
          <Title order={2} fz="lg" mb="md">
            {t('settings.appearance')}
          </Title>
          <Stack gap="lg">
            <Stack gap={6}>
              <Text fw={550} fz="sm" id="settings-language">
                {t('settings.language')}
              </Text>
              <SegmentedControl
                aria-labelledby="settings-language"
                value={settings.language}
                onChange={(v) => void save({ language: v as Language })}
                data={(Object.keys(LANGUAGE_NAMES) as Language[]).map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
              />
              <Text fz="xs" c="dimmed">
                {t('settings.languageHint')}
              </Text>
            </Stack>
            <Stack gap={6}>
              <Text fw={550} fz="sm" id="settings-theme">
                {t('settings.theme')}
              </Text>
              <SegmentedControl
                aria-labelledby="settings-theme"
                value={settings.theme}
                onChange={(v) => void save({ theme: v as ThemePreference })}
                data={(['light', 'dark', 'auto'] as const).map((v) => {
                  const Icon = THEME_ICONS[v];
                  return {
                    value: v,
                    label: (
                      <Group gap={6} justify="center" wrap="nowrap">
                        <Icon size={16} aria-hidden />
                        <span>{t(`settings.themes.${v}`)}</span>
                      </Group>
                    ),
                  };
                })}
              />
            </Stack>
          </Stack>
        </Card>
        <Card padding="lg">
          <Title order={2} fz="lg" mb="md">
            {t('settings.about')}
          </Title>
          <Table variant="vertical" layout="fixed" withTableBorder={false}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={150}>{t('settings.version')}</Table.Th>
                <Table.Td>{info?.version ?? '—'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('settings.mode')}</Table.Th>
                <Table.Td>{info ? t(`settings.modes.${info.host}`) : '—'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('settings.dataDir')}</Table.Th>
                <Table.Td>
                  <Text ff="monospace" fz="sm" style={{ wordBreak: 'break-all' }}>
                    {info?.dataDir ?? '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Card>
      </SimpleGrid>
    </PageBody>
  );
}
