import type { StoreLocation } from '../../shared/types/catalog';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Credentials } from '../../shared/types/distribution';
import { refusal } from '../sentences';
import { CatalogFile } from './catalog-file';
import { FolderStore } from './folder-store';
import type { CatalogStore } from './store';

export interface OpenStoreOptions {
  create?: boolean;
  /** Keys saved on this computer for S3; without them the usual AWS sources (env, profile) apply. */
  s3Credentials?: S3Credentials;
  /** Lets tests watch or interrupt S3 requests. */
  s3Configure?: (client: S3Client) => void;
}

/** The one place that knows every kind of store. */
export async function openStore(location: StoreLocation, options: OpenStoreOptions = {}): Promise<CatalogStore> {
  switch (location?.kind) {
    case 'folder':
    case 'file':
      if (typeof location.path !== 'string' || !location.path.trim())
        throw refusal('input.invalid', 'store.givePath');
      return location.kind === 'folder' ? new FolderStore(location.path) : CatalogFile.open(location.path, { create: options.create ?? false });
    case 's3': {
      // the S3 client is heavy: loaded only when a catalog lives in a bucket
      const { S3Store } = await import('./s3-store');
      return new S3Store(location, {
        ...(options.s3Credentials ? { credentials: options.s3Credentials } : {}),
        ...(options.s3Configure ? { configure: options.s3Configure } : {}),
      });
    }
    default:
      throw refusal('input.invalid', 'store.giveKind');
  }
}
