/** Test helpers: people with their own data dirs, each running Berth's catalog services. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inspectChartPackage } from '../../../src-main/chart/inspect';
import { EVENT_FORMAT, type SignedEvent } from '../../../src-main/catalog/event-types';
import { nextHlc } from '../../../src-main/catalog/hlc';
import { publicKeyHex, signBody } from '../../../src-main/catalog/signing';
import { createCatalogServices, type CatalogServices } from '../../../src-main/catalog/catalog-services';
import { SyncService } from '../../../src-main/sync/sync-service';

/** The shared fixtures sit beside the repository (../shared from the repo root). */
export const FIXTURES = resolve(__dirname, '../../../../shared/fixtures/charts');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name)).toString('base64');
}

export interface Person extends CatalogServices {
  sync: SyncService;
  name: string;
  dataDir: string;
  keyId: string;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `berth-${prefix}-`));
}

export function person(name: string, dataDir = tempDir(name)): Person {
  const someone = reopen(name, dataDir);
  someone.core.identity.rename(name);
  return someone;
}

/** The same person's data dir opened again, as a new Berth process would (sync composed as in services.ts). */
export function reopen(name: string, dataDir: string): Person {
  const catalog = createCatalogServices({ dataDir, inspectChart: inspectChartPackage });
  return { ...catalog, sync: new SyncService(catalog.core, catalog.queries), name, dataDir, keyId: catalog.core.identity.keyId };
}

export function cleanup(...dirs: string[]): void {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

/** Someone who writes events by hand, outside Berth's commands (a forger, or a newer Berth). */
export function outsider(): {
  key: KeyObject;
  keyId: string;
  write: (catalog: string, type: string, data: Record<string, unknown>, prev?: Record<string, string | null>) => SignedEvent;
} {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyId = publicKeyHex(publicKey);
  return {
    key: privateKey,
    keyId,
    write: (catalog, type, data, prev = {}) => signBody({ v: EVENT_FORMAT, catalog, type, author: keyId, hlc: nextHlc(undefined), prev, data }, privateKey),
  };
}
