/** Finds what a request names: by id first, then by a name people would type. */
import { BerthFailure } from '../../shared/result';
import type { AppRecord, CatalogState, CategoryRecord, VersionRecord, WorkspaceRecord } from './state';

function notFound(message: string): never {
  throw new BerthFailure('not-found', message);
}

export function findWorkspace(state: CatalogState, ref: string): WorkspaceRecord {
  const byId = state.workspaces.get(ref);
  if (byId) return byId;
  for (const w of state.workspaces.values()) if (w.name === ref) return w;
  return notFound(`There is no workspace “${ref}”.`);
}

export function findCategory(state: CatalogState, ref: string): CategoryRecord {
  const byId = state.categories.get(ref);
  if (byId && !byId.deleted) return byId;
  for (const c of state.categories.values()) if (!c.deleted && c.name.toLowerCase() === ref.trim().toLowerCase()) return c;
  return notFound(`There is no category “${ref}”.`);
}

export function findApp(state: CatalogState, ref: string): AppRecord {
  const byId = state.apps.get(ref);
  if (byId && !byId.deleted) return byId;
  const byName = [...state.apps.values()].filter((a) => !a.deleted && a.chartName === ref);
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) throw new BerthFailure('input.invalid', `Several workspaces have an app named ${ref}; use its id (${byName.map((a) => a.id).join(', ')}).`);
  return notFound(`There is no app “${ref}”.`);
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
  return notFound(`There is no version “${ref}”.`);
}

/** A person by key id, a unique key prefix (8+ hex characters) or a unique display name. */
export function findMemberKey(state: CatalogState, ref: string): string {
  const r = ref.trim();
  if (/^[0-9a-f]{64}$/.test(r)) return r;
  const candidates = [...state.members.values()].filter((m) => (/^[0-9a-f]{8,}$/.test(r) && m.key.startsWith(r)) || m.displayName === r);
  if (candidates.length === 1) return candidates[0].key;
  if (candidates.length > 1) throw new BerthFailure('input.invalid', `“${r}” matches several people; use their key id (berth member list).`);
  return notFound(`Nobody called “${r}” has joined the catalog. Ask them for their key id (berth identity show) and use that.`);
}
