import { Alert, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconTool } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../shared/types/catalog';
import type { ApiMigrationResult } from '../../../shared/types/chart';
import type { BerthError } from '../../../shared/result';
import { call } from '../../api';
import { useErrorText } from '../../components/errors';
import { useSay } from '../../components/sentence';
import { FormModal } from '../../components/FormModal';
import { useAction } from '../../components/useAction';

type Scan = { result?: ApiMigrationResult & { packageBase64: string }; error?: BerthError };

/**
 * The API-migration quick fix on a draft or rejected version, without a cluster: Berth looks
 * for objects whose apiVersion Kubernetes no longer serves, lists what it would rewrite (and
 * what it can't), and on confirmation puts the rewritten package on the version.
 */
export function ApiFixDialog({ version, onClose }: { version: VersionSummary; onClose(): void }) {
  const say = useSay();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { run, busy } = useAction();
  const [scan, setScan] = useState<Scan>();
  const [editError, setEditError] = useState<BerthError>();

  useEffect(() => {
    let stale = false;
    void call('chart.migrateApis', { chart: { version: version.id } }).then((r) => {
      if (!stale) setScan(r.ok ? { result: r.value } : { error: r.error });
    });
    return () => {
      stale = true;
    };
  }, [version.id]);

  const result = scan?.result;
  const apply = async () => {
    if (!result) return;
    const done = await run(
      'version.edit',
      { version: version.id, chart: result.packageBase64 },
      { success: t('apiFix.done', { version: version.name, count: result.changes.length }), onError: setEditError },
    );
    if (done) onClose();
  };

  return (
    <FormModal
      title={t('apiFix.title', { version: version.name })}
      onClose={onClose}
      size="lg"
      testId="api-fix"
      cancelLabel={result?.changed ? undefined : t('common.close')}
      submit={
        result?.changed ? { label: t('apiFix.apply', { version: version.name }), onSubmit: () => void apply(), busy, testId: 'api-fix-apply' } : undefined
      }
    >
      <Text fz="sm">{t('apiFix.intro')}</Text>
      {!scan && (
        <Group gap="sm" aria-live="polite">
          <Loader size="sm" />
          <Text fz="sm">{t('apiFix.scanning')}</Text>
        </Group>
      )}
      {scan?.error && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={errorText(scan.error).title}>
          <Text fz="sm">{errorText(scan.error).message}</Text>
        </Alert>
      )}
      {result && !result.changed && result.skipped.length === 0 && (
        <Alert color="green" icon={<IconCircleCheck size={18} />} data-testid="api-fix-none">
          <Text fz="sm">{t('apiFix.nothing')}</Text>
        </Alert>
      )}
      {result && result.changes.length > 0 && (
        <Stack gap={4}>
          <Group gap={6}>
            <IconTool size={16} aria-hidden />
            <Text fz="sm" fw={600}>
              {t('apiFix.changes', { count: result.changes.length })}
            </Text>
          </Group>
          <Table fz="sm" data-testid="api-fix-changes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('apiFix.where')}</Table.Th>
                <Table.Th>{t('apiFix.kind')}</Table.Th>
                <Table.Th>{t('apiFix.move')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.changes.map((c, i) => (
                <Table.Tr key={i}>
                  <Table.Td ff="monospace">{`${c.file}:${c.line}`}</Table.Td>
                  <Table.Td>{c.kind}</Table.Td>
                  <Table.Td ff="monospace">{`${c.from} → ${c.to}`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text fz="sm" c="dimmed">
            {t('apiFix.after', { version: version.name })}
          </Text>
        </Stack>
      )}
      {result && result.skipped.length > 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={t('apiFix.skipped', { count: result.skipped.length })}>
          <Stack gap={4}>
            {result.skipped.map((s, i) => (
              <Text fz="sm" key={i}>
                <Text span ff="monospace" fz="sm">{`${s.file}:${s.line} ${s.kind} ${s.apiVersion}`}</Text>
                {' — '}
                {say(s.say, s.reason)}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {editError && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={errorText(editError).title}>
          <Text fz="sm">{errorText(editError).message}</Text>
        </Alert>
      )}
    </FormModal>
  );
}
