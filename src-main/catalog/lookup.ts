/** Finds what a request names: by id first, then by a name people would type. */
import { refusal, type SentenceKey } from '../sentences';
import type { AppRecord, CatalogState, CategoryRecord, VersionRecord, WorkspaceRecord } from './state';

function notFound(key: SentenceKey, ref: string): never {
  throw refusal('not-found', key, { ref });
}

export function findWorkspace(state: CatalogState, ref: string): WorkspaceRecord {
  const byId = state.workspaces.get(ref);
  if (byId) return byId;
  for (const w of state.workspaces.values()) if (w.name === ref) return w;
  return notFound('lookup.noWorkspace', ref);
}

export function findCategory(state: CatalogState, ref: string): CategoryRecord {
  const byId = state.categories.get(ref);
  if (byId && !byId.deleted) return byId;
  for (const c of state.categories.values()) if (!c.deleted && c.name.toLowerCase() === ref.trim().toLowerCase()) return c;
  return notFound('lookup.noCategory', ref);
}

export function findApp(state: CatalogState, ref: string): AppRecord {
  const byId = state.apps.get(ref);
  if (byId && !byId.deleted) return byId;
  const byName = [...state.apps.values()].filter((a) => !a.deleted && a.chartName === ref);
  if (byName.length === 1) return byName[0];
  if (byName.length > 1)
    throw refusal('input.invalid', 'lookup.appNameAmbiguous', { ref, ids: byName.map((a) => a.id).join(', ') });
  return notFound('lookup.noApp', ref);
}

/** A version by id, or `app@version` by names. */
export function findVersion(state: CatalogState, ref: string): VersionRecord {
  const byId = state.versions.get(ref);
  if (byId && byId.state !== 'deleted') return byId;
  const at = ref.lastIndexOf('@');
  if (at > 0) {
    const app = findApp(state, ref.slice(0, at));
    const name = ref.slice(at + 1);
    for (const id of app.versionIds) {
      const v = state.versions.get(id);
      if (v && v.state !== 'deleted' && v.name === name) return v;
    }
  }
  return notFound('lookup.noVersion', ref);
}

/**
 * A person by key id, a unique key prefix (8+ hex characters, like the 12-character short id
 * the welcome screen shows) or a unique display name. A pasted invitation line works too: its
 * full key is found inside it. An ambiguous prefix is refused with the names it matches.
 */
export function findMemberKey(state: CatalogState, ref: string): string {
  const r = ref.trim();
  const full = /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/i.exec(r);
  if (full) return full[0].toLowerCase();
  const members = [...state.members.values()];
  const prefix = r.toLowerCase();
  if (/^[0-9a-f]{8,63}$/.test(prefix)) {
    const matches = members.filter((m) => m.key.startsWith(prefix));
    if (matches.length === 1) return matches[0].key;
    if (matches.length > 1) {
      const names = matches.map((m) => m.displayName || m.key.slice(0, 12)).join(', ');
      throw refusal('input.invalid', 'member.keyAmbiguous', { count: matches.length, key: prefix, names });
    }
    const named = members.filter((m) => m.displayName === r);
    if (named.length === 1) return named[0].key;
    throw refusal('not-found', 'member.keyNotFound', { key: prefix });
  }
  if (/^[0-9a-f]{1,7}$/i.test(r)) {
    throw refusal('input.invalid', 'member.keyTooShort');
  }
  const candidates = members.filter((m) => m.displayName === r);
  if (candidates.length === 1) return candidates[0].key;
  if (candidates.length > 1) throw refusal('input.invalid', 'lookup.personAmbiguous', { ref: r });
  return notFound('lookup.noPerson', r);
}
