import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreLocation } from '../../shared/types/catalog';
import { writeFileAtomic } from '../atomic-file';

/** Which catalog this data dir follows and where it is shared (`<dataDir>/catalog.json`). */
export interface CatalogSettings {
  catalogId?: string;
  store?: StoreLocation;
  lastSyncAt?: string;
}

export class CatalogSettingsFile {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'catalog.json');
  }

  get(): CatalogSettings {
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as CatalogSettings;
      const out: CatalogSettings = {};
      if (typeof raw.catalogId === 'string' && /^[0-9a-f]{64}$/.test(raw.catalogId)) out.catalogId = raw.catalogId;
      if (raw.store && (raw.store.kind === 'folder' || raw.store.kind === 'file') && typeof raw.store.path === 'string') out.store = { kind: raw.store.kind, path: raw.store.path };
      if (typeof raw.lastSyncAt === 'string') out.lastSyncAt = raw.lastSyncAt;
      return out;
    } catch {
      return {};
    }
  }

  update(patch: Partial<CatalogSettings>): CatalogSettings {
    const next = { ...this.get(), ...patch };
    for (const k of Object.keys(next) as (keyof CatalogSettings)[]) if (next[k] === undefined) delete next[k];
    writeFileAtomic(this.file, JSON.stringify(next, null, 2) + '\n');
    return next;
  }
}
