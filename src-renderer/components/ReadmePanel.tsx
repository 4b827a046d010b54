import { Loader } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { chartFilesOf } from './chart-api';
import { findReadme } from './chart-files';
import { EmptyState } from './EmptyState';
import { Markdown } from './Markdown';
import { QueryError } from './QueryError';
import { useCatalogResult } from './useCatalogQuery';

/** The chart's README, rendered and sanitized. */
export function ReadmePanel({ versionId }: { versionId: string; purpose?: 'store' | 'test' }) {
  const { t } = useTranslation();
  const q = useCatalogResult(`files:${versionId}`, () => chartFilesOf(versionId));
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return <Loader size="sm" />;
  const readme = findReadme(q.data);
  if (!readme) return <EmptyState bare icon={IconFileText} title={t('readme.none.title')} description={t('readme.none.description')} />;
  return <Markdown source={readme} />;
}
