import type { StoreLocation } from '../../shared/types/catalog';
import { BerthFailure } from '../../shared/result';
import { CatalogFile } from './catalog-file';
import { FolderStore } from './folder-store';
import type { CatalogStore } from './store';

/** The one place that knows every kind of store. */
export async function openStore(location: StoreLocation, options: { create: boolean } = { create: false }): Promise<CatalogStore> {
  if (typeof location?.path !== 'string' || !location.path.trim()) throw new BerthFailure('input.invalid', 'Give the path of the shared folder or catalog file.');
  switch (location.kind) {
    case 'folder':
      return new FolderStore(location.path);
    case 'file':
      return CatalogFile.open(location.path, options);
    default:
      throw new BerthFailure('input.invalid', 'A catalog is shared through a folder or a catalog file.');
  }
}
