import { Alert, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconCheck, IconTool } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReleaseReadiness } from '../../../shared/types/deploy';
import { useTarget } from '../../components/deploy/cluster-target-store';
import { useAction } from '../../components/useAction';

/**
 * Before a cluster upgrade: which releases' stored manifests use APIs the next Kubernetes version
 * removed (their next `helm upgrade` would fail), with the helm-mapkubeapis repair of each record.
 */
export function UpgradeReadiness() {
  const { t } = useTranslation();
  const target = useTarget();
  const action = useAction();
  const [kubeVersion, setKubeVersion] = useState('1.25');
  const [found, setFound] = useState<ReleaseReadiness[] | null>(null);
  const [repaired, setRepaired] = useState<string[]>([]);
  const valid = /^1\.\d+$/.test(kubeVersion.trim());

  const check = async () => {
    const r = await action.run('deploy.upgradeCheck', { target, kubeVersion: kubeVersion.trim() });
    if (r) {
      setFound(r);
      setRepaired([]);
    }
  };
  const repair = async (r: ReleaseReadiness) => {
    const request = { target, release: r.release, namespace: r.namespace, kubeVersion: kubeVersion.trim() };
    const done = await action.run('deploy.repairRecord', request, { success: t('upgradeCheck.repaired', { release: r.release }) });
    if (done !== undefined) setRepaired((x) => [...x, `${r.namespace}/${r.release}`]);
  };

  return (
    <Card padding="lg" data-testid="upgrade-readiness">
      <Stack gap="sm">
        <Title order={2} fz="md">
          {t('upgradeCheck.title')}
        </Title>
        <Text fz="sm" c="dimmed">
          {t('upgradeCheck.intro')}
        </Text>
        <Group align="flex-end">
          <TextInput
            label={t('upgradeCheck.kubeVersion')}
            value={kubeVersion}
            onChange={(e) => setKubeVersion(e.currentTarget.value)}
            w={160}
            error={valid ? undefined : t('upgradeCheck.kubeVersionInvalid')}
            data-testid="upgrade-kube-version"
          />
          <Button onClick={() => void check()} loading={action.busy} disabled={!valid} data-testid="upgrade-check">
            {t('upgradeCheck.check')}
          </Button>
        </Group>
        {found && found.length === 0 && (
          <Alert color="teal" variant="light" icon={<IconCheck size={18} aria-hidden />}>
            {t('upgradeCheck.none', { version: kubeVersion.trim() })}
          </Alert>
        )}
        {found && found.length > 0 && (
          <Table verticalSpacing="xs" fz="sm" data-testid="upgrade-findings">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('upgradeCheck.release')}</Table.Th>
                <Table.Th>{t('upgradeCheck.objects')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {found.map((r) => {
                const key = `${r.namespace}/${r.release}`;
                return (
                  <Table.Tr key={key} data-finding={key}>
                    <Table.Td>
                      <Text fw={600} fz="sm">
                        {r.release}
                      </Text>
                      <Text fz="xs" c="dimmed">
                        {t('upgradeCheck.where', { namespace: r.namespace, revision: r.revision, chart: r.chart })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {r.uses.map((u) => (
                        <Text key={`${u.kind}/${u.name}/${u.apiVersion}`} fz="sm">
                          {u.replacement
                            ? t('upgradeCheck.use', { object: `${u.kind}/${u.name}`, api: u.apiVersion, removedIn: u.removedIn, replacement: u.replacement })
                            : t('upgradeCheck.useGone', { object: `${u.kind}/${u.name}`, api: u.apiVersion, removedIn: u.removedIn })}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td>
                      {repaired.includes(key) ? (
                        <Text fz="sm" c="teal">
                          {t('upgradeCheck.done')}
                        </Text>
                      ) : (
                        <Button size="xs" variant="light" leftSection={<IconTool size={14} aria-hidden />} onClick={() => void repair(r)} loading={action.busy}>
                          {t('upgradeCheck.repair')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {found && found.length > 0 && (
          <Text fz="xs" c="dimmed">
            {t('upgradeCheck.repairHint')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
