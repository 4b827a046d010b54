import { Alert, Button, Card, Group, Loader, Menu, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowUpCircle, IconChevronDown, IconTrash } from '@tabler/icons-react';
import { notifyDone } from '../../components/notify';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stringify } from 'yaml';
import type { VersionSummary } from '../../../shared/types/catalog';
import type { ReleaseDetail } from '../../../shared/types/deploy';
import type { ChartSource } from '../../../shared/types/review-tools';
import type { JsonObject } from '../../../shared/types/values';
import { hrefFor, navigate } from '../../app/router';
import { CodeView } from '../../components/CodeView';
import { useDateFormat } from '../../components/format';
import { PageBody } from '../../components/PageBody';
import { BackLink, PageLoadGate } from '../../components/PageLoadGate';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { useCatalogQuery, useCatalogResult } from '../../components/useCatalogQuery';
import { useConfirm } from '../../components/useConfirm';
import { useClusterTarget, useTarget } from '../../components/deploy/cluster-target-store';
import { HealthBadge, ReleaseHealthView } from '../../components/deploy/ReleaseHealthView';
import { UpgradeWizard } from './upgrade/UpgradeWizard';
import { findCatalogOrigin, type CatalogOrigin } from './catalog-origin';
import { ReleaseStatusBadge } from './release-status';
import { RevisionHistory } from './RevisionHistory';
import { useReleaseHealth } from './use-release-health';

/** One release: live health, revisions with their values, upgrade, rollback and uninstall. */
export function InstanceDetail({ namespace, name }: { namespace: string; name: string }) {
  const { t } = useTranslation();
  const target = useTarget();
  const context = useClusterTarget((s) => s.context);
  const loadTarget = useClusterTarget((s) => s.load);
  const info = useClusterTarget((s) => s.info);
  const detail = useCatalogQuery('deploy.get', context ? { target, namespace, release: name } : null);
  const live = useReleaseHealth(target, namespace, name, !!context);

  useEffect(() => {
    // opened straight from a link: read the kubeconfig first
    if (!info && !context) void loadTarget();
  }, []);

  const back = <BackLink href={hrefFor('instances')}>{t('instances.back')}</BackLink>;
  if (!detail.data) return <PageLoadGate back={back} error={detail.error} spinner />;
  const release = detail.data;
  return (
    <PageBody>
      <Stack gap="lg">
        {back}
        <ReleaseHeader release={release} context={context ?? ''} health={live.health} />
        <Card padding="lg">
          <Tabs defaultValue="status" keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="status">{t('instances.tabs.status')}</Tabs.Tab>
              <Tabs.Tab value="history">{t('instances.tabs.history')}</Tabs.Tab>
              <Tabs.Tab value="values">{t('instances.tabs.values')}</Tabs.Tab>
              <Tabs.Tab value="manifest">{t('instances.tabs.manifest')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="status">
              <Stack gap="md">
                {live.error && <QueryError error={live.error} />}
                {live.health ? <ReleaseHealthView health={live.health} /> : !live.error && <Loader size="sm" />}
                {release.notes.trim() && (
                  <>
                    <Title order={3} fz="md">
                      {t('instances.notes')}
                    </Title>
                    <CodeView path="NOTES.txt" content={release.notes} maxHeight={320} />
                  </>
                )}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <RevisionHistory target={target} namespace={namespace} release={name} current={release.revision} />
            </Tabs.Panel>
            <Tabs.Panel value="values">
              <Stack gap="xs">
                <Text fz="sm" c="dimmed">
                  {t('instances.valuesHelp', { revision: release.revision })}
                </Text>
                <CodeView path="values.yaml" content={Object.keys(release.values).length > 0 ? stringify(release.values).trimEnd() : ''} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="manifest">
              <CodeView path="manifest.yaml" content={release.manifest} maxHeight={640} />
            </Tabs.Panel>
          </Tabs>
        </Card>
      </Stack>
    </PageBody>
  );
}

function ReleaseHeader({ release, context, health }: { release: ReleaseDetail; context: string; health: ReturnType<typeof useReleaseHealth>['health'] }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const target = useTarget();
  const { run, busy } = useAction();
  const { ask, dialog } = useConfirm();
  const origin = useCatalogResult<CatalogOrigin | null>(`${release.namespace}/${release.name}/${release.chart}`, () => findCatalogOrigin(release));
  // what the upgrade starts from is fixed when it opens: the release reloads as the upgrade lands
  const [upgrade, setUpgrade] = useState<{ to: VersionSummary; from?: ChartSource; chart: string; values: JsonObject }>();

  const uninstall = () =>
    ask({
      title: t('instances.uninstall.title', { release: release.name }),
      body: t('instances.uninstall.body', { release: release.name, namespace: release.namespace }),
      confirm: t('instances.uninstall.confirm'),
      danger: true,
      onConfirm: () =>
        void run('deploy.uninstall', { target, namespace: release.namespace, release: release.name }).then((out) => {
          if (!out) return;
          navigate('instances');
          notifyUninstalled(out.kept);
        }),
    });

  const notifyUninstalled = (kept: string[]) => {
    const message =
      kept.length > 0
        ? t('instances.uninstall.doneKept', { release: release.name, count: kept.length, kept: kept.join(', ') })
        : t('instances.uninstall.done', { release: release.name });
    notifyDone(message, kept.length > 0 ? 12000 : 5000);
  };

  return (
    <Card padding="xl">
      {dialog}
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6} style={{ minWidth: 0 }}>
          <Group gap="sm">
            <Title order={1} fz={28}>
              {release.name}
            </Title>
            <ReleaseStatusBadge status={release.status} />
            {health && <HealthBadge health={health} />}
          </Group>
          <Text c="dimmed" fz="sm">
            {t('instances.summary', {
              chart: release.chart,
              appVersion: release.appVersion ?? '—',
              namespace: release.namespace,
              kubeContext: context,
              revision: release.revision,
            })}
          </Text>
          <Text c="dimmed" fz="xs">
            {release.updated ? t('instances.updatedAt', { time: date(release.updated, true) }) : null}
            {origin.data ? ` · ${t(origin.data.via === 'label' ? 'instances.fromStore' : 'instances.matchedStore', { app: origin.data.app.chartName })}` : ''}
          </Text>
        </Stack>
        <Group gap="sm" wrap="nowrap">
          <UpgradeMenu
            origin={origin.data}
            loading={origin.loading}
            onPick={(to) => setUpgrade({ to, from: origin.data?.from, chart: release.chart, values: release.values as JsonObject })}
          />
          <Button variant="light" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={uninstall} loading={busy} data-testid="uninstall">
            {t('instances.uninstall.action')}
          </Button>
        </Group>
      </Group>
      {origin.error && (
        <Alert color="yellow" variant="light" mt="sm" p="xs">
          <Text fz="sm">{origin.error.message}</Text>
        </Alert>
      )}
      {upgrade && (
        <UpgradeWizard
          release={{ name: release.name, namespace: release.namespace, target, chart: upgrade.chart }}
          from={upgrade.from}
          to={{ version: upgrade.to.id, name: upgrade.to.name }}
          currentValues={upgrade.values}
          onClose={() => setUpgrade(undefined)}
        />
      )}
    </Card>
  );
}

/** Newer active versions of the same store app; says why when there is none. */
function UpgradeMenu({ origin, loading, onPick }: { origin: CatalogOrigin | null | undefined; loading: boolean; onPick(v: VersionSummary): void }) {
  const { t } = useTranslation();
  const reason =
    loading && origin === undefined
      ? undefined
      : !origin
        ? t('instances.upgrade.notInStore')
        : origin.newer.length === 0
          ? t('instances.upgrade.latest')
          : undefined;
  if (!origin || origin.newer.length === 0)
    return (
      <Tooltip label={reason ?? ''} disabled={!reason} multiline w={260}>
        <Button leftSection={<IconArrowUpCircle size={16} aria-hidden />} disabled loading={loading && origin === undefined} data-testid="upgrade">
          {t('instances.upgrade.action')}
        </Button>
      </Tooltip>
    );
  return (
    <Menu position="bottom-end" width={260}>
      <Menu.Target>
        <Button leftSection={<IconArrowUpCircle size={16} aria-hidden />} rightSection={<IconChevronDown size={14} aria-hidden />} data-testid="upgrade">
          {t('instances.upgrade.action')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('instances.upgrade.pick', { app: origin.app.chartName })}</Menu.Label>
        {origin.newer.map((v) => (
          <Menu.Item key={v.id} onClick={() => onPick(v)} data-version={v.name}>
            {v.name}
            {v.appVersion ? (
              <Text span c="dimmed" fz="xs">
                {' '}
                · {t('instances.upgrade.appVersion', { version: v.appVersion })}
              </Text>
            ) : null}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
