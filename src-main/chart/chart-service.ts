/**
 * The `chart.*` calls and `ui.packageFolder`: where a chart comes from (a folder or .tgz on
 * disk, package bytes, or a catalog version) is resolved here, once, and the chart functions
 * of this folder do the work with Helm's engine. The engine, the catalog and the review checks
 * come in as ports from the composition root, so this module knows none of them.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { BerthFailure } from '../../shared/result';
import type {
  ApiMigrationResult,
  ChartLintResult,
  ChartReview,
  ChartSource,
  ChartSummary,
  ChartTreeFile,
  RenderOptions,
  RenderResult,
} from '../../shared/types/chart';
import type { HelmEngine } from '../render/engine';
import { renderChart } from '../render/render';
import { migrateRemovedApis } from './api-migration';
import { readArtifactHub } from './artifacthub';
import { readChartArchive } from './archive';
import { archiveTree, folderTree } from './files';
import { inspectChartPackage, readMetadataFromArchive } from './inspect';
import { lintChart, lintPackage } from './lint';
import { packageChart, packageChartBytes, packagePickedFolder } from './package';

export interface ChartServiceOptions {
  engine: () => HelmEngine;
  /** A catalog version's package, refused by the catalog when the caller may not see it. */
  catalogPackage: (version: string) => Promise<Uint8Array>;
  /** Berth's review checks over a package (they live in review/, which builds on this folder). */
  reviewChart: (pkg: Uint8Array, kubeVersion: string | undefined) => Promise<ChartReview>;
}

const fromBase64 = (s: string): Uint8Array => Buffer.from(s, 'base64');

/** What a ChartSource names once resolved: a path Helm reads from disk, or package bytes. */
type Resolved = { path: string } | { bytes: Uint8Array };

export class ChartService {
  constructor(private readonly options: ChartServiceOptions) {}

  /** Where a chart comes from, checked once here for every chart call. */
  async resolve(chart: ChartSource | undefined): Promise<Resolved> {
    if (chart && 'version' in chart && typeof chart.version === 'string') return { bytes: await this.options.catalogPackage(chart.version) };
    if (chart && 'packageBase64' in chart && typeof chart.packageBase64 === 'string') return { bytes: fromBase64(chart.packageBase64) };
    if (chart && 'path' in chart && typeof chart.path === 'string') return { path: chart.path };
    throw new BerthFailure('input.invalid', 'Say which chart: a catalog version, a package or a folder.', { field: 'chart' });
  }

  /** The package bytes a chart names; a folder is packaged first, as `helm install ./dir` does. */
  async packageBytes(chart: ChartSource): Promise<Uint8Array> {
    const r = await this.resolve(chart);
    if ('bytes' in r) return r.bytes;
    if (statSync(r.path).isFile()) return readFileSync(r.path);
    return (await packageChartBytes(r.path, {}, this.options.engine())).archive;
  }

  async artifactHub(version: string) {
    const bytes = await this.options.catalogPackage(version);
    return readArtifactHub(readMetadataFromArchive(readChartArchive(bytes)).annotations);
  }

  async inspect(chart: ChartSource): Promise<ChartSummary> {
    return inspectChartPackage(await this.packageBytes(chart));
  }

  async files(chart: ChartSource): Promise<ChartTreeFile[]> {
    const r = await this.resolve(chart);
    if ('bytes' in r) return archiveTree(r.bytes);
    return statSync(r.path).isFile() ? archiveTree(readFileSync(r.path)) : folderTree(r.path);
  }

  async render(chart: ChartSource, options: RenderOptions = {}): Promise<RenderResult> {
    const r = await this.resolve(chart);
    return renderChart('path' in r ? { path: r.path } : { archive: r.bytes }, options, this.options.engine());
  }

  async lint(chart: ChartSource, options: { strict?: boolean; valuesYaml?: string[]; kubeVersion?: string }): Promise<ChartLintResult> {
    const r = await this.resolve(chart);
    if ('path' in r) return lintChart([r.path], options, this.options.engine());
    return lintPackage(r.bytes, options, this.options.engine());
  }

  /** `helm package`; the archive is always returned, and also written to `destination` when given. */
  async package(
    dir: string,
    options: { destination?: string; version?: string; appVersion?: string },
  ): Promise<{ fileName: string; archive: Uint8Array; path?: string }> {
    if (options.destination) {
      const r = await packageChart(dir, options, this.options.engine());
      return { fileName: basename(r.path), archive: readFileSync(r.path), path: r.path };
    }
    return packageChartBytes(dir, options, this.options.engine());
  }

  packagePickedFolder(files: { path: string; base64: string }[]): Promise<{ fileName: string; archive: Uint8Array }> {
    return packagePickedFolder(
      files.map((f) => ({ path: f.path, data: fromBase64(f.base64) })),
      this.options.engine(),
    );
  }

  async review(chart: ChartSource, kubeVersion?: string): Promise<ChartReview> {
    return this.options.reviewChart(await this.packageBytes(chart), kubeVersion);
  }

  async migrateApis(chart: ChartSource, options: { kubeVersion?: string; version?: string }): Promise<ApiMigrationResult & { archive: Uint8Array }> {
    return migrateRemovedApis(await this.packageBytes(chart), options);
  }
}
