/**
 * The composition root, in the manner of Helm's `action.Configuration`: every main-side
 * service of one Berth process is built here, once, on first use, and wired to the others.
 * Handlers, transports and the CLI receive a `Services` and never construct a service
 * themselves, so there is one DeployService, one ReviewService and one catalog per data dir.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCatalogServices, type CatalogServices } from './catalog/catalog-services';
import { ChartService } from './chart/chart-service';
import { DeployService } from './deploy/service';
import { EventBus } from './events';
import { setLogDir } from './log';
import type { DistributionService } from './publish/distribution-service';
import { DistributionSettingsStore } from './publish/distribution-settings';
import { registerProvenanceEvents } from './provenance/catalog-provenance';
import { engineSidecarCommand, HelmEngine } from './render/engine';
import type { NativeVerifier } from './catalog/native-verifier';
import { registerReviewEvents } from './review/audit';
import { reviewChart } from './review/chart-review';
import { ChartSources } from './review/chart-source';
import { PackageDependencyService } from './dependency/package-deps';
import { ImageLocks } from './review/image-locks';
import { ReviewService } from './review/review-service';
import { SettingsStore } from './settings';
import { S3KeyStore } from './sync/s3-keys';
import { SyncService } from './sync/sync-service';
import { ValuesService } from './values/values-service';

export interface ServicesOptions {
  dataDir: string;
  host: 'electron' | 'browser' | 'cli';
  /** The CLI's stderr: where hook pods' logs go, as helm prints them (helm.sh/hook-output-log-policy). */
  hookOutput?: (text: string) => void;
}

/**
 * The main-side services one Berth process runs, built once per data dir and shared
 * by every transport (IPC, HTTP bridge) and by the CLI. Each is made on first use, so
 * starting Berth (or running one `berth` command) pays only for what it touches.
 */
export interface Services {
  readonly dataDir: string;
  readonly host: ServicesOptions['host'];
  readonly events: EventBus;
  readonly settings: SettingsStore;
  /** The shared catalog (identity, people, apps, versions, review events): commands and queries; opened on first use. */
  readonly catalog: CatalogServices;
  /** Creating, connecting and syncing the catalog with its store (folder, catalog file, S3). */
  readonly sync: SyncService;
  /** S3 keys saved on this computer for the catalog's bucket (sync reads them; the settings page edits them). */
  readonly s3Keys: S3KeyStore;
  /** Helm's engine: a supervised native process (render/engine.ts), started on first use. */
  engine(): HelmEngine;
  /** `chart.*`: inspect, files, render, lint, package, review checks and the API quick fix, with Helm's engine. */
  readonly chart: ChartService;
  /** Resolves what a call names as its chart (a catalog version or a package) to the package and its values. */
  readonly chartSources: ChartSources;
  /** Review comments, the pre-submission report and version comparison. */
  readonly review: ReviewService;
  /** Values forms, validation, the upgrade merge and structural diffs. */
  readonly values: ValuesService;
  /** Approval with image digests locked, and the check of those digests before a deploy. */
  readonly imageLocks: ImageLocks;
  /** An uploaded package's missing dependencies, and building them (the catalog first). */
  readonly dependencies: PackageDependencyService;
  /** Clusters, releases and live status; reads catalog versions through the catalog's own access rules. */
  readonly deploy: DeployService;
  /** S3 store keys, publishing, importing, provenance and bundles; loaded on first use (OpenPGP and the S3 client are heavy). */
  distribution(): Promise<DistributionService>;
  close(): Promise<void>;
}

export function createServices(options: ServicesOptions): Services {
  mkdirSync(options.dataDir, { recursive: true });
  registerReviewEvents();
  registerProvenanceEvents();
  setLogDir(join(options.dataDir, 'logs'));
  const events = new EventBus();
  const settings = new SettingsStore(options.dataDir);
  const s3Keys = new S3KeyStore(options.dataDir);
  let catalog: CatalogServices | undefined;
  let sync: SyncService | undefined;
  let chart: ChartService | undefined;
  let chartSources: ChartSources | undefined;
  let review: ReviewService | undefined;
  let values: ValuesService | undefined;
  let imageLocks: ImageLocks | undefined;
  let dependencies: PackageDependencyService | undefined;
  let deploy: DeployService | undefined;
  let distribution: Promise<DistributionService> | undefined;
  let engine: HelmEngine | undefined;
  // large batches of catalog signatures (a first sight of a log, a large pull) are checked by
  // engine processes the catalog's worker threads start; Node verifies when it is not built
  const nativeVerifier: NativeVerifier = { command: () => engineSidecarCommand() };
  const services: Services = {
    dataDir: options.dataDir,
    host: options.host,
    events,
    settings,
    s3Keys,
    get catalog() {
      catalog ??= createCatalogServices({
        dataDir: options.dataDir,
        inspectChart: async (bytes) => (await import('./chart/inspect')).inspectChartPackage(bytes),
        onChange: (n) => events.emit('catalog.changed', { events: n }),
        nativeVerifier,
      });
      return catalog;
    },
    get sync() {
      const { core, queries } = services.catalog;
      sync ??= new SyncService(
        core,
        queries,
        (status) => events.emit('sync.status', status),
        // read at each sync, so keys saved meanwhile apply (the AWS sources apply without them)
        () => ({ s3Credentials: s3Keys.get() }),
      );
      return sync;
    },
    engine: () => {
      // one engine (a small pool of engine processes) for the whole process, its time limit from settings
      const timeout = settings.get().engineTimeoutSeconds;
      engine ??= new HelmEngine(timeout ? { timeoutMs: timeout * 1000 } : {});
      return engine;
    },
    get chart() {
      chart ??= new ChartService({
        engine: () => services.engine(),
        catalogPackage: async (version) => {
          const v = await services.catalog.queries.version(version); // the catalog's read rules apply
          return Buffer.from(services.catalog.queries.blob(v.package.sha256).base64, 'base64');
        },
        reviewChart: (pkg, kubeVersion) => reviewChart(pkg, { kubeVersion }, services.engine()),
      });
      return chart;
    },
    get chartSources() {
      chartSources ??= new ChartSources(
        () => services.catalog,
        (path) => services.chart.packageBytes({ path }),
      );
      return chartSources;
    },
    get review() {
      review ??= new ReviewService({
        catalog: () => services.catalog,
        sources: services.chartSources,
        // lint and render are loaded when a report or comparison first needs them
        tools: async () => (await import('./review/toolkit')).chartToolkit(services.engine()),
      });
      return review;
    },
    get values() {
      values ??= new ValuesService(
        (chart) => services.chartSources.load(chart),
        () => services.engine(),
      );
      return values;
    },
    get dependencies() {
      dependencies ??= new PackageDependencyService({ engine: () => services.engine(), catalog: () => services.catalog });
      return dependencies;
    },
    get imageLocks() {
      imageLocks ??= new ImageLocks({
        catalog: () => services.catalog,
        engine: () => services.engine(),
        access: (registry) => new DistributionSettingsStore(join(options.dataDir, 'distribution')).registryAccess(registry),
      });
      return imageLocks;
    },
    get deploy() {
      deploy ??= new DeployService({
        onStatus: (health) => events.emit('deploy.status', health),
        hookOutput: options.hookOutput,
        engine: services.engine(),
        // The catalog decides what may be deployed: `store` only for active versions.
        catalogPackage: async (version, purpose) => Buffer.from((await services.catalog.queries.versionPackage(version, purpose)).base64, 'base64'),
        catalogApp: async (version) => (await services.catalog.queries.version(version)).appId,
        previousActiveVersion: async (version) => {
          const v = await services.catalog.queries.version(version);
          const older = (await services.catalog.queries.app(v.appId)).versions.filter(
            (x) => x.state === 'active' && x.id !== v.id && x.createdAt <= v.createdAt,
          );
          const newest = older.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0)).at(-1);
          return newest ? { id: newest.id, name: newest.name } : undefined;
        },
        versionName: async (version) => (await services.catalog.queries.version(version)).name,
        // The outcome of a draft's test deploy is recorded on the version for the reviewer.
        recordTestDeploy: (record) => services.review.reports.recordTestDeploy({ ...record, at: new Date().toISOString() }),
      });
      return deploy;
    },
    distribution() {
      distribution ??= import('./publish/distribution-service').then(
        ({ DistributionService }) =>
          new DistributionService(
            options.dataDir,
            () => services.catalog,
            (p) => events.emit('distribution.progress', p),
            s3Keys,
          ),
      );
      return distribution;
    },
    async close() {
      deploy?.close();
      await catalog?.close();
      await engine?.close();
    },
  };
  return services;
}
