import { Loader } from '@mantine/core';
import { chartFilesOf } from './chart-api';
import { ChartFilesBrowser } from './ChartFilesBrowser';
import { QueryError } from './QueryError';
import { useCatalogResult } from './useCatalogQuery';

export function FilesPanel({ versionId }: { versionId: string }) {
  const q = useCatalogResult(`files:${versionId}`, () => chartFilesOf(versionId));
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return <Loader size="sm" />;
  return <ChartFilesBrowser files={q.data} />;
}
