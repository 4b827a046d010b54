import { Alert, Button, Card, Divider, Group, MultiSelect, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCheck, IconFileExport, IconFileImport, IconListSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BerthError } from '../../../shared/result';
import type { BundleExportReport, BundleImportReport, BundleManifest } from '../../../shared/types/distribution';
import { call } from '../../api';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { DistributionError, SectionTitle } from './DistributionShared';

function ExportBundle() {
  const { t } = useTranslation();
  const apps = useCatalogQuery('app.list', {});
  const [app, setApp] = useState<string | null>(null);
  const detail = useCatalogQuery('app.get', app ? { app } : null);
  const [versions, setVersions] = useState<string[]>([]);
  const [path, setPath] = useState('');
  const [report, setReport] = useState<BundleExportReport | null>(null);
  const [error, setError] = useState<BerthError | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(null);
    setReport(null);
    const r = await call('bundle.export', { app: app!, path: path.trim(), ...(versions.length ? { versions } : {}) });
    setBusy(false);
    if (r.ok) setReport(r.value);
    else setError(r.error);
  };

  return (
    <Stack gap="sm">
      <Title order={3} fz="md">
        {t('distribution.bundles.exportTitle')}
      </Title>
      <Group grow align="flex-start">
        <Select
          label={t('distribution.bundles.app')}
          data={(apps.data ?? []).map((a) => ({ value: a.id, label: `${a.chartName} (${a.workspaceName})` }))}
          value={app}
          onChange={(v) => {
            setApp(v);
            setVersions([]);
          }}
          searchable
          data-testid="bundle-app"
        />
        <MultiSelect
          label={t('distribution.bundles.versions')}
          description={t('distribution.bundles.versionsHint')}
          data={(detail.data?.versions ?? []).map((v) => ({ value: v.name, label: `${v.name} (${t(`versionStates.${v.state}`)})` }))}
          value={versions}
          onChange={setVersions}
          disabled={!app}
        />
      </Group>
      <Group align="flex-end">
        <TextInput
          style={{ flex: 1 }}
          label={t('distribution.bundles.path')}
          description={t('distribution.bundles.exportPathHint')}
          placeholder="/media/usb/emqx.berth.tgz"
          value={path}
          onChange={(e) => setPath(e.currentTarget.value)}
          data-testid="bundle-export-path"
        />
        <Button
          leftSection={<IconFileExport size={16} aria-hidden />}
          onClick={() => void run()}
          loading={busy}
          disabled={!app || !path.trim()}
          data-testid="bundle-export"
        >
          {t('distribution.bundles.export')}
        </Button>
      </Group>
      {report && (
        <Alert color="teal" variant="light" icon={<IconCheck size={18} />} title={t('distribution.bundles.exported', { path: report.path })}>
          <Text fz="sm">
            {t('distribution.bundles.exportedDetail', {
              versions: report.versions.join(', '),
              images: report.images.length,
              size: `${Math.max(1, Math.round(report.bytes / 1024))} KiB`,
            })}
          </Text>
          {report.images.length > 0 && (
            <Text fz="xs" ff="monospace" c="dimmed" mt={4}>
              {report.images.join('  ')}
            </Text>
          )}
        </Alert>
      )}
      <DistributionError error={error} />
    </Stack>
  );
}

function ImportBundle() {
  const { t } = useTranslation();
  const workspaces = useCatalogQuery('workspace.list', {});
  const [path, setPath] = useState('');
  const [workspace, setWorkspace] = useState<string | null>(null);
  const [manifest, setManifest] = useState<BundleManifest | null>(null);
  const [report, setReport] = useState<BundleImportReport | null>(null);
  const [error, setError] = useState<BerthError | null>(null);
  const [busy, setBusy] = useState<'inspect' | 'import' | null>(null);

  const inspect = async () => {
    setBusy('inspect');
    setError(null);
    setReport(null);
    const r = await call('bundle.inspect', { path: path.trim() });
    setBusy(null);
    if (r.ok) setManifest(r.value);
    else {
      setManifest(null);
      setError(r.error);
    }
  };

  const runImport = async () => {
    setBusy('import');
    setError(null);
    const r = await call('bundle.import', { path: path.trim(), workspace: workspace! });
    setBusy(null);
    if (r.ok) setReport(r.value);
    else setError(r.error);
  };

  return (
    <Stack gap="sm">
      <Title order={3} fz="md">
        {t('distribution.bundles.importTitle')}
      </Title>
      <Group align="flex-end">
        <TextInput
          style={{ flex: 1 }}
          label={t('distribution.bundles.path')}
          placeholder="/media/usb/emqx.berth.tgz"
          value={path}
          onChange={(e) => setPath(e.currentTarget.value)}
          data-testid="bundle-import-path"
        />
        <Button
          variant="light"
          leftSection={<IconListSearch size={16} aria-hidden />}
          onClick={() => void inspect()}
          loading={busy === 'inspect'}
          disabled={!path.trim()}
          data-testid="bundle-inspect"
        >
          {t('distribution.bundles.inspect')}
        </Button>
      </Group>
      {manifest && (
        <Alert
          variant="light"
          color="blue"
          title={t('distribution.bundles.holds', { app: manifest.app.chartName, catalog: manifest.sourceCatalog.name })}
          data-testid="bundle-manifest"
        >
          <Stack gap={2}>
            {manifest.versions.map((v) => (
              <Text key={v.name} fz="sm">
                {v.name} · {t(`versionStates.${v.state as 'draft'}`, { defaultValue: v.state })} ·{' '}
                {v.provenance ? t('distribution.bundles.signed') : t('distribution.bundles.unsigned')} ·{' '}
                {t('distribution.bundles.images', { count: v.images.length })}
              </Text>
            ))}
            <Text fz="xs" c="dimmed">
              {t('distribution.bundles.madeBy', { name: manifest.createdBy.displayName, records: manifest.records })}
            </Text>
          </Stack>
        </Alert>
      )}
      {manifest && (
        <Group align="flex-end">
          <Select
            style={{ flex: 1 }}
            label={t('distribution.import.workspace')}
            description={t('distribution.bundles.draftsNote')}
            data={(workspaces.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
            value={workspace}
            onChange={setWorkspace}
          />
          <Button
            leftSection={<IconFileImport size={16} aria-hidden />}
            onClick={() => void runImport()}
            loading={busy === 'import'}
            disabled={!workspace}
            data-testid="bundle-import"
          >
            {t('distribution.bundles.import')}
          </Button>
        </Group>
      )}
      {report && (
        <Alert
          color="teal"
          variant="light"
          icon={<IconCheck size={18} />}
          title={t('distribution.bundles.imported', { app: report.app, count: report.addedVersions.length })}
          data-testid="bundle-import-report"
        >
          <Text fz="sm">
            {report.skippedVersions.length > 0 && t('distribution.bundles.skipped', { versions: report.skippedVersions.join(', ') })}{' '}
            {t('distribution.bundles.reviewRecords', { verified: report.reviewRecords.verified, total: report.reviewRecords.total })}
          </Text>
          {report.provenance.map((p) => (
            <Text key={p.version} fz="xs" c="dimmed">
              {p.version}: {p.message}
            </Text>
          ))}
        </Alert>
      )}
      <DistributionError error={error} />
    </Stack>
  );
}

/** Air-gap bundles: one file with an app's chosen versions, for a catalog with no network. */
export function DistributionBundles() {
  const { t } = useTranslation();
  return (
    <Card padding="lg">
      <Stack gap="md">
        <SectionTitle title={t('distribution.bundles.title')} description={t('distribution.bundles.description')} />
        <ExportBundle />
        <Divider />
        <ImportBundle />
      </Stack>
    </Card>
  );
}
