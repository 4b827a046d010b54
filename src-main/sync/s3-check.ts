import { BerthFailure, type Sentence } from '../../shared/result';
import { inEnglish, sentence } from '../sentences';
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
      ? { reachable: true, catalogName: manifest.name, ...said(sentence('s3.holdsCatalog', { name: manifest.name })) }
      : { reachable: true, ...said(sentence('s3.empty')) };
  } catch (e) {
    if (e instanceof BerthFailure) return { reachable: false, message: e.message, ...(e.say ? { say: e.say } : {}) };
    throw e;
  } finally {
    await store.close();
  }
}

function said(say: Sentence): { message: string; say: Sentence } {
  return { message: inEnglish(say), say };
}
