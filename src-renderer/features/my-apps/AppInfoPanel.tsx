import { Alert, Button, Divider, Grid, Group, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DESCRIPTION_CHARS as DESCRIPTION_MAX } from '../../../shared/limits';
import type { AppDetail } from '../../../shared/types/catalog';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { useAction } from '../../components/useAction';
import { MarkdownEditor } from './MarkdownEditor';
import { MediaEditor } from './MediaEditor';

interface InfoForm {
  description: string;
  home: string;
  category: string;
  introduction: string;
}

function formOf(app: AppDetail): InfoForm {
  return { description: app.info.description, home: app.info.home, category: app.info.category, introduction: app.info.introduction };
}

/** The store-facing information: text, category, home page, icon and screenshots. */
export function AppInfoPanel({ app }: { app: AppDetail }) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const categories = useCatalogQuery('category.list', {});
  const [form, setForm] = useState<InfoForm>(() => formOf(app));
  const [homeError, setHomeError] = useState<string | undefined>();
  const saved = formOf(app);
  // Reset the form only when the saved information itself changes: a background refresh (auto-sync)
  // hands over a new but equal app object, and must not wipe what the person is typing.
  const savedKey = JSON.stringify(saved);
  useEffect(() => setForm(JSON.parse(savedKey) as InfoForm), [savedKey]);
  const dirty = (Object.keys(form) as (keyof InfoForm)[]).some((k) => form[k] !== saved[k]);
  const locked = app.infoLocked;

  const set = (patch: Partial<InfoForm>) => setForm((f) => ({ ...f, ...patch }));
  const save = async () => {
    if (form.home.trim() && !/^https?:\/\/\S+$/.test(form.home.trim())) {
      setHomeError(t('appInfo.homeInvalid'));
      return;
    }
    setHomeError(undefined);
    const patch: Partial<InfoForm> = {};
    for (const k of Object.keys(form) as (keyof InfoForm)[]) if (form[k] !== saved[k]) patch[k] = k === 'home' ? form[k].trim() : form[k];
    await run('app.updateInfo', { app: app.id, ...patch }, { success: t('appInfo.saved') });
  };

  return (
    <Grid gutter="xl">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack gap="md">
          <Title order={2} fz="md">
            {t('appInfo.details')}
          </Title>
          <Textarea
            label={t('appInfo.description')}
            description={
              <>
                {t('appInfo.descriptionHint')}{' '}
                <span data-testid="description-count">{t('common.counter', { count: form.description.length, max: DESCRIPTION_MAX })}</span>
              </>
            }
            value={form.description}
            onChange={(e) => set({ description: e.currentTarget.value })}
            autosize
            minRows={2}
            maxLength={DESCRIPTION_MAX}
            disabled={locked}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('appInfo.home')}
              placeholder="https://"
              value={form.home}
              onChange={(e) => set({ home: e.currentTarget.value })}
              error={homeError}
              disabled={locked}
            />
            <Select
              label={t('appInfo.category')}
              data={(categories.data ?? []).map((c) => ({ value: c.id, label: c.builtIn ? t('store.uncategorized') : c.name }))}
              value={form.category}
              onChange={(v) => v && set({ category: v })}
              allowDeselect={false}
              disabled={locked}
              data-testid="category-select"
            />
          </Group>
          <MarkdownEditor
            label={t('appInfo.introduction')}
            value={form.introduction}
            onChange={(v) => set({ introduction: v })}
            disabled={locked}
            minRows={10}
          />
          <Group justify="space-between">
            <Text fz="xs" c="dimmed">
              {t('appInfo.reachesStore')}
            </Text>
            <Group gap="xs">
              <Button variant="default" disabled={!dirty || busy} onClick={() => setForm(saved)}>
                {t('common.discard')}
              </Button>
              <Button
                leftSection={<IconDeviceFloppy size={16} aria-hidden />}
                onClick={() => void save()}
                loading={busy}
                disabled={!dirty || locked}
                data-testid="save-info"
              >
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack gap="md">
          <Divider hiddenFrom="lg" />
          {locked && <Alert color="yellow">{t('myApps.infoLocked')}</Alert>}
          <MediaEditor app={app} disabled={locked} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
