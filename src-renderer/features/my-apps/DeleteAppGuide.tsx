import { Alert, Button, Group, List, Modal, Progress, Stack, Stepper, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppDetail } from '../../../shared/types/catalog';
import { navigate } from '../../app/router';
import { useHasRole } from '../../app/session';
import { useAction } from '../../components/useAction';

/**
 * Deleting a released app is three steps the catalog enforces one by one: take it out of
 * the store (suspend), delete every version, then delete the app. The guide shows where
 * the app stands and does the next step, explaining each in plain words.
 */
export function DeleteAppGuide({ app, onClose }: { app: AppDetail; onClose(): void }) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const canSuspend = useHasRole('reviewer', 'admin');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const live = app.versions.filter((v) => v.state !== 'deleted');
  const active = live.filter((v) => v.state === 'active');
  const step = active.length > 0 ? 0 : live.length > 0 ? 1 : 2;

  const suspend = () => void run('app.suspend', { app: app.id, message: t('deleteGuide.suspendMessage') });

  const deleteVersions = async () => {
    setProgress({ done: 0, total: live.length });
    for (const [i, v] of live.entries()) {
      if (v.state === 'submitted' && !(await run('version.cancel', { version: v.id }))) break;
      if (!(await run('version.delete', { version: v.id }))) break;
      setProgress({ done: i + 1, total: live.length });
    }
    setProgress(null);
  };

  const deleteApp = async () => {
    const r = await run('app.delete', { app: app.id }, { success: t('deleteGuide.deleted', { app: app.chartName }) });
    if (r) {
      onClose();
      navigate('my-apps');
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('deleteGuide.title', { app: app.chartName })} size="lg" centered>
      <Stack gap="lg">
        <Text fz="sm">{t('deleteGuide.intro')}</Text>
        <Stepper active={step} orientation="vertical" size="sm">
          <Stepper.Step label={t('deleteGuide.step1')} description={t('deleteGuide.step1Text')}>
            <Stack gap="xs">
              <Text fz="sm">{t('deleteGuide.activeVersions', { count: active.length, versions: active.map((v) => v.name).join(', ') })}</Text>
              {canSuspend ? (
                <Group>
                  <Button color="orange" onClick={suspend} loading={busy}>
                    {t('deleteGuide.suspendAll')}
                  </Button>
                </Group>
              ) : (
                <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
                  {t('deleteGuide.askReviewer')}
                </Alert>
              )}
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('deleteGuide.step2')} description={t('deleteGuide.step2Text')}>
            <Stack gap="xs">
              <List size="sm">
                {live.map((v) => (
                  <List.Item key={v.id}>
                    {v.name} — {t(`versionStates.${v.state}`)}
                  </List.Item>
                ))}
              </List>
              {progress && <Progress value={(progress.done / progress.total) * 100} animated aria-label={t('deleteGuide.deleting')} />}
              <Group>
                <Button color="red" onClick={() => void deleteVersions()} loading={busy}>
                  {t('deleteGuide.deleteVersions', { count: live.length })}
                </Button>
              </Group>
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('deleteGuide.step3')} description={t('deleteGuide.step3Text')}>
            <Group>
              <Button color="red" onClick={() => void deleteApp()} loading={busy} data-testid="delete-app">
                {t('deleteGuide.deleteApp', { app: app.chartName })}
              </Button>
            </Group>
          </Stepper.Step>
        </Stepper>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
