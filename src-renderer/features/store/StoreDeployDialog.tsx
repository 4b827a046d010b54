import { Alert, Button, Code, CopyButton, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreAppDetail } from '../../../shared/types/catalog';
import { saveFile } from '../../components/download';
import { useAction } from '../../components/useAction';
import { DeployWizard } from '../../components/deploy/DeployWizard';

/**
 * The deploy entry point of the store: only active versions are offered, and the catalog
 * itself refuses to hand out anything else. Berth deploys to a cluster from the person's
 * kubeconfig; the verified package and the matching Helm command stay as a second tab.
 */
export function StoreDeployDialog({ app, onClose }: { app: StoreAppDetail; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <DeployWizard
      purpose="store"
      chartName={app.chartName}
      versions={app.versions.map((v) => ({ id: v.id, name: v.name, state: v.state }))}
      onClose={onClose}
      extraTab={{ label: t('deploy.tabs.helm'), content: <HelmCommandPanel app={app} onClose={onClose} /> }}
    />
  );
}

/** The verified package to download and the `helm install` command that installs it. */
function HelmCommandPanel({ app, onClose }: { app: StoreAppDetail; onClose(): void }) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const [versionId, setVersionId] = useState(app.versions[0]?.id ?? '');
  const [release, setRelease] = useState(app.chartName);
  const [namespace, setNamespace] = useState('default');
  const version = app.versions.find((v) => v.id === versionId);
  const fileName = version ? `${app.chartName}-${version.chartVersion}.tgz` : '';
  const command = `helm install ${release || app.chartName} ./${fileName} --namespace ${namespace || 'default'} --create-namespace`;

  const download = async () => {
    const pkg = await run('version.package', { version: versionId, purpose: 'store' });
    if (pkg) saveFile(pkg.fileName, pkg.base64, pkg.mediaType || 'application/gzip');
  };

  return (
    <Stack gap="md">
      <Select
        label={t('deploy.version')}
        data={app.versions.map((v) => ({ value: v.id, label: v.appVersion ? `${v.name} (${t('store.appVersionShort', { version: v.appVersion })})` : v.name }))}
        value={versionId}
        onChange={(v) => v && setVersionId(v)}
        allowDeselect={false}
        description={t('deploy.onlyActive')}
      />
      <Group grow>
        <TextInput label={t('deploy.releaseName')} value={release} onChange={(e) => setRelease(e.currentTarget.value)} />
        <TextInput label={t('deploy.namespace')} value={namespace} onChange={(e) => setNamespace(e.currentTarget.value)} />
      </Group>
      <Alert variant="light" icon={<IconInfoCircle size={18} />}>
        <Text fz="sm">{t('deploy.howTo')}</Text>
      </Alert>
      <Group wrap="nowrap" align="center" gap="xs">
        <Code block style={{ flex: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {command}
        </Code>
        <CopyButton value={command}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              onClick={copy}
              leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              aria-label={t('common.copyCommand')}
            >
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.close')}
        </Button>
        <Button leftSection={<IconDownload size={16} />} onClick={() => void download()} loading={busy} disabled={!version}>
          {t('deploy.download', { file: fileName })}
        </Button>
      </Group>
    </Stack>
  );
}
