/**
 * Resolves what a review or values call names — a catalog version, package bytes or a path — to the
 * package and what the values tools read from it, caching by sha256 (packages never change
 * under their digest, and reading a big chart's values takes a moment).
 */
import { BerthFailure } from '../../shared/result';
import type { ChartSource } from '../../shared/types/review-tools';
import { readChartArchive, type ChartArchive } from '../chart/archive';
import type { CatalogServices } from '../catalog/catalog-services';
import { loadValuesChart, type ValuesChart } from '../values/chart-values';
import { sha256Hex } from './build-report';
import type { CatalogFacts } from './projection';
import { catalogFacts } from './catalog-log';

export interface LoadedChart {
  bytes: Uint8Array;
  sha256: string;
  archive: ChartArchive;
  values: ValuesChart;
  /** Set when the source is a catalog version. */
  version?: { id: string; app: string; name: string; changelog: string };
}

const CACHE_SIZE = 8;
const MAX_PACKAGE_BYTES = 20 * 1024 * 1024;

export class ChartSources {
  private readonly cache = new Map<string, Omit<LoadedChart, 'version'>>();

  /** `pathBytes` reads a chart on disk (a folder is packaged), for main-side callers that name one. */
  constructor(
    private readonly catalog: () => CatalogServices,
    private readonly pathBytes?: (path: string) => Promise<Uint8Array>,
  ) {}

  async facts(): Promise<{ facts: CatalogFacts; me: string }> {
    const core = this.catalog().core;
    return { facts: catalogFacts(await core.state()), me: core.identity.keyId };
  }

  /** The package of a catalog version the caller may see, or refuses in plain words. */
  async versionPackage(versionId: string): Promise<{ bytes: Uint8Array; version: NonNullable<LoadedChart['version']> }> {
    const core = this.catalog().core;
    const state = await core.state();
    const v = state.versions.get(versionId);
    if (!v || v.state === 'deleted') throw new BerthFailure('not-found', 'That version is not in the catalog (it may have been deleted).');
    const facts = catalogFacts(state);
    const app = facts.app(v.appId);
    const me = core.identity.keyId;
    if (!app || (!facts.isReviewer(me) && facts.workspaceRole(me, app.workspace) === undefined)) {
      throw new BerthFailure('catalog.forbidden', 'Only members of the app’s workspace and reviewers can open this version’s chart.');
    }
    const bytes = core.blobs.get(v.package.sha256);
    if (!bytes) throw new BerthFailure('not-found', 'This version’s chart package is not on this machine yet; it arrives with the next sync.');
    return { bytes, version: { id: v.id, app: v.appId, name: v.name, changelog: v.changelog } };
  }

  async load(source: ChartSource): Promise<LoadedChart> {
    let bytes: Uint8Array;
    let version: LoadedChart['version'];
    if ('version' in source && typeof source.version === 'string') {
      ({ bytes, version } = await this.versionPackage(source.version));
    } else if ('packageBase64' in source && typeof source.packageBase64 === 'string') {
      if (source.packageBase64.length > (MAX_PACKAGE_BYTES * 4) / 3 + 4)
        throw new BerthFailure('input.invalid', 'The chart package is larger than the 20 MiB Berth accepts.');
      bytes = Buffer.from(source.packageBase64, 'base64');
    } else if ('path' in source && typeof source.path === 'string' && this.pathBytes) {
      bytes = await this.pathBytes(source.path);
    } else {
      throw new BerthFailure('input.invalid', 'Say which chart: a catalog version or a package.');
    }
    const sha256 = sha256Hex(bytes);
    let hit = this.cache.get(sha256);
    if (hit) {
      this.cache.delete(sha256);
    } else {
      const archive = readChartArchive(bytes, { label: 'The chart package' });
      hit = { bytes, sha256, archive, values: loadValuesChart(archive) };
    }
    this.cache.set(sha256, hit);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return version ? { ...hit, version } : hit;
  }
}
