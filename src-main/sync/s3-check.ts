import { BerthFailure } from '../../shared/result';
import type { S3CheckResult, S3Credentials, S3StoreLocation } from '../../shared/types/distribution';
import { S3Store } from './s3-store';
import { savedKeysFor } from './store-location';

/** Checks a bucket before a catalog is connected to it: reachable with these keys, and whether a catalog is there. */
export async function checkS3Place(location: S3StoreLocation, saved: S3Credentials | undefined): Promise<S3CheckResult> {
  const credentials = savedKeysFor(location, saved);
  const store = new S3Store(location, { attempts: 2, ...(credentials ? { credentials } : {}) });
  try {
    await store.check();
    const manifest = await store.readManifest();
    return manifest
      ? { reachable: true, catalogName: manifest.name, message: `The bucket holds the catalog “${manifest.name}”; connect to it.` }
      : { reachable: true, message: 'The bucket answers and holds no catalog yet; you can create one there.' };
  } catch (e) {
    if (e instanceof BerthFailure) return { reachable: false, message: e.message };
    throw e;
  } finally {
    await store.close();
  }
}
