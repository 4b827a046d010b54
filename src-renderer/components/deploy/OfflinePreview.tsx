import { Accordion, Alert, Badge, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCloudOff, IconTool } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiMigrationResult, RenderResult } from '../../../shared/types/chart';
import type { BerthError } from '../../../shared/result';
import { call } from '../../api';
import { manifestsBySource } from '../chart-files';
import { CodeView } from '../CodeView';
import { useErrorText } from '../errors';
import type { QuickFixMode } from './PreflightResult';

export interface OfflinePreviewProps {
  versionId: string;
  purpose: 'test' | 'store';
  release: string;
  namespace: string;
  /** The values the person set, as YAML (empty: the chart's defaults). */
  valuesYaml: string;
  quickFix: QuickFixMode;
  /** Puts the API-migrated package on the draft (the same quick fix the cluster pre-flight offers). */
  onFix(): void;
  fixing: boolean;
  fixNote?: string;
}

type Preview = { render?: RenderResult; migration?: ApiMigrationResult; error?: BerthError };

/**
 * The deploy dialog's third step when no cluster answers: the manifests Helm's engine renders
 * locally for these values, and the removed APIs the API-migration quick fix would rewrite
 * (for the Kubernetes version the review checks use). Nothing is sent anywhere; deploying
 * itself needs a cluster.
 */
export function OfflinePreview({ versionId, purpose, release, namespace, valuesYaml, quickFix, onFix, fixing, fixNote }: OfflinePreviewProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [preview, setPreview] = useState<Preview>();

  useEffect(() => {
    let stale = false;
    setPreview(undefined);
    const chart = { version: versionId, purpose } as const;
    void Promise.all([
      call('chart.render', {
        chart,
        options: { releaseName: release, namespace: namespace || 'default', ...(valuesYaml.trim() ? { valuesYaml: [valuesYaml] } : {}) },
      }),
      call('chart.migrateApis', { chart }),
    ]).then(([rendered, migrated]) => {
      if (stale) return;
      if (!rendered.ok) return setPreview({ error: rendered.error });
      setPreview({ render: rendered.value, ...(migrated.ok ? { migration: migrated.value } : {}) });
    });
    return () => {
      stale = true;
    };
    // fixNote changes once the quick fix has replaced the package: render the new one
  }, [versionId, purpose, release, namespace, valuesYaml, fixNote]);

  if (!preview)
    return (
      <Group gap="sm" aria-live="polite">
        <Loader size="sm" />
        <Text fz="sm">{t('deploy.offline.rendering')}</Text>
      </Group>
    );
  if (preview.error) {
    const e = errorText(preview.error);
    return (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('deploy.offline.renderFailed')}>
        <Text fz="sm">{e.message}</Text>
      </Alert>
    );
  }
  const groups = manifestsBySource(preview.render?.manifests ?? []);
  const fixes = [...new Set((preview.migration?.changes ?? []).map((c) => `${c.from} → ${c.to}`))];
  return (
    <Stack gap="sm" data-testid="offline-preview">
      <Alert color="blue" variant="light" icon={<IconCloudOff size={18} />} title={t('deploy.offline.title')}>
        <Text fz="sm">{t('deploy.offline.body', { count: preview.render?.manifests.length ?? 0 })}</Text>
      </Alert>
      {fixNote && (
        <Alert color="teal" variant="light" icon={<IconTool size={18} />}>
          <Text fz="sm" data-testid="quick-fix-note">
            {fixNote}
          </Text>
        </Alert>
      )}
      {fixes.length > 0 && (
        <Alert color="orange" variant="light" icon={<IconTool size={18} />} title={t('deploy.offline.removedApis')} data-testid="quick-fix">
          <Stack gap="xs">
            <Text fz="sm">{t('deploy.offline.removedApisBody', { list: fixes.join(', '), count: preview.migration?.changes.length ?? 0 })}</Text>
            {quickFix === 'fix' && (
              <Group>
                <Button leftSection={<IconTool size={16} />} onClick={onFix} loading={fixing}>
                  {t('deploy.offline.quickFixApply')}
                </Button>
              </Group>
            )}
            {quickFix === 'store' && <Text fz="sm">{t('deploy.preflight.quickFixStore')}</Text>}
            {quickFix === 'not-draft' && <Text fz="sm">{t('deploy.preflight.quickFixNotDraft')}</Text>}
          </Stack>
        </Alert>
      )}
      <RenderedManifests groups={groups} />
    </Stack>
  );
}

/** One folded row per template (kinds shown), so the summary, the fix and the buttons stay in view. */
function RenderedManifests({ groups }: { groups: { source: string; content: string }[] }) {
  return (
    <Accordion variant="separated" multiple data-testid="offline-manifests">
      {groups.map((m) => (
        <Accordion.Item key={m.source} value={m.source}>
          <Accordion.Control>
            <Group gap="sm">
              <Text ff="monospace" fz="sm">
                {m.source}
              </Text>
              {[...new Set([...m.content.matchAll(/^kind:\s*(\S+)/gm)].map((k) => k[1]))].map((k) => (
                <Badge key={k} size="xs" variant="light" tt="none">
                  {k}
                </Badge>
              ))}
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <CodeView path={m.source} content={m.content} maxHeight={320} />
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
