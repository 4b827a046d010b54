import { Alert, Autocomplete, Badge, Button, Group, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconServer } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClusterInfo } from '../../../shared/types/deploy';
import type { BerthError } from '../../../shared/result';
import { call } from '../../api';
import { useClusterTarget, useTarget } from './cluster-target-store';

export interface ClusterTargetPickerProps {
  /** Show the field for another kubeconfig file (default: true). */
  showKubeconfigPath?: boolean;
  /** Hide the namespace field (e.g. the instances page lists all namespaces). */
  hideNamespace?: boolean;
  /** Told when the cluster answers (or stops answering): undefined while unknown or unreachable. */
  onCluster?(cluster: ClusterInfo | undefined): void;
}

/**
 * Where to deploy: kubeconfig context, namespace (picked from the cluster's or typed, with
 * "create namespace"), and the cluster's Kubernetes version. The choice lives in
 * `useClusterTarget`, so every deploy view shares it. When there is no kubeconfig or the
 * cluster does not answer, it says so plainly instead of showing empty pickers.
 */
export function ClusterTargetPicker({ showKubeconfigPath = true, hideNamespace = false, onCluster }: ClusterTargetPickerProps) {
  const { t } = useTranslation();
  const { info, error, loading, context, namespace, kubeconfig, load, setKubeconfig, setContext, setNamespace } = useClusterTarget();
  const target = useTarget();
  const [cluster, setCluster] = useState<ClusterInfo>();
  const [clusterError, setClusterError] = useState<BerthError>();
  const [checking, setChecking] = useState(false);
  const [path, setPath] = useState(kubeconfig ?? '');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string>();
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    if (!info && !loading) void load();
    // load once when the picker first shows; later loads are asked for explicitly
  }, []);

  useEffect(() => {
    if (!context) {
      setCluster(undefined);
      setClusterError(undefined);
      onCluster?.(undefined);
      return;
    }
    let stale = false;
    setChecking(true);
    void call('deploy.cluster', { target }).then((r) => {
      if (stale) return;
      setChecking(false);
      setCluster(r.ok ? r.value : undefined);
      setClusterError(r.ok ? undefined : r.error);
      onCluster?.(r.ok ? r.value : undefined);
    });
    return () => {
      stale = true;
    };
    // onCluster may change identity on every render
  }, [target, context, nonce]);

  const createNamespace = async () => {
    setCreating(true);
    const r = await call('deploy.createNamespace', { target, namespace });
    setCreating(false);
    if (r.ok) {
      setCreated(r.value.namespace);
      setNonce((n) => n + 1);
    } else setClusterError(r.error);
  };

  const namespaces = cluster?.namespaces ?? [];
  const missing = !!cluster && namespace.trim() !== '' && !namespaces.includes(namespace.trim());

  return (
    <Stack gap="sm" data-testid="cluster-target">
      {showKubeconfigPath && (
        <Group align="flex-end" gap="xs">
          <TextInput
            style={{ flex: 1 }}
            label={t('deploy.target.kubeconfig')}
            description={t('deploy.target.kubeconfigHint')}
            placeholder={info?.files.join(', ') || '~/.kube/config'}
            value={path}
            onChange={(e) => setPath(e.currentTarget.value)}
          />
          <Button variant="default" onClick={() => void setKubeconfig(path)} loading={loading}>
            {t('deploy.target.reload')}
          </Button>
        </Group>
      )}
      {error && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={t('deploy.target.noKubeconfig')}>
          <Text fz="sm">{error.message}</Text>
        </Alert>
      )}
      {info && info.files.length === 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={t('deploy.target.noKubeconfig')}>
          <Text fz="sm">{t('deploy.target.noKubeconfigHint', { path: kubeconfig ?? '$KUBECONFIG, ~/.kube/config' })}</Text>
        </Alert>
      )}
      {info && info.files.length > 0 && info.contexts.length === 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={t('deploy.target.noContexts')}>
          <Text fz="sm">{t('deploy.target.noContextsHint', { files: info.files.join(', ') })}</Text>
        </Alert>
      )}
      {info && info.contexts.length > 0 && (
        <Group grow align="flex-start">
          <Select
            label={t('deploy.target.context')}
            data={info.contexts.map((c) => ({ value: c.name, label: c.name }))}
            value={context ?? null}
            onChange={(v) => v && setContext(v)}
            allowDeselect={false}
            description={info.contexts.find((c) => c.name === context)?.server}
          />
          {!hideNamespace && (
            <Autocomplete
              label={t('deploy.target.namespace')}
              data={namespaces}
              value={namespace}
              onChange={(v) => {
                setNamespace(v);
                setCreated(undefined);
              }}
              description={
                missing
                  ? t('deploy.target.namespaceMissing')
                  : created
                    ? t('deploy.target.namespaceCreated', { namespace: created })
                    : t('deploy.target.namespaceHint')
              }
              error={namespace.trim() === '' ? t('deploy.target.namespaceRequired') : undefined}
            />
          )}
        </Group>
      )}
      {context && (
        <Group gap="xs" justify="space-between">
          <Group gap={6}>
            <IconServer size={16} aria-hidden />
            {checking ? (
              <Loader size="xs" />
            ) : cluster ? (
              <Badge variant="light" color="teal" tt="none" data-testid="cluster-version">
                {t('deploy.target.clusterVersion', { version: cluster.version })}
              </Badge>
            ) : (
              <Badge variant="light" color="red" tt="none">
                {t('deploy.target.unreachableShort')}
              </Badge>
            )}
          </Group>
          {!hideNamespace && missing && (
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => void createNamespace()} loading={creating}>
              {t('deploy.target.createNamespace', { namespace })}
            </Button>
          )}
        </Group>
      )}
      {clusterError && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('deploy.target.unreachable')}>
          <Text fz="sm">{clusterError.message}</Text>
        </Alert>
      )}
    </Stack>
  );
}
