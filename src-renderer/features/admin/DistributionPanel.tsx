import { Alert, Stack } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistributionSettings } from '../../../shared/types/distribution';
import { QueryError } from '../../components/QueryError';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { DistributionBundles } from './DistributionBundles';
import { DistributionImport } from './DistributionImport';
import { DistributionKeys } from './DistributionKeys';
import { DistributionS3Keys } from './DistributionS3Keys';
import { DistributionTargets } from './DistributionTargets';

/** Admin → Distribution: where released apps are published, signing and trust, imports and air-gap bundles. */
export function DistributionPanel() {
  const { t } = useTranslation();
  const q = useCatalogQuery('distribution.settings', {});
  const [settings, setSettings] = useState<DistributionSettings | undefined>();
  useEffect(() => setSettings(q.data), [q.data]);

  if (!settings) return <QueryError error={q.error} />;
  return (
    <Stack gap="lg" data-testid="distribution-panel">
      <Alert variant="light" icon={<IconInfoCircle size={18} />}>
        {t('distribution.intro')}
      </Alert>
      <DistributionTargets settings={settings} onChange={setSettings} />
      <DistributionKeys settings={settings} onChange={setSettings} reload={q.reload} />
      <DistributionImport />
      <DistributionBundles />
      <DistributionS3Keys settings={settings} onChange={setSettings} />
    </Stack>
  );
}
