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

/** Only the location fields; anything else (keys pasted by hand, say) is dropped, never echoed. */
function readStore(raw: StoreLocation | undefined): StoreLocation | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  if ((raw.kind === 'folder' || raw.kind === 'file') && typeof raw.path === 'string') return { kind: raw.kind, path: raw.path };
  if (raw.kind !== 's3' || typeof raw.bucket !== 'string') return undefined;
  const out: StoreLocation = { kind: 's3', bucket: raw.bucket };
  for (const k of ['prefix', 'endpoint', 'region', 'profile'] as const) if (typeof raw[k] === 'string') out[k] = raw[k];
  if (typeof raw.forcePathStyle === 'boolean') out.forcePathStyle = raw.forcePathStyle;
  return out;
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
      const store = readStore(raw.store);
      if (store) out.store = store;
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
