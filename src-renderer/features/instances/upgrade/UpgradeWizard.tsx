import { Alert, Badge, Button, Card, Group, Loader, Modal, Stack, Stepper, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClusterTarget, ReleaseHealth, ReleaseOutcome, UpgradePreview, UpgradeRequest } from '../../../../shared/types/deploy';
import type { ChartSource } from '../../../../shared/types/review-tools';
import type { JsonObject, ValuesValidation } from '../../../../shared/types/values';
import type { BerthError } from '../../../../shared/result';
import { call, onEvent } from '../../../api';
import { useSession } from '../../../app/session';
import { QueryError } from '../../../components/QueryError';
import { HealthBadge, ReleaseHealthView } from '../../../components/deploy/ReleaseHealthView';
import { ValuesEditor } from '../../../components/values-form/ValuesEditor';
import { parseOverrides } from '../../../components/values-form/yaml-sync';
import { CarryValues } from '../../../components/values-form/CarryValues';
import { ManifestDiff } from './ManifestDiff';

export interface UpgradeWizardProps {
  /** The deployed release; `chart` is what it runs now ("emqx-v1.0.0-rc.1"). */
  release: { name: string; namespace: string; target: ClusterTarget; chart?: string };
  /** The chart the release runs now, when the catalog has it; without it the values carry over as they are. */
  from?: ChartSource;
  /** The active catalog version to move to. */
  to: { version: string; name?: string };
  /** The person's values of the deployed revision (`helm get values`). */
  currentValues: JsonObject;
  onClose(): void;
  onDone?(outcome: ReleaseOutcome): void;
}

const CHANGE_COLOR = { added: 'teal', removed: 'red', changed: 'blue', unchanged: 'gray' } as const;
/** Long enough for a StatefulSet to roll on a busy cluster; the health view shows progress meanwhile. */
const WAIT_SECONDS = 300;

/**
 * Moving an instance to another version without losing what the person set: their
 * overrides are carried by a 3-way merge, conflicts are settled field by field, the
 * result can be edited, the manifest changes are previewed before anything is applied,
 * and the rollout is followed live until it is green (or says why not).
 */
export function UpgradeWizard({ release, from, to, currentValues, onClose, onDone }: UpgradeWizardProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [yaml, setYaml] = useState('');
  const [validation, setValidation] = useState<ValuesValidation>();
  const [preview, setPreview] = useState<UpgradePreview>();
  const [previewError, setPreviewError] = useState<BerthError>();
  const [applying, setApplying] = useState(false);
  const [outcome, setOutcome] = useState<ReleaseOutcome>();
  const [applyError, setApplyError] = useState<BerthError>();
  const [live, setLive] = useState<ReleaseHealth>();
  const toSource = { version: to.version };

  const values = useMemo(() => {
    const p = parseOverrides(yaml);
    return p.ok ? p.values : undefined;
  }, [yaml]);

  // the upgrade pushes the release's health while it waits for the rollout
  useEffect(
    () =>
      onEvent((name, payload) => {
        const h = payload as ReleaseHealth;
        if (name === 'deploy.status' && h.release === release.name && h.namespace === release.namespace) setLive(h);
      }),
    [release.name, release.namespace],
  );

  // the settled values are the whole set of overrides, so the previous ones are not reused
  const request = (): UpgradeRequest => ({
    target: release.target,
    release: release.name,
    namespace: release.namespace,
    chart: { version: to.version, purpose: 'store' },
    values: values ?? {},
    resetValues: true,
  });

  const doPreview = async () => {
    setPreview(undefined);
    setPreviewError(undefined);
    setStep(2);
    const r = await call('deploy.previewUpgrade', request());
    if (r.ok) setPreview(r.value);
    else setPreviewError(r.error);
  };

  const apply = async () => {
    setApplying(true);
    setApplyError(undefined);
    setLive(undefined);
    setStep(3);
    const r = await call('deploy.upgrade', { ...request(), wait: true, timeoutSeconds: WAIT_SECONDS });
    setApplying(false);
    if (r.ok) {
      setOutcome(r.value);
      onDone?.(r.value);
    } else setApplyError(r.error);
    void useSession.getState().refresh();
  };

  const counts = preview ? (['added', 'changed', 'removed'] as const).map((c) => [c, preview.changes.filter((x) => x.change === c).length] as const) : [];
  const health = outcome?.health ?? live;

  return (
    <Modal
      opened
      onClose={onClose}
      size="90%"
      title={t('valuesUpgrade.title', { release: release.name })}
      centered
      closeOnClickOutside={!applying}
      closeOnEscape={!applying}
      withCloseButton={!applying}
    >
      <Text fz="sm" c="dimmed" mb="md" data-testid="upgrade-route">
        {t('instances.upgrade.route', { from: release.chart ?? '—', to: to.name ?? to.version, namespace: release.namespace })}
      </Text>
      <Stepper active={step} onStepClick={(st) => !applying && !outcome && st < step && setStep(st)} size="sm">
        <Stepper.Step label={t('valuesUpgrade.steps.carry')} description={t('valuesUpgrade.steps.carryHelp')}>
          <Stack gap="sm">
            {!from && (
              <Alert color="yellow" variant="light">
                {t('instances.upgrade.noFrom')}
              </Alert>
            )}
            <CarryValues
              from={from ?? toSource}
              to={toSource}
              values={currentValues}
              onSettled={(y) => {
                setYaml(y);
                setStep(1);
              }}
            />
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={t('valuesUpgrade.steps.values')} description={t('valuesUpgrade.steps.valuesHelp')}>
          <Stack gap="sm">
            <ValuesEditor chart={toSource} value={yaml} onChange={setYaml} onValidation={setValidation} height={460} />
            <Group justify="space-between">
              <Button variant="default" onClick={() => setStep(0)}>
                {t('common.previous')}
              </Button>
              <Button onClick={() => void doPreview()} disabled={!values || (validation !== undefined && !validation.valid)} data-testid="preview-upgrade">
                {t('valuesUpgrade.preview')}
              </Button>
            </Group>
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={t('valuesUpgrade.steps.preview')} description={t('valuesUpgrade.steps.previewHelp')}>
          <Stack gap="sm" data-testid="upgrade-preview">
            {previewError && <QueryError error={previewError} />}
            {!preview && !previewError && <Loader size="sm" />}
            {preview && (
              <>
                <Text fz="sm">{t('valuesUpgrade.previewSummary', { from: preview.fromChart, to: preview.toChart, revision: preview.fromRevision })}</Text>
                <Group gap="xs" data-testid="preview-counts">
                  {counts.map(([c, n]) => (
                    <Badge key={c} color={CHANGE_COLOR[c]} variant="light" radius="sm" tt="none" data-change={c} data-count={n}>
                      {t(`instances.upgrade.count.${c}`, { count: n })}
                    </Badge>
                  ))}
                </Group>
                {counts.every(([, n]) => n === 0) && <Alert color="gray">{t('instances.upgrade.nothingChanges')}</Alert>}
                <Stack gap="xs">
                  {preview.changes
                    .filter((c) => c.change !== 'unchanged')
                    .map((c) => (
                      <Card key={c.resource} withBorder padding="xs" data-resource={c.resource} data-change={c.change}>
                        <Group gap="sm" mb={c.diff ? 6 : 0}>
                          <Badge size="sm" color={CHANGE_COLOR[c.change]} variant="light" radius="sm">
                            {t(`valuesUpgrade.changes.${c.change}`)}
                          </Badge>
                          <Text ff="monospace" fz="sm" fw={600}>
                            {c.resource}
                          </Text>
                        </Group>
                        {c.diff && <ManifestDiff diff={c.diff} />}
                      </Card>
                    ))}
                </Stack>
              </>
            )}
            <Group justify="space-between">
              <Button variant="default" onClick={() => setStep(1)}>
                {t('common.previous')}
              </Button>
              <Button color="teal" onClick={() => void apply()} disabled={!preview} data-testid="apply-upgrade">
                {t('valuesUpgrade.apply')}
              </Button>
            </Group>
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={t('instances.upgrade.steps.apply')} description={t('instances.upgrade.steps.applyHelp')} loading={applying}>
          <Stack
            gap="sm"
            data-testid="upgrade-outcome"
            data-state={applying ? 'applying' : outcome ? (outcome.health?.health ?? 'done') : applyError ? 'failed' : 'idle'}
          >
            {applying && (
              <Group gap="xs">
                <Loader size="xs" />
                <Text fz="sm">{t('instances.upgrade.applying', { release: release.name, to: to.name ?? to.version })}</Text>
              </Group>
            )}
            {outcome && (
              <Alert
                color={outcome.health?.health === 'red' ? 'red' : 'teal'}
                variant="light"
                title={t('instances.upgrade.outcomeTitle', { release: release.name, revision: outcome.release.revision })}
              >
                <Group gap="xs">
                  {outcome.health && <HealthBadge health={outcome.health} />}
                  <Text fz="sm">
                    {t('instances.upgrade.outcome', { chart: outcome.release.chart, status: t(`instances.status.${outcome.release.status}`) })}
                  </Text>
                </Group>
              </Alert>
            )}
            {applyError && <QueryError error={applyError} />}
            {health && <ReleaseHealthView health={health} maxEvents={5} />}
            <Group justify={applyError ? 'space-between' : 'flex-end'}>
              {applyError && (
                <Button variant="default" onClick={() => setStep(2)}>
                  {t('common.previous')}
                </Button>
              )}
              <Button onClick={onClose} disabled={applying} data-testid="close-upgrade">
                {t('common.close')}
              </Button>
            </Group>
          </Stack>
        </Stepper.Step>
      </Stepper>
    </Modal>
  );
}
