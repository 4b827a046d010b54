/** What a publish sends: every active version in the catalog's store, with its package bytes. */
import type { CatalogServices } from '../catalog/catalog-services';

export interface ReleasedPackage {
  name: string;
  version: string;
  bytes: Uint8Array;
  sha256: string;
}

export async function activeReleases(catalog: CatalogServices): Promise<ReleasedPackage[]> {
  const out: ReleasedPackage[] = [];
  const pageSize = 500;
  for (let offset = 0; ; offset += pageSize) {
    const page = await catalog.queries.store({ limit: pageSize, offset });
    for (const app of page.apps) {
      const detail = await catalog.queries.storeApp(app.id);
      for (const v of detail.versions) {
        if (v.state !== 'active') continue;
        const blob = catalog.queries.blob(v.package.sha256);
        out.push({ name: detail.chartName, version: v.chartVersion, bytes: new Uint8Array(Buffer.from(blob.base64, 'base64')), sha256: v.package.sha256 });
      }
    }
    if (offset + pageSize >= page.total || page.apps.length === 0) break;
  }
  return out;
}
