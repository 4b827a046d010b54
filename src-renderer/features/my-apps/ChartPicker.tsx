import { Accordion, Alert, Badge, Button, Group, Loader, Paper, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconFileZip, IconFolderOpen, IconPackages, IconUpload } from '@tabler/icons-react';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BerthError } from '../../../shared/result';
import type { PackageDependencies } from '../../../shared/types/dependencies';
import { call } from '../../api';
import { checkChartPackage, packageChartFolder, type ChartCheck, type ChartFinding, type FolderFile } from '../../components/chart-api';
import { useErrorText } from '../../components/errors';
import { fileToBase64 } from '../../components/files';
import { formatBytes } from '../../components/format';
import { FindingsTable } from '../../components/FindingsTable';
import { useSay } from '../../components/sentence';
import { isChartArchive, MAX_CHART_BYTES } from './limits';
import classes from './my-apps.module.css';

export interface PickedChart {
  fileName: string;
  base64: string;
  size: number;
  /** Set when the package is not a chart Helm can read; nothing can be saved then. */
  check?: ChartCheck;
  checkError?: BerthError;
  /** The `.prov` chosen with the package (Helm's `<package>.tgz.prov`); checked and attached once the version exists. */
  provenance?: { fileName: string; text: string };
  /** The dependencies its Chart.yaml names, and how many its charts/ lacks. */
  dependencies?: PackageDependencies;
}

/** Helm's provenance files are small clear-signed text; anything larger is not one. */
const MAX_PROVENANCE_BYTES = 256 * 1024;
const isProvenanceFile = (f: File) => f.name.toLowerCase().endsWith('.prov');

/**
 * Drop a packaged chart or choose a chart folder (packaged on the fly); the result of the
 * chart checks is shown before anything is saved.
 */
export function ChartPicker({ picked, onPicked, blocking = [] }: { picked: PickedChart | null; onPicked(p: PickedChart | null): void; blocking?: string[] }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [working, setWorking] = useState<'reading' | 'packaging' | 'checking' | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const [over, setOver] = useState(false);
  const archiveInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const finish = async (fileName: string, base64: string, size: number, provenance?: PickedChart['provenance']) => {
    setWorking('checking');
    const [r, deps] = await Promise.all([checkChartPackage(base64), call('chart.dependencies', { packageBase64: base64 })]);
    setWorking(null);
    const prov = provenance ? { provenance } : {};
    const dependencies = deps.ok && deps.value.dependencies.length > 0 ? { dependencies: deps.value } : {};
    const extra = { ...prov, ...dependencies };
    onPicked(r.ok ? { fileName, base64, size, check: r.value, ...extra } : { fileName, base64, size, checkError: r.error, ...extra });
  };

  /** A package, optionally with its `.prov` (both chosen or dropped together). */
  const takeArchive = async (files: File[]) => {
    setProblem(undefined);
    const provFiles = files.filter(isProvenanceFile);
    const file = files.find((f) => !isProvenanceFile(f));
    if (!file) return setProblem(t('chartPicker.provenanceAlone'));
    if (!isChartArchive(file)) return setProblem(t('chartPicker.notArchive', { file: file.name }));
    if (file.size > MAX_CHART_BYTES) return setProblem(t('chartPicker.tooLarge', { file: file.name, limit: formatBytes(MAX_CHART_BYTES) }));
    const prov = provFiles[0];
    if (prov && prov.size > MAX_PROVENANCE_BYTES) return setProblem(t('chartPicker.provenanceTooLarge', { file: prov.name }));
    setWorking('reading');
    const provenance = prov ? { fileName: prov.name, text: await prov.text() } : undefined;
    await finish(file.name, await fileToBase64(file), file.size, provenance);
  };

  const takeFolder = async (files: File[]) => {
    setProblem(undefined);
    if (files.length === 0) return;
    setWorking('reading');
    const list: FolderFile[] = [];
    for (const f of files) list.push({ path: f.webkitRelativePath || f.name, base64: await fileToBase64(f) });
    setWorking('packaging');
    const r = await packageChartFolder(list);
    if (!r.ok) {
      setWorking(null);
      return setProblem(errorText(r.error).message);
    }
    await finish(r.value.fileName, r.value.packageBase64, Math.round((r.value.packageBase64.length * 3) / 4));
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length) void takeArchive(files);
  };

  if (picked) {
    return (
      <PickedSummary
        picked={picked}
        onClear={() => onPicked(null)}
        blocking={blocking}
        onBuilt={(fileName, base64) => void finish(fileName, base64, Math.round((base64.length * 3) / 4), picked.provenance)}
      />
    );
  }

  return (
    <Stack gap="xs">
      <Paper
        className={classes.dropzone}
        data-over={over || undefined}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        p="xl"
      >
        {working ? (
          <Stack align="center" gap="xs" aria-live="polite">
            <Loader size="sm" />
            <Text fz="sm">{t(`chartPicker.working.${working}`)}</Text>
          </Stack>
        ) : (
          <Stack align="center" gap="sm">
            <ThemeIcon size={52} radius="xl" variant="light" aria-hidden>
              <IconUpload size={28} />
            </ThemeIcon>
            <Text fw={600}>{t('chartPicker.dropHere')}</Text>
            <Text fz="sm" c="dimmed">
              {t('chartPicker.or')}
            </Text>
            <Group gap="sm">
              <Button
                variant="default"
                leftSection={<IconFileZip size={16} aria-hidden />}
                onClick={() => archiveInput.current?.click()}
                data-testid="choose-archive"
              >
                {t('chartPicker.chooseArchive')}
              </Button>
              <Button variant="default" leftSection={<IconFolderOpen size={16} aria-hidden />} onClick={() => folderInput.current?.click()}>
                {t('chartPicker.chooseFolder')}
              </Button>
            </Group>
            <Text fz="xs" c="dimmed">
              {t('chartPicker.limits', { limit: formatBytes(MAX_CHART_BYTES) })}
            </Text>
            <Text fz="xs" c="dimmed">
              {t('chartPicker.provenanceHint')}
            </Text>
          </Stack>
        )}
      </Paper>
      <input
        ref={archiveInput}
        type="file"
        accept=".tgz,.tar.gz,application/gzip,.prov"
        multiple
        hidden
        data-testid="chart-archive-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length) void takeArchive(files);
        }}
      />
      <input
        ref={folderInput}
        type="file"
        hidden
        data-testid="chart-folder-input"
        // @ts-expect-error: webkitdirectory is the standard-in-practice folder picker attribute
        webkitdirectory=""
        multiple
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          void takeFolder(files);
        }}
      />
      {problem && (
        <Alert color="red" variant="light" icon={<IconCircleX size={18} />} role="alert">
          {problem}
        </Alert>
      )}
    </Stack>
  );
}

/**
 * The picked package, then what stops it from being saved (the dialog's own problems, such as a
 * version that already exists, and Helm lint errors) right under the file, then the advisory
 * findings folded: they never block, and reviewers see them again.
 */
interface PickedSummaryProps {
  picked: PickedChart;
  onClear(): void;
  blocking: string[];
  onBuilt(fileName: string, base64: string): void;
}

function PickedSummary({ picked, onClear, blocking, onBuilt }: PickedSummaryProps) {
  const { t } = useTranslation();
  const say = useSay();
  const findings = picked.check?.findings ?? [];
  const blockingFindings = findings.filter(isBlocking);
  const advisory = findings.filter((f) => !isBlocking(f));
  const s = picked.check?.summary;
  return (
    <Stack gap="sm">
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon variant="light" size="lg" aria-hidden>
              <IconFileZip size={20} />
            </ThemeIcon>
            <div>
              <Text fw={600} fz="sm">
                {picked.fileName}
              </Text>
              <Text fz="xs" c="dimmed">
                {formatBytes(picked.size)}
              </Text>
              {picked.provenance && (
                <Text fz="xs" c="dimmed" data-testid="picked-provenance">
                  {t('chartPicker.withProvenance', { file: picked.provenance.fileName })}
                </Text>
              )}
            </div>
          </Group>
          <Button variant="subtle" size="xs" onClick={onClear}>
            {t('chartPicker.chooseAnother')}
          </Button>
        </Group>
        {s && (
          <Table variant="vertical" withRowBorders={false} verticalSpacing={2} fz="sm" mt="sm" layout="fixed">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={140}>{t('store.chartName')}</Table.Th>
                <Table.Td>{s.name}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('chartPicker.chartVersion')}</Table.Th>
                <Table.Td>{s.version}</Table.Td>
              </Table.Tr>
              {s.appVersion && (
                <Table.Tr>
                  <Table.Th>{t('store.appVersion')}</Table.Th>
                  <Table.Td>{s.appVersion}</Table.Td>
                </Table.Tr>
              )}
              {s.description && (
                <Table.Tr>
                  <Table.Th>{t('appInfo.description')}</Table.Th>
                  <Table.Td data-content="user">{s.description}</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {picked.dependencies && picked.dependencies.missing > 0 && <MissingDependencies picked={picked} onBuilt={onBuilt} />}
      {(blocking.length > 0 || blockingFindings.length > 0) && (
        <Alert color="red" variant="light" icon={<IconCircleX size={18} />} title={t('chartPicker.blockingTitle')} role="alert" data-testid="blocking-problems">
          <Stack gap={4}>
            {blocking.map((b) => (
              <Text key={b} fz="sm">
                {b}
              </Text>
            ))}
            {blockingFindings.map((f, i) => (
              <Text key={i} fz="sm">
                {f.path ? `${f.path}${t('checks.whereSeparator')}` : ''}
                {say(f.say, f.message)}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {picked.check && findings.length === 0 && (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} data-testid="chart-valid">
          {t('chartPicker.allChecksPassed')}
        </Alert>
      )}
      {advisory.length > 0 && (
        <Accordion variant="contained" data-testid="advisory-findings">
          <Accordion.Item value="advisory">
            <Accordion.Control>
              <Group gap="xs">
                <Text fw={600} fz="sm">
                  {t('chartPicker.advisoryTitle', { count: advisory.length })}
                </Text>
                <Badge color="gray" variant="light" radius="sm" tt="none">
                  {t('chartPicker.advisoryBadge')}
                </Badge>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <FindingsTable findings={advisory} />
              <Text fz="xs" c="dimmed" mt="xs">
                {t('chartPicker.blockingRule')}
              </Text>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      )}
      {picked.checkError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('chartPicker.invalid')} role="alert">
          {picked.checkError.message}
        </Alert>
      )}
    </Stack>
  );
}

/**
 * An umbrella chart uploaded without its dependencies in charts/: names what is missing (and
 * which the catalog holds) and offers to build them, as `helm dependency build` does, catalog first.
 */
function MissingDependencies({ picked, onBuilt }: { picked: PickedChart; onBuilt(fileName: string, base64: string): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [building, setBuilding] = useState(false);
  const [failure, setFailure] = useState<string>();
  const missing = (picked.dependencies?.dependencies ?? []).filter((d) => d.status !== 'ok' && d.status !== 'unpacked');
  const build = async () => {
    setBuilding(true);
    setFailure(undefined);
    const r = await call('chart.buildDependencies', { packageBase64: picked.base64 });
    setBuilding(false);
    if (!r.ok) return setFailure(errorText(r.error).message);
    onBuilt(r.value.fileName, r.value.packageBase64);
  };
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconPackages size={18} />}
      title={t('chartPicker.deps.title', { count: missing.length })}
      data-testid="missing-dependencies"
    >
      <Stack gap="xs">
        <Text fz="sm">{t('chartPicker.deps.body')}</Text>
        <Table fz="sm" verticalSpacing={2} withRowBorders={false}>
          <Table.Tbody>
            {missing.map((d) => (
              <Table.Tr key={d.name}>
                <Table.Td ff="monospace">{d.name}</Table.Td>
                <Table.Td ff="monospace">{d.version}</Table.Td>
                <Table.Td>
                  {d.inCatalog ? t('chartPicker.deps.fromCatalog') : t('chartPicker.deps.fromRepository', { repository: d.repository || '—' })}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group>
          <Button size="xs" onClick={() => void build()} loading={building} data-testid="build-dependencies">
            {t('chartPicker.deps.build')}
          </Button>
        </Group>
        {failure && (
          <Text fz="sm" c="red" role="alert">
            {failure}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** Only what Helm itself refuses (an invalid chart, a lint error) blocks saving; the review checks advise. */
/** Only Helm's lint errors stop a package from being saved; every other finding is advice. */
function isBlocking(f: ChartFinding): boolean {
  return f.id === 'helm-lint' && f.severity === 'error';
}

export function hasBlockingErrors(picked: PickedChart | null): boolean {
  if (!picked || picked.checkError) return true;
  return picked.check?.findings.some(isBlocking) ?? false;
}
