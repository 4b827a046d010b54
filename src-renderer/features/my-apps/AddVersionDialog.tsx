import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppDetail } from '../../../shared/types/catalog';
import { useAction } from '../../components/useAction';
import { ChartPicker, hasBlockingErrors, type PickedChart } from './ChartPicker';

/** A new draft version from a chart with the app's chart name and a version not used yet. */
export function AddVersionDialog({ app, onClose }: { app: AppDetail; onClose(): void }) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const [picked, setPicked] = useState<PickedChart | null>(null);
  const summary = picked?.check?.summary;
  const wrongName = summary !== undefined && summary.name !== app.chartName;
  const taken = summary !== undefined && app.versions.some((v) => v.state !== 'deleted' && v.chartVersion === summary.version);

  const add = async () => {
    if (!picked) return;
    const v = await run('version.add', { app: app.id, chart: picked.base64 });
    if (!v) return;
    // the package is saved either way; a .prov that does not check out is refused with the reason
    if (picked.provenance) await run('provenance.attach', { version: v.id, provenance: picked.provenance.text }, { success: t('provenance.attached') });
    onClose();
  };

  return (
    <Modal opened onClose={onClose} title={t('myApps.addVersionTitle', { app: app.chartName })} size="xl" centered>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t('myApps.addVersionIntro', { chart: app.chartName })}
        </Text>
        {/* what blocks saving is said next to the file, above the advisory checks */}
        <ChartPicker
          picked={picked}
          onPicked={setPicked}
          blocking={[
            ...(wrongName ? [t('myApps.wrongChartName', { expected: app.chartName, got: summary.name })] : []),
            ...(taken ? [t('myApps.versionTaken', { version: summary.version })] : []),
          ]}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void add()} loading={busy} disabled={hasBlockingErrors(picked) || wrongName || taken} data-testid="confirm-add-version">
            {t('myApps.addVersion')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
