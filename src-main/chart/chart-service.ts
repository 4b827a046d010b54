/**
 * The `chart.*` calls and `ui.packageFolder`: where a chart comes from (a folder or .tgz on
 * disk, package bytes, or a catalog version) is resolved here, once, and the chart functions
 * of this folder do the work with Helm's engine. The engine, the catalog and the review checks
 * come in as ports from the composition root, so this module knows none of them.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ChartLintResult, ChartRef, ChartReview, ChartTreeFile, RenderOptions, RenderResult } from '../../shared/types/chart';
import type { ApiMigrationResult } from '../../shared/types/chart';
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

export class ChartService {
  constructor(private readonly options: ChartServiceOptions) {}

  /** The package bytes a chart names; a folder is packaged first, as `helm install ./dir` does. */
  async packageBytes(chart: ChartRef): Promise<Uint8Array> {
    if ('archiveBase64' in chart) return fromBase64(chart.archiveBase64);
    if (statSync(chart.path).isFile()) return readFileSync(chart.path);
    return (await packageChartBytes(chart.path, {}, this.options.engine())).archive;
  }

  async artifactHub(version: string) {
    const bytes = await this.options.catalogPackage(version);
    return readArtifactHub(readMetadataFromArchive(readChartArchive(bytes)).annotations);
  }

  inspect(pkg: Uint8Array) {
    return inspectChartPackage(pkg);
  }

  files(chart: ChartRef): ChartTreeFile[] {
    if ('archiveBase64' in chart) return archiveTree(fromBase64(chart.archiveBase64));
    return statSync(chart.path).isFile() ? archiveTree(readFileSync(chart.path)) : folderTree(chart.path);
  }

  render(chart: ChartRef, options: RenderOptions = {}): Promise<RenderResult> {
    return renderChart('path' in chart ? { path: chart.path } : { archive: fromBase64(chart.archiveBase64) }, options, this.options.engine());
  }

  lint(chart: ChartRef, options: { strict?: boolean; valuesYaml?: string[]; kubeVersion?: string }): Promise<ChartLintResult> {
    if ('path' in chart) return lintChart([chart.path], options, this.options.engine());
    return lintPackage(fromBase64(chart.archiveBase64), options, this.options.engine());
  }

  /** `helm package`; the archive is always returned, and also written to `destination` when given. */
  async package(dir: string, options: { destination?: string; version?: string; appVersion?: string }): Promise<{ fileName: string; archive: Uint8Array; path?: string }> {
    if (options.destination) {
      const r = await packageChart(dir, options, this.options.engine());
      return { fileName: basename(r.path), archive: readFileSync(r.path), path: r.path };
    }
    return packageChartBytes(dir, options, this.options.engine());
  }

  packagePickedFolder(files: { path: string; base64: string }[]): Promise<{ fileName: string; archive: Uint8Array }> {
    return packagePickedFolder(files.map((f) => ({ path: f.path, data: fromBase64(f.base64) })), this.options.engine());
  }

  async review(chart: ChartRef, kubeVersion?: string): Promise<ChartReview> {
    return this.options.reviewChart(await this.packageBytes(chart), kubeVersion);
  }

  async migrateApis(chart: ChartRef, options: { kubeVersion?: string; version?: string }): Promise<ApiMigrationResult & { archive: Uint8Array }> {
    return migrateRemovedApis(await this.packageBytes(chart), options);
  }
}
