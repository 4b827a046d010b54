/**
 * Every change a person can make, as the contract and the CLI name them. Each one checks
 * its input, signs one event and applies it; the catalog's rules (apply-*.ts) decide, so a
 * change the lifecycle forbids fails here exactly as it would be refused on replay.
 */
import type { ImageLock } from '../../shared/types/image-digests';
import type { RequestOf, ResultOf } from '../../shared/contract';
import { refusal, sentence, type SentenceKey } from '../sentences';
import type { BlobRef, PlatformRole, VersionState, WorkspaceRole } from '../../shared/types/catalog';
import { decodeText, readChartArchive } from '../chart/archive';
import { changelogFromChanges, readArtifactHub } from '../chart/artifacthub';
import { appChain, imageTypesSaid, versionChain } from './apply-apps';
import { categoryChain } from './apply-categories';
import { policyChain } from './apply-people';
import { newId, type CatalogCore } from './catalog-core';
import type { ChartFacts, EventData, InfoPatch, SubmittedTestDeploy } from './event-types';
import { findApp, findCategory, findMemberKey, findVersion, findWorkspace } from './lookup';
import { CHART_PACKAGE_TYPE, imageSize, sniffImage } from './media';
import { toAppDetail, toCategory, toMember, toVersionSummary, toWorkspace } from './projection';
import type { CatalogState } from './state';
import { DEFAULT_CATEGORY, liveVersions } from './state';
import { ICON_TYPES, MAX_ICON_SIDE, SCREENSHOT_TYPES } from '../../shared/limits';
import {
  LIMITS,
  isWebAddress,
  requireChangelog,
  validateCategoryName,
  validateDisplayName,
  validateLength,
  validateVersionName,
  validateWorkspaceName,
} from './validation';

/** `field` names the file as a phrase (`field.chartPackage`, …). */
function decodeBase64(text: unknown, field: SentenceKey, maxBytes: number): Uint8Array {
  const what = sentence(field);
  if (typeof text !== 'string' || !text) throw refusal('input.invalid', 'input.missing', { what });
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length === 0) throw refusal('input.invalid', 'input.notBase64', { what });
  if (bytes.length > maxBytes) throw refusal('input.invalid', 'input.largerThan', { what, mib: Math.round(maxBytes / 1024 / 1024) });
  return bytes;
}

function headOf(state: CatalogState, chain: string): string | null {
  return state.heads.get(chain)?.event ?? null;
}

export class CatalogCommands {
  constructor(private readonly core: CatalogCore) {}

  private async appResult(id: string) {
    const state = await this.core.state();
    return toAppDetail(state, state.apps.get(id)!);
  }

  private async versionResult(id: string) {
    const state = await this.core.state();
    return toVersionSummary(state, state.versions.get(id)!);
  }

  // ── identity and people ───────────────────────────────────────────────────

  renameIdentity(displayName: string) {
    return this.core.exclusive(async () => {
      const identity = this.core.identity.rename(validateDisplayName(displayName));
      if (this.core.catalogId()) await this.core.joinIfNew();
      return identity;
    });
  }

  grant(req: RequestOf<'member.grant'>, revoke = false) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const member = findMemberKey(state, req.member);
      const role = req.role as PlatformRole;
      if (role !== 'reviewer' && role !== 'admin') throw refusal('input.invalid', 'input.platformRole');
      if (revoke) {
        // the member's history as this admin sees it is sealed: nothing they sign later can be back-dated into it
        const last = (await this.core.ledger()).lastEventBy(member);
        await this.core.act('member.revoke', { member, role, seal: { last } });
      } else await this.core.act('member.grant', { member, role });
      const after = await this.core.state();
      return toMember(after, after.members.get(member)!);
    });
  }

  createWorkspace(req: RequestOf<'workspace.create'>) {
    return this.core.exclusive(async () => {
      const name = validateWorkspaceName(req.name);
      const description = validateLength(req.description ?? '', 'field.workspaceDescription', LIMITS.description);
      const id = newId('w');
      await this.core.act('workspace.create', { workspace: id, name, description });
      const state = await this.core.state();
      return toWorkspace(state, state.workspaces.get(id)!, 0);
    });
  }

  setWorkspaceMember(req: { workspace: string; member: string; role?: WorkspaceRole }) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const ws = findWorkspace(state, req.workspace);
      const member = findMemberKey(state, req.member);
      if (req.role === undefined) await this.core.act('workspace.removeMember', { workspace: ws.id, member });
      else {
        if (req.role !== 'isv' && req.role !== 'member') throw refusal('input.invalid', 'input.workspaceRole');
        await this.core.act('workspace.addMember', { workspace: ws.id, member, role: req.role });
      }
      const after = await this.core.state();
      return toWorkspace(after, after.workspaces.get(ws.id)!, [...after.apps.values()].filter((a) => a.workspace === ws.id && !a.deleted).length);
    });
  }

  // ── apps ──────────────────────────────────────────────────────────────────

  /** Reads and stores a chart package; the chart toolkit validates the archive safely. */
  private async readPackage(base64: string): Promise<{ chart: ChartFacts; pkg: BlobRef; changelog: string; appReadme?: string }> {
    const bytes = decodeBase64(base64, 'field.chartPackage', LIMITS.packageBytes);
    const summary = await this.core.inspectChart(bytes);
    if (summary.type === 'library')
      throw refusal('chart.invalid', 'input.libraryChart', { chart: summary.name });
    const chart: ChartFacts = { name: summary.name, version: summary.version, keywords: summary.keywords, maintainers: summary.maintainers };
    if (summary.appVersion) chart.appVersion = summary.appVersion;
    if (summary.description) chart.description = summary.description;
    // only a web address becomes the app's home link; anything else (javascript:…) is left out, as `app edit` refuses it
    if (isWebAddress(summary.home)) chart.home = summary.home;
    // Charts made for Artifact Hub list their changes in an annotation: the changelog starts from it
    const changelog = changelogFromChanges(readArtifactHub(summary.annotations).changes, LIMITS.changelog);
    // Rancher-ready charts carry app-readme.md, the short introduction Rancher's catalog shows
    const readme = readChartArchive(bytes).files.find((f) => f.path === 'app-readme.md');
    const appReadme = readme ? decodeText(readme, 'app-readme.md').trim().slice(0, LIMITS.introduction) : undefined;
    return { chart, pkg: this.core.blobs.put(bytes, CHART_PACKAGE_TYPE), changelog, ...(appReadme ? { appReadme } : {}) };
  }

  createApp(req: RequestOf<'app.create'>): Promise<ResultOf<'app.create'>> {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const ws = findWorkspace(state, req.workspace);
      const category = req.category ? findCategory(state, req.category).id : DEFAULT_CATEGORY;
      const { chart, pkg, changelog, appReadme } = await this.readPackage(req.chart);
      const versionName = validateVersionName(chart.version);
      const app = newId('a');
      await this.core.act('app.create', { app, workspace: ws.id, category, version: newId('v'), versionName, changelog, chart, package: pkg });
      if (appReadme)
        await this.core.act('app.updateInfo', { app, patch: { introduction: appReadme } }, { [appChain(app)]: headOf(await this.core.state(), appChain(app)) });
      return this.appResult(app);
    });
  }

  updateInfo(req: RequestOf<'app.updateInfo'>) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const app = findApp(state, req.app);
      const patch: InfoPatch = {};
      if (req.description !== undefined) patch.description = req.description;
      if (req.introduction !== undefined) patch.introduction = req.introduction;
      if (req.home !== undefined) patch.home = req.home;
      if (req.category !== undefined) patch.category = findCategory(state, req.category).id;
      if (Object.keys(patch).length === 0)
        throw refusal('input.invalid', 'input.nothingToChangeInfo');
      await this.core.act('app.updateInfo', { app: app.id, patch }, { [appChain(app.id)]: headOf(state, appChain(app.id)) });
      return this.appResult(app.id);
    });
  }

  /** `maxSide` is for the icon, the only image with a pixel limit. */
  private image(base64: string, allowed: readonly string[], maxBytes: number, field: 'field.theIcon' | 'field.screenshot', maxSide?: number): BlobRef {
    const bytes = decodeBase64(base64, field, maxBytes);
    const type = sniffImage(bytes);
    if (!type || !allowed.includes(type)) throw refusal('input.invalid', 'rule.imageType', { what: sentence(field), types: imageTypesSaid(allowed) });
    const size = maxSide ? imageSize(bytes, type) : undefined;
    if (maxSide && size && (size.width > maxSide || size.height > maxSide))
      throw refusal('input.invalid', 'media.iconTooManyPixels', { width: size.width, height: size.height, max: maxSide });
    return this.core.blobs.put(bytes, type);
  }

  /** The app's information as edited now becomes the store's copy (an `app.publishInfo` event). */
  publishInfo(req: RequestOf<'app.publishInfo'>) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const app = findApp(state, req.app);
      await this.core.act('app.publishInfo', { app: app.id }, { [appChain(app.id)]: headOf(state, appChain(app.id)) });
      return this.appResult(app.id);
    });
  }

  /** A reviewer publishes the information an ISV asked to publish, or turns it down with a reason (`app.reviewInfo`). */
  reviewInfo(req: RequestOf<'app.reviewInfo'>) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const app = findApp(state, req.app);
      const reason = req.reason?.trim();
      if (!req.approve && !reason) throw refusal('input.invalid', 'rule.turnDownReason');
      const data = { app: app.id, approve: req.approve, ...(req.approve ? {} : { reason }) };
      await this.core.act('app.reviewInfo', data, { [appChain(app.id)]: headOf(state, appChain(app.id)) });
      return this.appResult(app.id);
    });
  }

  /** An admin's catalog-wide rule (`catalog.setPolicy`): published app information waits for a reviewer, or not. */
  setPolicy(req: RequestOf<'catalog.setPolicy'>) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      await this.core.act('catalog.setPolicy', { infoReview: req.infoReview }, { [policyChain]: headOf(state, policyChain) });
      return { infoReview: (await this.core.state()).infoReview === true };
    });
  }

  setIcon(req: RequestOf<'app.setIcon'>) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const app = findApp(state, req.app);
      const icon = req.image === null ? null : this.image(req.image, ICON_TYPES, LIMITS.iconBytes, 'field.theIcon', MAX_ICON_SIDE);
      await this.core.act('app.setIcon', { app: app.id, icon }, { [appChain(app.id)]: headOf(state, appChain(app.id)) });
      return this.appResult(app.id);
    });
  }

  addScreenshot(req: RequestOf<'app.addScreenshot'>) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const app = findApp(state, req.app);
      const image = this.image(req.image, SCREENSHOT_TYPES, LIMITS.screenshotBytes, 'field.screenshot');
      await this.core.act('app.addScreenshot', { app: app.id, image }, { [appChain(app.id)]: headOf(state, appChain(app.id)) });
      return this.appResult(app.id);
    });
  }

  removeScreenshot(req: RequestOf<'app.removeScreenshot'>) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const app = findApp(state, req.app);
      await this.core.act('app.removeScreenshot', { app: app.id, sha256: req.sha256 }, { [appChain(app.id)]: headOf(state, appChain(app.id)) });
      return this.appResult(app.id);
    });
  }

  deleteApp(req: RequestOf<'app.delete'>) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const app = findApp(state, req.app);
      await this.core.act('app.delete', { app: app.id }, { [appChain(app.id)]: headOf(state, appChain(app.id)) });
      return { deleted: app.id };
    });
  }

  suspendOrRecoverApp(req: RequestOf<'app.suspend'>, recover: boolean) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const app = findApp(state, req.app);
      const from: VersionState = recover ? 'suspended' : 'active';
      const prev: Record<string, string | null> = {};
      for (const v of liveVersions(state, app)) if (v.state === from) prev[versionChain(v.id)] = headOf(state, versionChain(v.id));
      const data = req.message ? { app: app.id, message: validateLength(req.message, 'field.message', LIMITS.message) } : { app: app.id };
      await this.core.act(recover ? 'app.recover' : 'app.suspend', data, prev);
      return this.appResult(app.id);
    });
  }

  // ── versions ──────────────────────────────────────────────────────────────

  addVersion(req: RequestOf<'version.add'>) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const app = findApp(state, req.app);
      const { chart, pkg, changelog } = await this.readPackage(req.chart);
      const versionName = validateVersionName(req.versionName ?? chart.version);
      const version = newId('v');
      await this.core.act('version.add', { app: app.id, version, versionName, changelog: req.changelog ?? changelog, chart, package: pkg });
      return this.versionResult(version);
    });
  }

  editVersion(req: RequestOf<'version.edit'>) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const v = findVersion(state, req.version);
      const data: { version: string; versionName?: string; changelog?: string; chart?: ChartFacts; package?: BlobRef } = { version: v.id };
      if (req.versionName !== undefined) data.versionName = validateVersionName(req.versionName);
      if (req.changelog !== undefined) data.changelog = req.changelog;
      if (req.chart !== undefined) {
        const { chart, pkg } = await this.readPackage(req.chart);
        data.chart = chart;
        data.package = pkg;
      }
      if (Object.keys(data).length === 1) throw refusal('input.invalid', 'input.nothingToChangeVersion');
      await this.core.act('version.edit', data, { [versionChain(v.id)]: headOf(state, versionChain(v.id)) });
      return this.versionResult(v.id);
    });
  }

  /**
   * `requireChangelog`: what people submit through the contract must say what changed
   * (KubeSphere's submit form requires 更新日志); replay never asks, so older events stay valid.
   * `testDeploy`: the catalog's own record of the latest test deploy, stated in the event.
   */
  submitVersion(req: RequestOf<'version.submit'>, options: { requireChangelog?: boolean; testDeploy?: SubmittedTestDeploy } = {}) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const v = findVersion(state, req.version);
      const data: EventData['version.submit'] = { version: v.id };
      if (req.versionName !== undefined) data.versionName = validateVersionName(req.versionName);
      if (req.changelog !== undefined) data.changelog = req.changelog;
      if (options.requireChangelog) requireChangelog(req.changelog ?? v.changelog, req.versionName?.trim() || v.name);
      if (req.message) data.message = req.message;
      if (options.testDeploy) data.testDeploy = options.testDeploy;
      await this.core.act('version.submit', data, { [versionChain(v.id)]: headOf(state, versionChain(v.id)) });
      return this.versionResult(v.id);
    });
  }

  versionAction(
    type: 'version.cancel' | 'version.approve' | 'version.release' | 'version.suspend' | 'version.recover' | 'version.delete',
    req: { version: string; message?: string },
  ) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const v = findVersion(state, req.version);
      const data = req.message ? { version: v.id, message: req.message } : { version: v.id };
      await this.core.act(type, data, { [versionChain(v.id)]: headOf(state, versionChain(v.id)) });
      return this.versionResult(v.id);
    });
  }

  /** Approval with the images its rendered default manifests use, each with the digest resolved now (or why not). */
  approveVersion(req: { version: string; message?: string }, images: ImageLock[]) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const v = findVersion(state, req.version);
      const data: EventData['version.approve'] = { version: v.id, ...(req.message ? { message: req.message } : {}), images };
      await this.core.act('version.approve', data, { [versionChain(v.id)]: headOf(state, versionChain(v.id)) });
      return this.versionResult(v.id);
    });
  }

  rejectVersion(req: RequestOf<'version.reject'>) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const v = findVersion(state, req.version);
      if (typeof req.reason !== 'string' || !req.reason.trim())
        throw refusal('input.invalid', 'input.rejectionReason');
      await this.core.act('version.reject', { version: v.id, reason: req.reason.trim() }, { [versionChain(v.id)]: headOf(state, versionChain(v.id)) });
      return this.versionResult(v.id);
    });
  }

  // ── categories ────────────────────────────────────────────────────────────

  createCategory(req: RequestOf<'category.create'>) {
    return this.core.exclusive(async () => {
      const name = validateCategoryName(req.name);
      const description = validateLength(req.description ?? '', 'field.categoryDescription', LIMITS.description);
      const id = newId('c');
      await this.core.act('category.create', { category: id, name, description });
      const state = await this.core.state();
      return toCategory(state.categories.get(id)!, 0, 0);
    });
  }

  renameCategory(req: RequestOf<'category.rename'>) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const c = findCategory(state, req.category);
      await this.core.act(
        'category.rename',
        { category: c.id, name: validateCategoryName(req.name) },
        { [categoryChain(c.id)]: headOf(state, categoryChain(c.id)) },
      );
      const ledger = await this.core.ledger();
      const counts = ledger.view.categoryCounts().get(c.id);
      return toCategory(ledger.state.categories.get(c.id)!, counts?.all ?? 0, counts?.active ?? 0);
    });
  }

  deleteCategory(req: RequestOf<'category.delete'>) {
    return this.core.exclusive(async () => {
      const state = await this.core.state();
      const c = findCategory(state, req.category);
      await this.core.act('category.delete', { category: c.id }, { [categoryChain(c.id)]: headOf(state, categoryChain(c.id)) });
      return { deleted: c.id };
    });
  }
}
