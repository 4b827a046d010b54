import { Loader } from '@mantine/core';
import { chartFilesOf } from '../../components/chart-api';
import { ChartFilesBrowser } from '../../components/ChartFilesBrowser';
import { QueryError } from '../../components/QueryError';
import { useCatalogResult } from '../../components/useCatalogQuery';

export function FilesPanel({ versionId }: { versionId: string }) {
  const q = useCatalogResult(`files:${versionId}`, () => chartFilesOf(versionId));
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return <Loader size="sm" />;
  return <ChartFilesBrowser files={q.data} />;
}
