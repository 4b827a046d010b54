import { Alert, Group, Loader, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { checkVersion } from '../../components/chart-api';
import { FindingsTable } from '../../components/FindingsTable';
import { QueryError } from '../../components/QueryError';
import { useCatalogResult } from '../../components/useCatalogQuery';

export function ChecksPanel({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  const q = useCatalogResult(`checks:${versionId}`, () => checkVersion(versionId));
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return <Loader size="sm" />;
  const { findings } = q.data;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return (
    <Stack gap="sm">
      {findings.length === 0 ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />}>
          {t('chartPicker.allChecksPassed')}
        </Alert>
      ) : (
        <>
          <Group gap="md">
            <Text fz="sm">{t('review.checkSummary', { errors, warnings, total: findings.length })}</Text>
          </Group>
          <FindingsTable findings={findings} />
        </>
      )}
    </Stack>
  );
}
