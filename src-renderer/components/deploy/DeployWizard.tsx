import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Stepper, Tabs, Text, TextInput } from '@mantine/core';
import { IconCloudOff, IconRocket } from '@tabler/icons-react';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionState } from '../../../shared/types/catalog';
import type { ClusterInfo, InstallRequest, PreflightReport, ReleaseHealth } from '../../../shared/types/deploy';
import type { ValuesValidation } from '../../../shared/types/values';
import type { BerthError } from '../../../shared/result';
import { call, onEvent } from '../../api';
import { navigate } from '../../app/router';
import { useErrorText } from '../errors';
import { useSession } from '../../app/session';
import { ValuesEditor } from '../values-form/ValuesEditor';
import { parseOverrides } from '../values-form/yaml-sync';
import { type CiCase, CiCasePicker } from './CiCasePicker';
import { ClusterTargetPicker } from './ClusterTargetPicker';
import { useClusterTarget, useTarget } from './cluster-target-store';
import { type DeployOutcome, InstallProgress } from './InstallProgress';
import { CosignBadge } from '../provenance/CosignBadge';
import { ImageDigestNotice } from './ImageDigestNotice';
import { OfflinePreview } from './OfflinePreview';
import { PreflightResult, type QuickFixMode } from './PreflightResult';
import { isReleaseName, releaseNameFor } from './release-name';

export interface DeployChoice {
  id: string;
  name: string;
  state: VersionState;
}

export interface DeployWizardProps {
  /** `test`: an ISV's test deploy of a draft (any state); `store`: a released version (the catalog refuses others). */
  purpose: 'test' | 'store';
  /** The chart's name: title and default release name. */
  chartName: string;
  /** The versions to choose from (store: the active ones, newest first; test: the one version). */
  versions: DeployChoice[];
  initialVersion?: string;
  onClose(): void;
  /** Told once a deploy has ended, whatever the outcome. */
  onFinished?(outcome: DeployOutcome): void;
  /** A second tab beside "Deploy to a cluster" (the store's package and Helm command). */
  extraTab?: { label: string; content: ReactNode };
}

/** Helm's default --timeout (5m0s). */
const DEFAULT_TIMEOUT_SECONDS = 300;
type Step = 0 | 1 | 2 | 3;

/**
 * Deploys a catalog version to a cluster, in four steps: where (context, namespace, release
 * name), values (schema form beside the YAML; must validate), pre-flight (the cluster's
 * server-side dry run; removed APIs come with the API-migration quick fix for drafts), and
 * install with wait, showing the live status until it turns green, red or times out.
 */
export function DeployWizard({ purpose, chartName, versions, initialVersion, onClose, onFinished, extraTab }: DeployWizardProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const target = useTarget();
  const namespace = useClusterTarget((s) => s.namespace).trim();
  const setNamespace = useClusterTarget((s) => s.setNamespace);
  const hasContexts = useClusterTarget((s) => (s.info?.contexts.length ?? 0) > 0);
  const [step, setStep] = useState<Step>(0);
  const [versionId, setVersionId] = useState(initialVersion ?? versions[0]?.id ?? '');
  const [release, setRelease] = useState(releaseNameFor(chartName));
  const [timeoutInput, setTimeoutInput] = useState<string | number>(DEFAULT_TIMEOUT_SECONDS);
  const timeoutSeconds = typeof timeoutInput === 'number' && timeoutInput > 0 ? Math.round(timeoutInput) : DEFAULT_TIMEOUT_SECONDS;
  const context = useClusterTarget((s) => s.context);
  // the kubeconfig has been read (or failed to be read): until then nothing is known about a cluster
  const kubeconfigRead = useClusterTarget((s) => !s.loading && (s.info !== undefined || s.error !== undefined));
  /** The picker's last answer and the context it was for: an answer for another context is still being replaced. */
  const [checked, setChecked] = useState<{ context: string | undefined; cluster: ClusterInfo | undefined }>();
  const cluster = checked && checked.context === context ? checked.cluster : undefined;
  // "no cluster" is said only once the kubeconfig is read and the chosen context has answered, never while they load
  const clusterKnown = kubeconfigRead && checked !== undefined && checked.context === context;
  const [valuesYaml, setValuesYaml] = useState('');
  const [validation, setValidation] = useState<ValuesValidation>();
  const [preflight, setPreflight] = useState<{ loading: boolean; report?: PreflightReport; error?: BerthError }>({ loading: false });
  const [fix, setFix] = useState<{ running: boolean; note?: string }>({ running: false });
  const [health, setHealth] = useState<ReleaseHealth>();
  const [outcome, setOutcome] = useState<DeployOutcome>();
  const [installing, setInstalling] = useState(false);
  const [taken, setTaken] = useState<string[]>([]);
  const [pins, setPins] = useState<Record<string, string>>();
  const [ciCase, setCiCase] = useState<CiCase>();
  const ciEdited = !!ciCase && valuesYaml !== ciCase.text;
  const version = versions.find((v) => v.id === versionId);
  const parsed = parseOverrides(valuesYaml);

  const request = (): InstallRequest => ({
    target,
    release,
    namespace,
    createNamespace: !!cluster && !cluster.namespaces.includes(namespace),
    chart: { version: versionId, purpose },
    values: parsed.ok ? parsed.values : {},
    ...(pins ? { pinImages: pins } : {}),
    ...(purpose === 'test' && ciCase ? { ciCase: { file: ciCase.file, ...(ciEdited ? { edited: true } : {}) } } : {}),
  });

  const runPreflight = async () => {
    setPreflight({ loading: true });
    const r = await call('deploy.preflight', request());
    setPreflight(r.ok ? { loading: false, report: r.value } : { loading: false, error: r.error });
  };

  // Live status while the install waits: the service pushes `deploy.status` for this release.
  useEffect(
    () =>
      onEvent((name, payload) => {
        if (name !== 'deploy.status' || !installing) return;
        const h = payload as ReleaseHealth;
        if (h.release === release && h.namespace === namespace) setHealth(h);
      }),
    [installing, release, namespace],
  );

  // Releases already in the namespace: Helm refuses to install over a name in use.
  useEffect(() => {
    if (!cluster || !cluster.namespaces.includes(namespace)) {
      setTaken([]);
      return;
    }
    let stale = false;
    void call('deploy.list', { target, namespace }).then((r) => {
      if (!stale) setTaken(r.ok ? r.value.map((x) => x.name) : []);
    });
    return () => {
      stale = true;
    };
  }, [cluster, target, namespace]);

  const quickFixMode: QuickFixMode =
    purpose === 'store' ? 'store' : version && (version.state === 'draft' || version.state === 'rejected') ? 'fix' : 'not-draft';

  const applyQuickFix = async () => {
    setFix({ running: true });
    const fail = (e: BerthError) => setFix({ running: false, note: errorText(e).message });
    const migrated = await call('chart.migrateApis', { chart: { version: versionId }, ...(cluster ? { kubeVersion: cluster.version } : {}) });
    if (!migrated.ok) return fail(migrated.error);
    if (!migrated.value.changed) return setFix({ running: false, note: t('deploy.preflight.quickFixNothing') });
    const edited = await call('version.edit', { version: versionId, chart: migrated.value.packageBase64 });
    if (!edited.ok) return fail(edited.error);
    void useSession.getState().refresh();
    setFix({ running: false, note: t('deploy.preflight.quickFixDone', { file: migrated.value.fileName, count: migrated.value.changes.length }) });
    if (cluster) await runPreflight();
  };

  const install = async () => {
    setStep(3);
    setHealth(undefined);
    setOutcome(undefined);
    setInstalling(true);
    const r = await call('deploy.install', {
      ...request(),
      wait: true,
      timeoutSeconds,
      description: purpose === 'test' ? 'Berth test deploy' : 'Berth store deploy',
    });
    setInstalling(false);
    let done: DeployOutcome;
    if (r.ok) {
      const h = r.value.health;
      done =
        !h || h.health === 'green' ? { kind: 'green', ...(h ? { health: h } : {}) } : { kind: h.timedOut ? 'timeout' : 'red', message: h.reason, health: h };
    } else {
      done = { kind: r.error.code === 'deploy.timeout' ? 'timeout' : 'failed', message: r.error.message, error: r.error };
    }
    setOutcome(done);
    // the deploy service has recorded a test deploy's outcome on the version; the version list refetches it
    if (purpose === 'test') void useSession.getState().refresh();
    onFinished?.(done);
  };

  const releaseOk = isReleaseName(release);
  const releaseTaken = taken.includes(release);
  // without a cluster the values and the locally rendered manifests can still be seen; only the deploy needs one
  const offline = !cluster;
  const canLeaveTarget = clusterKnown && !!version && releaseOk && (offline || (!releaseTaken && namespace !== ''));
  const valuesOk = parsed.ok && validation?.valid === true;

  const body = (
    <Stack gap="md">
      <Stepper
        active={outcome?.kind === 'green' ? 4 : step}
        onStepClick={(s) => !installing && s < step && setStep(s as Step)}
        size="sm"
        allowNextStepsSelect={false}
      >
        <Stepper.Step label={t('deploy.steps.target')} description={t('deploy.steps.targetHint')} />
        <Stepper.Step label={t('deploy.steps.values')} description={t('deploy.steps.valuesHint')} />
        {offline && step < 3 ? (
          <Stepper.Step label={t('deploy.steps.preview')} description={t('deploy.steps.previewHint')} />
        ) : (
          <Stepper.Step label={t('deploy.steps.preflight')} description={t('deploy.steps.preflightHint')} />
        )}
        <Stepper.Step label={t('deploy.steps.install')} description={t('deploy.steps.installHint')} />
      </Stepper>

      {step === 0 && (
        <Stack gap="sm">
          <Group grow align="flex-end">
            <Select
              label={t('deploy.version')}
              data={versions.map((v) => ({ value: v.id, label: v.name }))}
              value={versionId}
              onChange={(v) => v && setVersionId(v)}
              allowDeselect={false}
              disabled={versions.length < 2}
              description={purpose === 'store' ? t('deploy.onlyActive') : undefined}
            />
            <TextInput
              label={t('deploy.releaseName')}
              value={release}
              onChange={(e) => setRelease(e.currentTarget.value)}
              description={t('deploy.releaseNameHint')}
              error={!releaseOk ? t('deploy.releaseNameInvalid') : releaseTaken ? t('deploy.releaseNameTaken', { release, namespace }) : undefined}
            />
            <NumberInput
              label={t('deploy.timeout')}
              description={t('deploy.timeoutHint')}
              value={timeoutInput}
              onChange={setTimeoutInput}
              min={1}
              max={3600}
              allowDecimal={false}
            />
          </Group>
          <ClusterTargetPicker onCluster={(c) => setChecked({ context: useClusterTarget.getState().context, cluster: c })} />
          {clusterKnown && offline && (
            <Alert color="blue" variant="light" icon={<IconCloudOff size={18} />} data-testid="deploy-offline">
              <Text fz="sm">{t('deploy.offline.atTarget')}</Text>
            </Alert>
          )}
          {clusterKnown && offline && !hasContexts && (
            <TextInput
              label={t('deploy.target.namespace')}
              description={t('deploy.offline.namespaceHint')}
              value={namespace}
              onChange={(e) => setNamespace(e.currentTarget.value)}
            />
          )}
        </Stack>
      )}

      {step === 1 && (
        <Stack gap="sm">
          {purpose === 'test' && (
            <CiCasePicker
              versionId={versionId}
              picked={ciCase}
              edited={ciEdited}
              onPick={(c) => {
                setCiCase(c);
                setValuesYaml(c?.text ?? '');
              }}
            />
          )}
          <ValuesEditor chart={{ version: versionId }} value={valuesYaml} onChange={setValuesYaml} onValidation={setValidation} height={420} />
          {validation && !validation.valid && (
            <Text fz="sm" c="red">
              {t('deploy.valuesInvalid')}
            </Text>
          )}
        </Stack>
      )}

      {step === 2 && !offline && purpose === 'store' && versionId && <CosignBadge versionId={versionId} />}
      {step === 2 && !offline && purpose === 'store' && versionId && <ImageDigestNotice version={versionId} onPins={setPins} />}

      {step === 2 && offline && (
        <OfflinePreview
          versionId={versionId}
          purpose={purpose}
          release={release}
          namespace={namespace}
          valuesYaml={parsed.ok ? valuesYaml : ''}
          quickFix={quickFixMode}
          fixing={fix.running}
          fixNote={fix.note}
          onFix={() => void applyQuickFix()}
        />
      )}

      {step === 2 && !offline && (
        <PreflightResult
          report={preflight.report}
          error={preflight.error}
          loading={preflight.loading}
          quickFix={quickFixMode}
          fixing={fix.running}
          fixNote={fix.note}
          onFix={() => void applyQuickFix()}
          onRerun={() => void runPreflight()}
        />
      )}

      {step === 3 && (
        <InstallProgress
          release={release}
          namespace={namespace}
          health={health}
          outcome={outcome}
          footnote={purpose === 'test' && outcome ? t('deploy.outcome.recorded', { version: version?.name ?? '' }) : undefined}
        />
      )}

      <Group justify="space-between">
        <Button variant="default" onClick={onClose} disabled={installing}>
          {t('common.close')}
        </Button>
        <Group gap="xs">
          {step > 0 && step < 3 && (
            <Button variant="default" onClick={() => setStep((step - 1) as Step)}>
              {t('deploy.back')}
            </Button>
          )}
          {step === 0 && (
            <Button onClick={() => setStep(1)} disabled={!canLeaveTarget}>
              {t('deploy.next')}
            </Button>
          )}
          {step === 1 && (
            <Button
              onClick={() => {
                setStep(2);
                setFix({ running: false });
                if (!offline) void runPreflight();
              }}
              disabled={!valuesOk}
            >
              {t('deploy.next')}
            </Button>
          )}
          {step === 2 && offline && (
            <Text fz="sm" c="dimmed" data-testid="deploy-needs-cluster">
              {t('deploy.offline.needsCluster')}
            </Text>
          )}
          {step === 2 && (
            <Button
              leftSection={<IconRocket size={16} />}
              onClick={() => void install()}
              disabled={offline || !preflight.report?.ok || fix.running}
            >
              {t('deploy.deployNow')}
            </Button>
          )}
          {/* once a release exists, its page in Instances is where it is upgraded, rolled back or removed */}
          {step === 3 && outcome && outcome.kind !== 'failed' && (
            <Button
              variant="light"
              onClick={() => {
                onClose();
                navigate('instances', 'release', namespace, release);
              }}
            >
              {t('deploy.outcome.openInstance')}
            </Button>
          )}
          {/* a release that was refused before anything changed can be tried again; others exist now */}
          {step === 3 && outcome?.kind === 'failed' && (
            <Button variant="default" onClick={() => setStep(1)}>
              {t('deploy.outcome.deployAgain')}
            </Button>
          )}
        </Group>
      </Group>
    </Stack>
  );

  const title = purpose === 'test' ? t('deploy.testTitle', { app: chartName, version: version?.name ?? '' }) : t('deploy.title', { app: chartName });
  return (
    <Modal opened onClose={() => !installing && onClose()} title={title} size="min(1180px, 96vw)" centered closeOnClickOutside={false}>
      {extraTab ? (
        <Tabs defaultValue="cluster" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="cluster">{t('deploy.tabs.cluster')}</Tabs.Tab>
            <Tabs.Tab value="extra">{extraTab.label}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="cluster">{body}</Tabs.Panel>
          <Tabs.Panel value="extra">{extraTab.content}</Tabs.Panel>
        </Tabs>
      ) : (
        body
      )}
      {versions.length === 0 && <Alert color="yellow">{t('deploy.onlyActive')}</Alert>}
    </Modal>
  );
}
