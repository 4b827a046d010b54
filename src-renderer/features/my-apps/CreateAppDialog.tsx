import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { useAction } from '../../components/useAction';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { ChartPicker, hasBlockingErrors, type PickedChart } from './ChartPicker';

/** A new app from a chart: pick it, see the checks, choose workspace and category, create. */
export function CreateAppDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const session = useSession((s) => s.session);
  const workspaces = session?.workspaces.filter((w) => w.role === 'isv') ?? [];
  const categories = useCatalogQuery('category.list', {});
  const [picked, setPicked] = useState<PickedChart | null>(null);
  const [workspace, setWorkspace] = useState<string | null>(workspaces[0]?.workspace ?? null);
  const [category, setCategory] = useState<string | null>(null);

  const create = async () => {
    if (!picked || !workspace) return;
    const app = await run('app.create', { workspace, chart: picked.base64, category: category ?? undefined }, { success: t('myApps.created') });
    if (app) {
      // the package is saved either way; a .prov that does not check out is refused with the reason
      const version = app.versions[0]?.id;
      if (picked.provenance && version) await run('provenance.attach', { version, provenance: picked.provenance.text }, { success: t('provenance.attached') });
      onClose();
      navigate('my-apps', 'app', app.id);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('myApps.createTitle')} size="xl" centered>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t('myApps.createIntro')}
        </Text>
        <ChartPicker picked={picked} onPicked={setPicked} />
        <Group grow>
          <Select
            label={t('myApps.columns.workspace')}
            data={workspaces.map((w) => ({ value: w.workspace, label: w.workspaceName }))}
            value={workspace}
            onChange={setWorkspace}
            allowDeselect={false}
            required
          />
          <Select
            label={t('appInfo.category')}
            placeholder={t('store.uncategorized')}
            data={(categories.data ?? []).map((c) => ({ value: c.id, label: c.builtIn ? t('store.uncategorized') : c.name }))}
            value={category}
            onChange={setCategory}
            clearable
          />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void create()} loading={busy} disabled={hasBlockingErrors(picked) || !workspace} data-testid="confirm-create-app">
            {t('myApps.createConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
