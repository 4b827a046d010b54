/**
 * The catalog's state as replay builds it: plain records in maps, changed only by
 * applying events (see apply.ts). The local view persists these records and queries them.
 */
import type { AppInfoFields, AppState, BlobRef, PlatformRole, VersionState, WorkspaceRole } from '../../shared/types/catalog';
import type { ChartFacts } from './event-types';
import { highest } from './semver';

export const DEFAULT_CATEGORY = 'uncategorized';

export interface MemberRecord {
  key: string;
  displayName: string;
  joined: boolean;
  roles: PlatformRole[];
}

export interface WorkspaceRecord {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  createdBy: string;
  createdEvent: string;
  members: Record<string, WorkspaceRole>;
}

export interface AppRecord {
  id: string;
  workspace: string;
  chartName: string;
  info: AppInfoFields;
  /** The copy the store shows, taken at the last release or recover. */
  storeInfo?: AppInfoFields;
  /** Information the ISV asked to publish while the catalog has reviewers check it first. */
  infoRequest?: { info: AppInfoFields; by: string; at: string };
  versionIds: string[];
  deleted: boolean;
  createdAt: string;
  createdBy: string;
  createdEvent: string;
  deletedEvent?: string;
  updatedAt: string;
}

export interface VersionRecord {
  id: string;
  appId: string;
  name: string;
  chart: ChartFacts;
  package: BlobRef;
  changelog: string;
  state: VersionState;
  createdAt: string;
  createdBy: string;
  createdEvent: string;
  updatedAt: string;
  rejectReason?: string;
  submittedAt?: string;
  submittedBy?: string;
  reviewedBy?: string;
  /** Ever approved: such versions are the review's diff baseline. */
  everPassed: boolean;
}

export interface CategoryRecord {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  deleted: boolean;
  createdEvent?: string;
  deletedEvent?: string;
}

export interface Head {
  event: string;
  author: string;
}

export interface Dirty {
  apps: Set<string>;
  versions: Set<string>;
  categories: Set<string>;
  members: Set<string>;
  workspaces: Set<string>;
  heads: Set<string>;
  catalog: boolean;
}

export interface CatalogState {
  /** The genesis event id this machine follows. */
  catalogId: string;
  name?: string;
  createdAt?: string;
  genesisApplied: boolean;
  /** The admins' rule that published app information waits for a reviewer (`catalog.setPolicy`). */
  infoReview?: boolean;
  members: Map<string, MemberRecord>;
  workspaces: Map<string, WorkspaceRecord>;
  apps: Map<string, AppRecord>;
  versions: Map<string, VersionRecord>;
  categories: Map<string, CategoryRecord>;
  /** Per changed thing (app:<id>, version:<id>, category:<id>), the last event applied to it. */
  heads: Map<string, Head>;
  /** Live apps by workspace and chart name (derived, so chart names are checked without a scan). */
  appsByChart: Map<string, string>;
  dirty: Dirty;
}

export function chartKey(workspace: string, chartName: string): string {
  return `${workspace}\n${chartName}`;
}

export function emptyDirty(): Dirty {
  return { apps: new Set(), versions: new Set(), categories: new Set(), members: new Set(), workspaces: new Set(), heads: new Set(), catalog: false };
}

export function builtInCategory(): CategoryRecord {
  return { id: DEFAULT_CATEGORY, name: DEFAULT_CATEGORY, description: 'Apps not filed under another category.', builtIn: true, deleted: false };
}

export function createState(catalogId: string): CatalogState {
  return {
    catalogId,
    genesisApplied: false,
    members: new Map(),
    workspaces: new Map(),
    apps: new Map(),
    versions: new Map(),
    categories: new Map([[DEFAULT_CATEGORY, builtInCategory()]]),
    heads: new Map(),
    appsByChart: new Map(),
    dirty: emptyDirty(),
  };
}

export function hasRole(state: CatalogState, key: string, role: PlatformRole): boolean {
  return state.members.get(key)?.roles.includes(role) ?? false;
}

export function isReviewer(state: CatalogState, key: string): boolean {
  return hasRole(state, key, 'reviewer') || hasRole(state, key, 'admin');
}

export function workspaceRole(state: CatalogState, key: string, workspace: string): WorkspaceRole | undefined {
  return state.workspaces.get(workspace)?.members[key];
}

export function displayNameOf(state: CatalogState, key: string): string {
  const m = state.members.get(key);
  return m?.displayName || key.slice(0, 12);
}

export function liveVersions(state: CatalogState, app: AppRecord): VersionRecord[] {
  const out: VersionRecord[] = [];
  for (const id of app.versionIds) {
    const v = state.versions.get(id);
    if (v && v.state !== 'deleted') out.push(v);
  }
  return out;
}

export function appState(state: CatalogState, app: AppRecord): AppState {
  if (app.deleted) return 'deleted';
  const versions = liveVersions(state, app);
  if (versions.some((v) => v.state === 'active')) return 'active';
  if (versions.some((v) => v.state === 'suspended')) return 'suspended';
  return 'draft';
}

export function latestVersion(state: CatalogState, app: AppRecord, activeOnly: boolean): VersionRecord | undefined {
  const versions = liveVersions(state, app).filter((v) => !activeOnly || v.state === 'active');
  return highest(versions, (v) => v.name);
}

export function categoryInUse(state: CatalogState, id: string): AppRecord | undefined {
  for (const app of state.apps.values()) {
    if (!app.deleted && (app.info.category === id || app.storeInfo?.category === id)) return app;
  }
  return undefined;
}
