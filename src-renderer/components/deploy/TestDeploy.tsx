import { Badge, Button, Tooltip } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../shared/types/catalog';
import type { TestDeployRecord } from '../../../shared/types/review-tools';
import { useRelativeTime } from '../format';
import { useCatalogQuery } from '../useCatalogQuery';
import { DeployWizard } from './DeployWizard';

/** My apps' "Test deploy" button for one version: opens the deploy dialog with purpose `test`. */
export function TestDeployButton({ chartName, version, disabled }: { chartName: string; version: VersionSummary; disabled?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="xs" variant="default" leftSection={<IconFlask size={14} aria-hidden />} onClick={() => setOpen(true)} disabled={disabled}>
        {t('deploy.test.action')}
      </Button>
      {open && (
        <DeployWizard
          purpose="test"
          chartName={chartName}
          versions={[{ id: version.id, name: version.name, state: version.state }]}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

const COLORS: Record<TestDeployRecord['outcome'], string> = { running: 'green', failed: 'red', pending: 'yellow' };

/**
 * The latest test-deploy outcome of a version, as the catalog holds it (recorded by the deploy
 * service, synced like every event). Nothing when there is none.
 */
export function LastTestDeploy({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  const relative = useRelativeTime();
  const latest = useCatalogQuery('report.latestTestDeploy', { version: versionId }).data;
  if (!latest) return null;
  return (
    <Tooltip
      label={[
        t('deploy.test.lastDetail', { release: latest.release, namespace: latest.namespace, time: relative(latest.at) }),
        latest.upgradeFrom &&
          t(latest.upgradeFrom.outcome === 'passed' ? 'deploy.test.upgradePassed' : 'deploy.test.upgradeFailed', {
            from: latest.upgradeFrom.name ?? latest.upgradeFrom.version,
          }),
        latest.ciCase && t(latest.ciCase.edited ? 'deploy.test.ciCaseEdited' : 'deploy.test.ciCase', { file: latest.ciCase.file }),
        latest.message,
      ]
        .filter(Boolean)
        .join(' — ')}
      multiline
      w={360}
    >
      <Badge size="sm" variant="light" color={COLORS[latest.outcome]} tt="none" data-testid="last-test-deploy" data-outcome={latest.outcome}>
        {t('deploy.test.last', { outcome: t(`deploy.test.outcomes.${latest.outcome}`) })}
      </Badge>
    </Tooltip>
  );
}
