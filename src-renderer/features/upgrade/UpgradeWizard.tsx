import { Alert, Badge, Button, Code, Group, Loader, Modal, Stack, Stepper, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClusterTarget, UpgradePreview } from '../../../shared/types/deploy';
import type { ChartSource } from '../../../shared/types/review-tools';
import type { JsonObject, ValuesValidation } from '../../../shared/types/values';
import { call } from '../../api';
import { useAction } from '../../components/useAction';
import { ValuesEditor } from '../values-form/ValuesEditor';
import { parseOverrides } from '../values-form/yaml-sync';
import { CarryValues } from './CarryValues';

export interface UpgradeWizardProps {
  /** The deployed release. */
  release: { name: string; namespace: string; target: ClusterTarget };
  /** The chart the release runs now, and the catalog version to move to. */
  from: ChartSource;
  to: { version: string };
  /** The person's values of the deployed revision (`helm get values`). */
  currentValues: JsonObject;
  onClose(): void;
  onDone?(): void;
}

const CHANGE_COLOR = { added: 'teal', removed: 'red', changed: 'blue', unchanged: 'gray' } as const;

/**
 * Moving an instance to another version without losing what the person set: their
 * overrides are carried by a 3-way merge, conflicts are settled field by field, the
 * result can be edited, and the manifest changes are previewed before anything is applied.
 */
export function UpgradeWizard({ release, from, to, currentValues, onClose, onDone }: UpgradeWizardProps) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const [step, setStep] = useState(0);
  const [yaml, setYaml] = useState('');
  const [validation, setValidation] = useState<ValuesValidation>();
  const [preview, setPreview] = useState<UpgradePreview>();
  const [previewError, setPreviewError] = useState<string>();

  const values = useMemo(() => {
    const p = parseOverrides(yaml);
    return p.ok ? p.values : undefined;
  }, [yaml]);

  const request = () => ({ target: release.target, release: release.name, namespace: release.namespace, chart: { kind: 'catalog' as const, version: to.version, purpose: 'store' as const }, values: values ?? {}, resetValues: true });

  const doPreview = async () => {
    setPreview(undefined);
    setPreviewError(undefined);
    setStep(2);
    const r = await call('deploy.previewUpgrade', request());
    if (r.ok) setPreview(r.value);
    else setPreviewError(r.error.message);
  };

  const apply = async () => {
    const r = await run('deploy.upgrade', { ...request(), wait: true }, { success: t('valuesUpgrade.done', { release: release.name }) });
    if (r) {
      onDone?.();
      onClose();
    }
  };

  return (
    <Modal opened onClose={onClose} size="90%" title={t('valuesUpgrade.title', { release: release.name })} centered>
      <Stepper active={step} onStepClick={(st) => st < step && setStep(st)} size="sm">
          <Stepper.Step label={t('valuesUpgrade.steps.carry')} description={t('valuesUpgrade.steps.carryHelp')}>
            <CarryValues
              from={from}
              to={to}
              values={currentValues}
              onSettled={(y) => {
                setYaml(y);
                setStep(1);
              }}
            />
          </Stepper.Step>
          <Stepper.Step label={t('valuesUpgrade.steps.values')} description={t('valuesUpgrade.steps.valuesHelp')}>
            <Stack gap="sm">
              <ValuesEditor chart={to} value={yaml} onChange={setYaml} onValidation={setValidation} height={460} />
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
              {previewError && <Alert color="red">{previewError}</Alert>}
              {!preview && !previewError && <Loader size="sm" />}
              {preview && (
                <>
                  <Text fz="sm">{t('valuesUpgrade.previewSummary', { from: preview.fromChart, to: preview.toChart, revision: preview.fromRevision })}</Text>
                  <Table withTableBorder fz="sm">
                    <Table.Tbody>
                      {preview.changes
                        .filter((c) => c.change !== 'unchanged')
                        .map((c) => (
                          <Table.Tr key={c.resource}>
                            <Table.Td>
                              <Badge size="sm" color={CHANGE_COLOR[c.change]} variant="light" radius="sm">
                                {t(`valuesUpgrade.changes.${c.change}`)}
                              </Badge>
                            </Table.Td>
                            <Table.Td ff="monospace">{c.resource}</Table.Td>
                            <Table.Td>{c.diff && <Code block fz={11} style={{ maxHeight: 220, overflow: 'auto' }}>{c.diff}</Code>}</Table.Td>
                          </Table.Tr>
                        ))}
                    </Table.Tbody>
                  </Table>
                </>
              )}
              <Group justify="space-between">
                <Button variant="default" onClick={() => setStep(1)}>
                  {t('common.previous')}
                </Button>
                <Button color="teal" onClick={() => void apply()} loading={busy} disabled={!preview} data-testid="apply-upgrade">
                  {t('valuesUpgrade.apply')}
                </Button>
              </Group>
            </Stack>
          </Stepper.Step>
        </Stepper>
    </Modal>
  );
}
