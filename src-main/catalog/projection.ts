/** Turns replayed records into the shapes the contract returns. */
import type { AppDetail, AppSummary, Category, Member, StoreApp, StoreAppDetail, VersionSummary, Workspace } from '../../shared/types/catalog';
import { compareVersionNames } from './semver';
import { shortId } from './signing';
import type { AppRecord, CatalogState, CategoryRecord, MemberRecord, VersionRecord, WorkspaceRecord } from './state';
import { appState, displayNameOf, latestVersion, liveVersions } from './state';

export function toVersionSummary(state: CatalogState, v: VersionRecord): VersionSummary {
  const out: VersionSummary = {
    id: v.id,
    appId: v.appId,
    name: v.name,
    chartVersion: v.chart.version,
    state: v.state,
    changelog: v.changelog,
    package: v.package,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    createdBy: displayNameOf(state, v.createdBy),
  };
  if (v.chart.appVersion) out.appVersion = v.chart.appVersion;
  if (v.rejectReason) out.rejectReason = v.rejectReason;
  if (v.submittedAt) out.submittedAt = v.submittedAt;
  if (v.reviewedBy) out.reviewedBy = displayNameOf(state, v.reviewedBy);
  return out;
}

function categoryName(state: CatalogState, id: string): string {
  return state.categories.get(id)?.name ?? id;
}

export function toAppSummary(state: CatalogState, app: AppRecord): AppSummary {
  const latest = latestVersion(state, app, false);
  const out: AppSummary = {
    id: app.id,
    workspace: app.workspace,
    workspaceName: state.workspaces.get(app.workspace)?.name ?? app.workspace,
    chartName: app.chartName,
    state: appState(state, app),
    description: app.info.description,
    category: app.info.category,
    categoryName: categoryName(state, app.info.category),
    keywords: latest?.chart.keywords ?? [],
    versionCount: liveVersions(state, app).length,
    updatedAt: app.updatedAt,
  };
  if (app.info.icon) out.icon = app.info.icon;
  if (latest) out.latestVersion = latest.name;
  const inStore = latestVersion(state, app, true);
  if (inStore) out.latestInStore = inStore.name;
  return out;
}

function sameInfo(a: AppRecord['info'], b: AppRecord['info'] | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function toAppDetail(state: CatalogState, app: AppRecord): AppDetail {
  const versions = liveVersions(state, app).sort((a, b) => compareVersionNames(b.name, a.name));
  const latest = latestVersion(state, app, false);
  return {
    ...toAppSummary(state, app),
    info: app.info,
    maintainers: latest?.chart.maintainers ?? [],
    versions: versions.map((v) => toVersionSummary(state, v)),
    createdAt: app.createdAt,
    createdBy: displayNameOf(state, app.createdBy),
    infoLocked: versions.some((v) => v.state === 'submitted'),
    storeCopyOutdated: app.storeInfo !== undefined && !sameInfo(app.info, app.storeInfo),
    ...(app.infoRequest ? { infoRequest: { by: displayNameOf(state, app.infoRequest.by), at: app.infoRequest.at } } : {}),
  };
}

/** The store copy, or undefined when the app has no active version. */
export function toStoreApp(state: CatalogState, app: AppRecord): StoreApp | undefined {
  if (app.deleted || !app.storeInfo) return undefined;
  const latest = latestVersion(state, app, true);
  if (!latest) return undefined;
  const info = app.storeInfo;
  const out: StoreApp = {
    id: app.id,
    chartName: app.chartName,
    description: info.description,
    category: info.category,
    categoryName: categoryName(state, info.category),
    keywords: latest.chart.keywords,
    latestVersion: latest.name,
    latestVersionId: latest.id,
    workspaceName: state.workspaces.get(app.workspace)?.name ?? app.workspace,
    updatedAt: app.updatedAt,
  };
  if (info.icon) out.icon = info.icon;
  return out;
}

export function toStoreAppDetail(state: CatalogState, app: AppRecord): StoreAppDetail | undefined {
  const base = toStoreApp(state, app);
  if (!base || !app.storeInfo) return undefined;
  const active = liveVersions(state, app)
    .filter((v) => v.state === 'active')
    .sort((a, b) => compareVersionNames(b.name, a.name));
  const latest = active[0];
  return {
    ...base,
    introduction: app.storeInfo.introduction,
    home: app.storeInfo.home,
    screenshots: app.storeInfo.screenshots,
    maintainers: latest?.chart.maintainers ?? [],
    versions: active.map((v) => toVersionSummary(state, v)),
  };
}

/** Lowercased text the store search matches against: name, description, keywords. */
export function storeSearchText(app: StoreApp): string {
  return `${app.chartName}\n${app.description}\n${app.keywords.join(' ')}`.toLowerCase();
}

export function toMember(state: CatalogState, m: MemberRecord): Member {
  const workspaces = [...state.workspaces.values()]
    .filter((w) => w.members[m.key])
    .map((w) => ({ workspace: w.id, workspaceName: w.name, role: w.members[m.key] }));
  return { keyId: m.key, shortId: shortId(m.key), displayName: m.displayName, joined: m.joined, platformRoles: [...m.roles], workspaces };
}

export function toWorkspace(state: CatalogState, w: WorkspaceRecord, appCount: number): Workspace {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    createdAt: w.createdAt,
    members: Object.entries(w.members).map(([keyId, role]) => ({ keyId, displayName: displayNameOf(state, keyId), role })),
    appCount,
  };
}

export function toCategory(c: CategoryRecord, appCount: number, activeAppCount: number): Category {
  return { id: c.id, name: c.name, description: c.description, appCount, activeAppCount, builtIn: c.builtIn };
}
