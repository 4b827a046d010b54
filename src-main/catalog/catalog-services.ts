import { CatalogCore, type ChartInspector } from './catalog-core';
import type { NativeVerifier } from './native-verifier';
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
  /**
   * Opens the saved local view now, while the window or browser starts, not when the page first
   * asks, and works out the store's first list once (its category counts are kept): bench/ui.mjs.
   * Never fails: a view that cannot open says so when it is first asked.
   */
  openEarly(): void;
  close(): Promise<void>;
}

export function createCatalogServices(options: {
  dataDir: string;
  inspectChart: ChartInspector;
  onChange?: (events: number) => void;
  /** Large batches of signatures checked by the engine (services.ts); Node's verify without it. */
  nativeVerifier?: NativeVerifier;
}): CatalogServices {
  const core = new CatalogCore(options);
  const queries = new CatalogQueries(core);
  const openEarly = () =>
    void core
      .ledger()
      .then(() => queries.store({}))
      .catch(() => undefined);
  return { core, commands: new CatalogCommands(core), queries, openEarly, close: () => core.close() };
}
