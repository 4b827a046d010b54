import type { SyncStatus } from '../../shared/types/catalog';
import type { S3Credentials } from '../../shared/types/distribution';
import { CatalogCore, type ChartInspector } from '../catalog/catalog-core';
import { CatalogCommands } from '../catalog/commands';
import { CatalogQueries } from '../catalog/queries';
import { SyncService } from './sync-service';

/** Everything the catalog offers one process: commands, queries and sync over one local catalog. */
export interface CatalogServices {
  core: CatalogCore;
  commands: CatalogCommands;
  queries: CatalogQueries;
  sync: SyncService;
  close(): Promise<void>;
}

export function createCatalogServices(options: {
  dataDir: string;
  inspectChart: ChartInspector;
  onChange?: (events: number) => void;
  onSyncStatus?: (status: SyncStatus) => void;
  /** S3 keys saved on this computer, read at each sync (the AWS sources apply without them). */
  s3Credentials?: () => S3Credentials | undefined;
}): CatalogServices {
  const core = new CatalogCore({ dataDir: options.dataDir, inspectChart: options.inspectChart, onChange: options.onChange });
  const queries = new CatalogQueries(core);
  return {
    core,
    commands: new CatalogCommands(core),
    queries,
    sync: new SyncService(core, queries, options.onSyncStatus, () => ({ s3Credentials: options.s3Credentials?.() })),
    close: () => core.close(),
  };
}
