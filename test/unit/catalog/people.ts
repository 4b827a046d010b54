/** Test helpers: people with their own data dirs, each running Berth's catalog services. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inspectChartPackage } from '../../../src-main/chart/inspect';
import { createCatalogServices, type CatalogServices } from '../../../src-main/sync/catalog-services';

/** The shared fixtures sit beside the repository (../shared from the repo root). */
export const FIXTURES = resolve(__dirname, '../../../../shared/fixtures/charts');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name)).toString('base64');
}

export interface Person extends CatalogServices {
  name: string;
  dataDir: string;
  keyId: string;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `berth-${prefix}-`));
}

export function person(name: string, dataDir = tempDir(name)): Person {
  const services = createCatalogServices({ dataDir, inspectChart: inspectChartPackage });
  services.core.identity.rename(name);
  return { ...services, name, dataDir, keyId: services.core.identity.keyId };
}

export function cleanup(...dirs: string[]): void {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
