import { CatalogCore, type ChartInspector } from './catalog-core';
import { CatalogCommands } from './commands';
import { CatalogQueries } from './queries';

/**
 * The catalog one process works on: commands and queries over one local catalog.
 * Sync is not part of it (sync builds on the catalog, never the other way round);
 * src-main/services.ts puts the two together.
 */
export interface CatalogServices {
  core: CatalogCore;
  commands: CatalogCommands;
  queries: CatalogQueries;
  close(): Promise<void>;
}

export function createCatalogServices(options: {
  dataDir: string;
  inspectChart: ChartInspector;
  onChange?: (events: number) => void;
}): CatalogServices {
  const core = new CatalogCore({ dataDir: options.dataDir, inspectChart: options.inspectChart, onChange: options.onChange });
  return { core, commands: new CatalogCommands(core), queries: new CatalogQueries(core), close: () => core.close() };
}
