import { Alert, Button, Group, Loader, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowUpCircle, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../shared/types/catalog';
import type { BerthError } from '../../../shared/result';
import type { ClusterInfo, UpgradeTestOutcome } from '../../../shared/types/deploy';
import { call } from '../../api';
import { useSession } from '../../app/session';
import { parseOverrides } from '../values-form/yaml-sync';
import { type CiCase, CiCasePicker } from './CiCasePicker';
import { ClusterTargetPicker } from './ClusterTargetPicker';
import { useClusterTarget, useTarget } from './cluster-target-store';
import { isReleaseName, releaseNameFor } from './release-name';

/** Helm's default --timeout (5m0s), per step. */
const DEFAULT_TIMEOUT_SECONDS = 300;

/** The app's active versions created before `version`, newest first: what an upgrade test can start from. */
export function upgradeSources(versions: VersionSummary[], version: VersionSummary): VersionSummary[] {
  return versions
    .filter((v) => v.state === 'active' && v.id !== version.id && v.createdAt <= version.createdAt)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export interface UpgradeTestDialogProps {
  chartName: string;
  version: VersionSummary;
  /** The app's other versions; the active ones created before `version` are the starting points. */
  versions: VersionSummary[];
  onClose(): void;
}

/**
 * "Upgrade test", as chart-testing's `ct install --upgrade`: installs an earlier active version
 * on the test cluster, waits for it, upgrades the release to this version, waits, and runs the
 * chart's tests. The outcome is recorded on this version; the reviewer sees it in the report.
 */
export function UpgradeTestDialog({ chartName, version, versions, onClose }: UpgradeTestDialogProps) {
  const { t } = useTranslation();
  const sources = upgradeSources(versions, version);
  const target = useTarget();
  const namespace = useClusterTarget((s) => s.namespace).trim();
  const [from, setFrom] = useState(sources[0]?.id ?? '');
  const [release, setRelease] = useState(releaseNameFor(`${chartName}-upgrade`));
  const [timeoutInput, setTimeoutInput] = useState<string | number>(DEFAULT_TIMEOUT_SECONDS);
  const [cluster, setCluster] = useState<ClusterInfo>();
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<UpgradeTestOutcome>();
  const [error, setError] = useState<BerthError>();
  const [ciCase, setCiCase] = useState<CiCase>();
  const ciValues = ciCase ? parseOverrides(ciCase.text) : undefined;
  const fromName = sources.find((s) => s.id === from)?.name ?? '';
  const releaseOk = isReleaseName(release);
  const canRun = !!cluster && !!from && releaseOk && namespace !== '' && !running && (!ciValues || ciValues.ok);

  const run = async () => {
    setRunning(true);
    setOutcome(undefined);
    setError(undefined);
    const r = await call('deploy.upgradeTest', {
      target,
      release,
      namespace,
      createNamespace: !!cluster && !cluster.namespaces.includes(namespace),
      version: version.id,
      from,
      ...(ciCase && ciValues?.ok ? { values: ciValues.values, ciCase: { file: ciCase.file } } : {}),
      timeoutSeconds: typeof timeoutInput === 'number' && timeoutInput > 0 ? Math.round(timeoutInput) : DEFAULT_TIMEOUT_SECONDS,
    });
    setRunning(false);
    if (r.ok) setOutcome(r.value);
    else setError(r.error);
    // the outcome is recorded on the version; the version list and its report refetch it
    void useSession.getState().refresh();
  };

  return (
    <Modal
      opened
      onClose={() => !running && onClose()}
      title={t('upgradeTest.title', { app: chartName, version: version.name })}
      size="min(900px, 96vw)"
      centered
      closeOnClickOutside={false}
    >
      <Stack gap="md" data-testid="upgrade-test-dialog">
        <Text fz="sm">{t('upgradeTest.explain')}</Text>
        {sources.length === 0 ? (
          <Alert color="yellow" data-testid="upgrade-test-no-source">
            {t('upgradeTest.noSource')}
          </Alert>
        ) : (
          <>
            <Group grow align="flex-end">
              <Select
                label={t('upgradeTest.from')}
                description={t('upgradeTest.fromHint')}
                data={sources.map((s) => ({ value: s.id, label: s.name }))}
                value={from}
                onChange={(v) => v && setFrom(v)}
                allowDeselect={false}
                disabled={running}
              />
              <TextInput
                label={t('deploy.releaseName')}
                value={release}
                onChange={(e) => setRelease(e.currentTarget.value)}
                description={t('upgradeTest.releaseHint')}
                error={releaseOk ? undefined : t('deploy.releaseNameInvalid')}
                disabled={running}
              />
              <NumberInput
                label={t('deploy.timeout')}
                description={t('upgradeTest.timeoutHint')}
                value={timeoutInput}
                onChange={setTimeoutInput}
                min={1}
                max={3600}
                allowDecimal={false}
                disabled={running}
              />
            </Group>
            {/* both versions are deployed with the case's values, as ct install --upgrade does */}
            <CiCasePicker versionId={version.id} picked={ciCase} edited={false} onPick={setCiCase} />
            <ClusterTargetPicker onCluster={setCluster} />
          </>
        )}
        {running && (
          <Group gap="xs" data-testid="upgrade-test-running">
            <Loader size="sm" />
            <Text fz="sm">{t('upgradeTest.running', { from: fromName, to: version.name, release, namespace })}</Text>
          </Group>
        )}
        {outcome && (
          <Alert
            data-testid="upgrade-test-outcome"
            data-outcome={outcome.outcome}
            color={outcome.outcome === 'passed' ? 'green' : 'red'}
            icon={outcome.outcome === 'passed' ? <IconCircleCheck size={18} /> : <IconCircleX size={18} />}
            title={
              outcome.outcome === 'passed'
                ? t('upgradeTest.passed', { from: outcome.fromName ?? fromName, to: version.name })
                : t('upgradeTest.failed', { from: outcome.fromName ?? fromName, to: version.name })
            }
          >
            <Stack gap={4}>
              {outcome.message && (
                <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {outcome.message}
                </Text>
              )}
              <Text fz="sm" c="dimmed">
                {t('upgradeTest.recorded', { version: version.name })}
              </Text>
            </Stack>
          </Alert>
        )}
        {error && (
          <Alert color="red" data-testid="upgrade-test-error" title={t('upgradeTest.couldNotRun')}>
            {error.message}
          </Alert>
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={onClose} disabled={running}>
            {t('common.close')}
          </Button>
          {sources.length > 0 && (
            <Button leftSection={<IconArrowUpCircle size={16} />} onClick={() => void run()} disabled={!canRun} loading={running}>
              {t('upgradeTest.run')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
