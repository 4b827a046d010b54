import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { registerReviewEvents } from './review/audit';
import { registerProvenanceEvents } from './provenance/catalog-provenance';
import { EventBus } from './events';
import { setLogDir } from './log';
import { SettingsStore } from './settings';
import { createCatalogServices, type CatalogServices } from './sync/catalog-services';
import type { DistributionService } from './publish/distribution-service';
import { ChartSources } from './review/chart-source';
import { ReviewService } from './review/review-service';
import { ValuesService } from './values/values-service';
import { DistributionSettingsStore } from './publish/distribution-settings';

export interface ServicesOptions {
  dataDir: string;
  host: 'electron' | 'browser' | 'cli';
}

/**
 * The main-side services one Berth process runs, built once per data dir and shared
 * by every transport (IPC, HTTP bridge) and by the CLI.
 */
export interface Services {
  readonly dataDir: string;
  readonly host: ServicesOptions['host'];
  readonly events: EventBus;
  readonly settings: SettingsStore;
  /** The shared catalog (identity, apps, review, sync); opened on first use. */
  readonly catalog: CatalogServices;
  /** S3 store keys, publishing, importing, provenance and bundles; loaded on first use (OpenPGP and the S3 client are heavy). */
  distribution(): Promise<DistributionService>;
  /** Resolves what a call names as its chart (a catalog version or a package) to the package and its values. */
  readonly chartSources: ChartSources;
  /** Review comments, the pre-submission report and version comparison. */
  readonly review: ReviewService;
  /** Values forms, validation, the upgrade merge and structural diffs. */
  readonly values: ValuesService;
  close(): Promise<void>;
}

export function createServices(options: ServicesOptions): Services {
  mkdirSync(options.dataDir, { recursive: true });
  registerReviewEvents();
  registerProvenanceEvents();
  setLogDir(join(options.dataDir, 'logs'));
  const events = new EventBus();
  const settings = new SettingsStore(options.dataDir);
  let catalog: CatalogServices | undefined;
  let distribution: Promise<DistributionService> | undefined;
  let chartSources: ChartSources | undefined;
  let review: ReviewService | undefined;
  let values: ValuesService | undefined;
  return {
    dataDir: options.dataDir,
    host: options.host,
    events,
    settings,
    get catalog() {
      catalog ??= createCatalogServices({
        dataDir: options.dataDir,
        inspectChart: async (bytes) => (await import('./chart/inspect')).inspectChartPackage(bytes),
        onChange: (n) => events.emit('catalog.changed', { events: n }),
        onSyncStatus: (status) => events.emit('sync.status', status),
        s3Credentials: () => new DistributionSettingsStore(join(options.dataDir, 'distribution')).secrets().s3,
      });
      return catalog;
    },
    get chartSources() {
      chartSources ??= new ChartSources(() => this.catalog);
      return chartSources;
    },
    get review() {
      review ??= new ReviewService({
        catalog: () => this.catalog,
        sources: this.chartSources,
        // lint and render are loaded when a report or comparison first needs them
        tools: async () => (await import('./review/toolkit')).chartToolkit(),
      });
      return review;
    },
    get values() {
      values ??= new ValuesService((chart) => this.chartSources.load(chart));
      return values;
    },
    distribution() {
      distribution ??= import('./publish/distribution-service').then(({ DistributionService }) => new DistributionService(options.dataDir, () => this.catalog, (p) => events.emit('distribution.progress', p)));
      return distribution;
    },
    async close() {
      await catalog?.close();
      // domain services with open resources register their shutdown here
    },
  };
}
