/**
 * Dependencies of an uploaded chart package: which of the charts its Chart.yaml names are missing
 * from its charts/ folder, and a build that fills them in (the catalog first, with no network, then
 * their repositories, as `berth dependency build` does) and packages the chart again.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuiltPackage, PackageDependencies, PackageDependency } from '../../shared/types/dependencies';
import { BerthFailure } from '../../shared/result';
import { readChartArchive } from '../chart/archive';
import { readMetadataFromArchive } from '../chart/inspect';
import { packageChart } from '../chart/package';
import { withTempDir } from '../chart/temp-dir';
import type { HelmEngine } from '../render/engine';
import type { CatalogServices } from '../catalog/catalog-services';
import { buildDependencies, listDependencies, packageWith, type CatalogChart } from './dependencies';

/** Versions a chart can depend on: the catalog's live versions of that chart, except rejected or suspended ones. */
const USABLE = new Set(['active', 'passed', 'draft', 'submitted']);

/** Chart versions of a name in this data dir's catalog (none when no catalog is connected). */
export function catalogCharts(catalog: () => CatalogServices): (name: string) => Promise<CatalogChart[]> {
  return async (name) => {
    try {
      const q = catalog().queries;
      const out: CatalogChart[] = [];
      for (const a of await q.apps()) {
        if (a.chartName !== name) continue;
        for (const v of (await q.app(a.id)).versions) {
          if (USABLE.has(v.state))
            out.push({ version: v.chartVersion, bytes: async () => new Uint8Array(Buffer.from(q.blob(v.package.sha256).base64, 'base64')) });
        }
      }
      return out;
    } catch (e) {
      if (e instanceof BerthFailure && e.code === 'catalog.not-connected') return [];
      throw e;
    }
  };
}

export class PackageDependencyService {
  constructor(private readonly ports: { engine: () => HelmEngine; catalog: () => CatalogServices }) {}

  private unpack<T>(pkg: Uint8Array, work: (chartDir: string) => Promise<T>): Promise<T> {
    const archive = readChartArchive(pkg, { label: 'The chart package' });
    return withTempDir('deps', async (dir) => {
      const chartDir = join(dir, archive.baseDir);
      for (const f of archive.files) {
        const file = join(chartDir, f.path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, f.data);
      }
      return work(chartDir);
    });
  }

  private async describe(chartDir: string): Promise<PackageDependency[]> {
    const lookup = catalogCharts(this.ports.catalog);
    return Promise.all(listDependencies(chartDir).dependencies.map(async (d) => ({ ...d, inCatalog: (await lookup(d.name)).length > 0 })));
  }

  /** `chart.dependencies`: the package's dependencies and which are missing from it. */
  check(pkg: Uint8Array): Promise<PackageDependencies> {
    return this.unpack(pkg, async (chartDir) => {
      const dependencies = await this.describe(chartDir);
      return { dependencies, missing: dependencies.filter((d) => d.status !== 'ok' && d.status !== 'unpacked').length };
    });
  }

  /** `chart.buildDependencies`: `helm dependency build` on the package (catalog first), packaged again. */
  build(pkg: Uint8Array): Promise<BuiltPackage> {
    return this.unpack(pkg, async (chartDir) => {
      const engine = this.ports.engine();
      const pack = (dir: string) => packageWith(async (d, dest) => (await packageChart(d, { destination: dest }, engine)).path, dir);
      await buildDependencies(chartDir, { catalog: catalogCharts(this.ports.catalog), packageFolder: pack });
      const dependencies = await this.describe(chartDir);
      const bytes = await pack(chartDir);
      const md = readMetadataFromArchive(readChartArchive(bytes));
      return { fileName: `${md.name}-${md.version}.tgz`, packageBase64: Buffer.from(bytes).toString('base64'), dependencies };
    });
  }
}
