/** Everything a person can look at: the store, their apps, the review queue, the audit trail. */
import type { ResultOf } from '../../shared/contract';
import { refusal, sentence } from '../sentences';
import type {
  AppDetail,
  AuditPage,
  AuditQuery,
  AuditRecord,
  BlobContent,
  CatalogStatus,
  Category,
  HeldEvent,
  IntegrityReport,
  Identity,
  Member,
  InfoReviewItem,
  ReviewItem,
  Session,
  StoreAppDetail,
  StoreListing,
  VersionSummary,
  Workspace,
} from '../../shared/types/catalog';
import type { CatalogCore } from './catalog-core';
import { findApp, findCategory, findVersion } from './lookup';
import { CHART_PACKAGE_TYPE, sniffImage } from './media';
import { toAppDetail, toAppSummary, toCategory, toMember, toStoreAppDetail, toVersionSummary, toWorkspace } from './projection';
import { compareVersionNames } from './semver';
import { shortId } from './signing';
import type { CatalogState } from './state';
import { displayNameOf, isReviewer, liveVersions, workspaceRole } from './state';
import { hlcToIso } from './hlc';
import { dueAt } from './intake';

export class CatalogQueries {
  constructor(private readonly core: CatalogCore) {}

  identity(): Identity {
    return this.core.identity.get();
  }

  async session(): Promise<Session> {
    const identity = this.core.identity.get();
    if (!this.core.catalogId()) return { identity, connected: false, platformRoles: [], workspaces: [] };
    const ledger = await this.core.ledger();
    const me = ledger.state.members.get(identity.keyId);
    const member = me ? toMember(ledger.state, me) : undefined;
    const settings = this.core.settings.get();
    return {
      identity,
      connected: settings.store !== undefined,
      catalog: {
        id: ledger.catalogId,
        name: ledger.state.name ?? '',
        createdAt: ledger.state.createdAt ?? '',
        ...(settings.store ? { store: settings.store } : {}),
        infoReview: ledger.state.infoReview === true,
      },
      platformRoles: member?.platformRoles ?? [],
      workspaces: member?.workspaces ?? [],
    };
  }

  async status(): Promise<Omit<CatalogStatus, 'sync'>> {
    if (!this.core.catalogId()) return { events: 0, refused: 0, superseded: 0 };
    const ledger = await this.core.ledger();
    const counts = ledger.view.outcomeCounts();
    const store = this.core.settings.get().store;
    return {
      catalog: {
        id: ledger.catalogId,
        name: ledger.state.name ?? '',
        createdAt: ledger.state.createdAt ?? '',
        ...(store ? { store } : {}),
        infoReview: ledger.state.infoReview === true,
      },
      events: counts.applied + counts.refused + counts.superseded + counts.unknown,
      refused: counts.refused,
      superseded: counts.superseded,
    };
  }

  async members(): Promise<Member[]> {
    const state = await this.core.state();
    return [...state.members.values()]
      .map((m) => toMember(state, m))
      .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.keyId.localeCompare(b.keyId));
  }

  async workspaces(): Promise<Workspace[]> {
    const state = await this.core.state();
    const counts = new Map<string, number>();
    for (const a of state.apps.values()) if (!a.deleted) counts.set(a.workspace, (counts.get(a.workspace) ?? 0) + 1);
    return [...state.workspaces.values()].map((w) => toWorkspace(state, w, counts.get(w.id) ?? 0)).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Apps of the caller's workspaces; reviewers and admins see every workspace. */
  async apps(workspace?: string): Promise<ResultOf<'app.list'>> {
    const ledger = await this.core.ledger();
    const state = ledger.state;
    const me = this.core.identity.keyId;
    let allowed = isReviewer(state, me) ? undefined : [...state.workspaces.values()].filter((w) => w.members[me]).map((w) => w.id);
    if (workspace) {
      const ws = state.workspaces.get(workspace) ?? [...state.workspaces.values()].find((w) => w.name === workspace);
      if (!ws) throw refusal('not-found', 'lookup.noWorkspace', { ref: workspace });
      allowed = !allowed || allowed.includes(ws.id) ? [ws.id] : [];
    }
    return ledger.view.appIds({ workspaces: allowed }).map((id) => toAppSummary(state, state.apps.get(id)!));
  }

  private requireInsight(state: CatalogState, workspace: string): void {
    const me = this.core.identity.keyId;
    if (isReviewer(state, me) || workspaceRole(state, me, workspace)) return;
    const name = state.workspaces.get(workspace)?.name ?? workspace;
    throw refusal('catalog.forbidden', 'query.inDevelopment', { workspace: name });
  }

  async app(ref: string): Promise<AppDetail> {
    const state = await this.core.state();
    const app = findApp(state, ref);
    this.requireInsight(state, app.workspace);
    return toAppDetail(state, app);
  }

  async version(ref: string): Promise<VersionSummary> {
    const state = await this.core.state();
    const v = findVersion(state, ref);
    const app = state.apps.get(v.appId)!;
    if (v.state !== 'active') this.requireInsight(state, app.workspace);
    return toVersionSummary(state, v);
  }

  /**
   * The package to deploy. The store deploys only active versions — enforced here, not just
   * hidden by the UI; test-deploys are for the app's isv and for reviewers.
   */
  async versionPackage(ref: string, purpose: 'store' | 'test'): Promise<ResultOf<'version.package'>> {
    const state = await this.core.state();
    const v = findVersion(state, ref);
    const app = state.apps.get(v.appId)!;
    if (purpose === 'store' && v.state !== 'active') {
      throw refusal('catalog.wrong-state', 'query.notReleased', { version: v.name, app: app.chartName, state: sentence(`state.${v.state}`) });
    }
    if (purpose === 'test') {
      const me = this.core.identity.keyId;
      if (workspaceRole(state, me, app.workspace) !== 'isv' && !isReviewer(state, me))
        throw refusal('catalog.forbidden', 'query.testDeployOnly', { app: app.chartName });
    }
    const blob = this.blob(v.package.sha256, CHART_PACKAGE_TYPE);
    return { ...blob, fileName: `${v.chart.name}-${v.chart.version}.tgz` };
  }

  async categories(): Promise<Category[]> {
    const ledger = await this.core.ledger();
    const counts = ledger.view.categoryCounts();
    return [...ledger.state.categories.values()]
      .filter((c) => !c.deleted)
      .map((c) => toCategory(c, counts.get(c.id)?.all ?? 0, counts.get(c.id)?.active ?? 0))
      .sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name));
  }

  async store(filter: { category?: string; search?: string; limit?: number; offset?: number }): Promise<StoreListing> {
    const ledger = await this.core.ledger();
    const limit = Math.max(1, Math.min(filter.limit ?? 50, 500));
    const offset = Math.max(0, filter.offset ?? 0);
    const state = ledger.state;
    // people name categories; the view keys them by id
    const category = filter.category ? findCategory(state, filter.category).id : undefined;
    const { apps, total } = ledger.view.storeApps({ category, search: filter.search, limit, offset });
    // category names can change after the store copy was taken
    for (const a of apps) a.categoryName = state.categories.get(a.category)?.name ?? a.category;
    return { categories: await this.categories(), apps, total };
  }

  async storeApp(ref: string): Promise<StoreAppDetail> {
    const state = await this.core.state();
    const app = findApp(state, ref);
    const detail = toStoreAppDetail(state, app);
    if (!detail) throw refusal('not-found', 'query.notInStore', { app: app.chartName });
    return detail;
  }

  async reviewQueue(): Promise<ReviewItem[]> {
    const ledger = await this.core.ledger();
    const state = ledger.state;
    if (!isReviewer(state, this.core.identity.keyId)) throw refusal('catalog.forbidden', 'query.reviewersOnly');
    return ledger.view.submittedVersionIds().map((id) => {
      const v = state.versions.get(id)!;
      const app = state.apps.get(v.appId)!;
      const previous = liveVersions(state, app)
        .concat(app.versionIds.map((x) => state.versions.get(x)!).filter((x) => x.state === 'deleted'))
        .filter((o) => o.id !== v.id && o.everPassed)
        .sort((a, b) => compareVersionNames(b.name, a.name))[0];
      const item: ReviewItem = {
        version: toVersionSummary(state, v),
        app: toAppSummary(state, app),
        submittedBy: state.members.get(v.submittedBy ?? '')?.displayName || shortId(v.submittedBy ?? ''),
        submittedAt: v.submittedAt ?? v.updatedAt,
      };
      if (previous) item.previousVersion = toVersionSummary(state, previous);
      return item;
    });
  }

  async infoRequests(): Promise<InfoReviewItem[]> {
    const state = await this.core.state();
    if (!isReviewer(state, this.core.identity.keyId)) throw refusal('catalog.forbidden', 'query.reviewersOnly');
    const fields = ['description', 'introduction', 'home', 'category', 'icon', 'screenshots'] as const;
    const out: InfoReviewItem[] = [];
    for (const app of state.apps.values()) {
      const r = app.infoRequest;
      if (!r || app.deleted || !app.storeInfo) continue;
      const store = app.storeInfo;
      const changed = fields.filter((f) => JSON.stringify(r.info[f] ?? null) !== JSON.stringify(store[f] ?? null));
      out.push({ app: toAppSummary(state, app), requestedBy: displayNameOf(state, r.by), requestedAt: r.at, changed, store, asked: r.info });
    }
    return out.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  }

  async audit(q: AuditQuery): Promise<AuditPage> {
    const ledger = await this.core.ledger();
    const query = { ...q };
    if (q.app) query.app = ledger.state.apps.get(q.app)?.id ?? findApp(ledger.state, q.app).id;
    return ledger.view.audit(query);
  }

  async conflicts(limit = 200): Promise<AuditRecord[]> {
    return (await this.core.ledger()).view.conflicts(Math.max(1, Math.min(limit, 5000)));
  }

  /** What syncs found wrong in the store, and events held back because they are stamped too far ahead. */
  async integrity(): Promise<IntegrityReport> {
    const ledger = await this.core.ledger();
    const held = this.core.held.list().map((e): HeldEvent => ({
      eventId: e.id,
      action: e.body.type,
      author: e.body.author,
      authorName: displayNameOf(ledger.state, e.body.author),
      stampedAt: hlcToIso(e.body.hlc),
      dueAt: new Date(dueAt(e)).toISOString(),
    }));
    return { findings: this.core.notes.list(), held };
  }

  /** A stored file, verified against its digest; one not synced yet is reported as such. */
  blob(sha256: string, mediaType?: string): BlobContent {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw refusal('input.invalid', 'query.blobName');
    const bytes = this.core.blobs.get(sha256);
    if (!bytes) throw refusal('not-found', 'query.blobNotHere');
    const type = mediaType ?? sniffImage(bytes) ?? (bytes[0] === 0x1f && bytes[1] === 0x8b ? CHART_PACKAGE_TYPE : 'application/octet-stream');
    return { sha256, mediaType: type, size: bytes.length, base64: Buffer.from(bytes).toString('base64') };
  }
}
