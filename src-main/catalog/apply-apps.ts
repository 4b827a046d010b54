/** Apps: creation, app info (held back from the store until the next release or recover), deletion, suspension. */
import type { AppInfoFields, BlobRef } from '../../shared/types/catalog';
import type { Sentence } from '../../shared/result';
import { commaList, orList, sentence } from '../sentences';
import type { ApplyContext } from './apply-context';
import type { EventType } from './event-types';
import type { AppRecord } from './state';
import { appState, chartKey, displayNameOf, isReviewer, liveVersions, workspaceRole } from './state';
import { ICON_TYPES, SCREENSHOT_TYPES } from '../../shared/limits';
import { LIMITS, isWebAddress, validateHome, validateLength, validateVersionName } from './validation';

export const appChain = (id: string) => `app:${id}`;
export const versionChain = (id: string) => `version:${id}`;

type AnyCtx = ApplyContext<EventType>;

export function findApp(ctx: AnyCtx, id: string): AppRecord {
  const app = ctx.state.apps.get(id);
  if (!app) ctx.refuse('not-found', 'rule.noApp');
  ctx.audit.appId = app.id;
  ctx.audit.appName = app.chartName;
  if (app.deleted) ctx.supersede(ctx.state.heads.get(appChain(app.id)), sentence('rule.appDeleted', { app: app.chartName }), 'not-found');
  return app;
}

export function requireIsv(ctx: AnyCtx, workspace: string): void {
  if (workspaceRole(ctx.state, ctx.author, workspace) !== 'isv') {
    const ws = ctx.state.workspaces.get(workspace);
    const values = { name: displayNameOf(ctx.state, ctx.author), workspace: ws?.name ?? workspace };
    ctx.refuse('catalog.forbidden', 'rule.notIsv', values);
  }
  ctx.audit.role = 'isv';
}

export function requireReviewer(ctx: AnyCtx): void {
  if (!isReviewer(ctx.state, ctx.author)) {
    const name = displayNameOf(ctx.state, ctx.author);
    ctx.refuse('catalog.forbidden', 'rule.notReviewer', { name });
  }
  ctx.audit.role = ctx.state.members.get(ctx.author)?.roles.includes('admin') ? 'admin' : 'reviewer';
}

function requireNotSubmitted(ctx: AnyCtx, app: AppRecord): void {
  const submitted = liveVersions(ctx.state, app).find((v) => v.state === 'submitted');
  if (submitted)
    ctx.refuse('catalog.wrong-state', 'rule.infoLockedBySubmission', { version: submitted.name, app: app.chartName });
}

function requireCategory(ctx: AnyCtx, id: string): void {
  const c = ctx.state.categories.get(id);
  if (!c || c.deleted) ctx.refuse('not-found', 'rule.noCategory');
}

function changed(ctx: AnyCtx, app: AppRecord): void {
  app.updatedAt = ctx.at;
  ctx.state.dirty.apps.add(app.id);
}

/** The store shows app info as it was at the last release or recover. */
export function publishInfo(app: AppRecord): void {
  app.storeInfo = { ...app.info, screenshots: [...app.info.screenshots] };
}

export function applyAppCreate(ctx: ApplyContext<'app.create'>): void {
  const { state } = ctx;
  const d = ctx.data;
  ctx.audit.appName = d.chart.name;
  ctx.audit.versionName = d.versionName;
  if (!state.workspaces.has(d.workspace)) ctx.refuse('not-found', 'rule.noWorkspace');
  requireIsv(ctx, d.workspace);
  requireCategory(ctx, d.category);
  validateVersionName(d.versionName);
  validateLength(d.changelog, 'field.changelog', LIMITS.changelog);
  if (state.apps.has(d.app) || state.versions.has(d.version)) ctx.refuse('catalog.duplicate', 'rule.appIdExists');
  const other = state.apps.get(state.appsByChart.get(chartKey(d.workspace, d.chart.name)) ?? '');
  if (other && !other.deleted) {
    ctx.supersede(
      { event: other.createdEvent, author: other.createdBy },
      sentence('rule.chartHasApp', { chart: d.chart.name }),
      'catalog.duplicate',
    );
  }
  const info: AppInfoFields = {
    description: d.chart.description ?? '',
    introduction: '',
    home: isWebAddress(d.chart.home) ? d.chart.home : '',
    screenshots: [],
    category: d.category,
  };
  state.apps.set(d.app, {
    id: d.app,
    workspace: d.workspace,
    chartName: d.chart.name,
    info,
    versionIds: [d.version],
    deleted: false,
    createdAt: ctx.at,
    createdBy: ctx.author,
    createdEvent: ctx.event.id,
    updatedAt: ctx.at,
  });
  state.appsByChart.set(chartKey(d.workspace, d.chart.name), d.app);
  state.versions.set(d.version, {
    id: d.version,
    appId: d.app,
    name: d.versionName,
    chart: d.chart,
    package: d.package,
    changelog: d.changelog,
    state: 'draft',
    createdAt: ctx.at,
    createdBy: ctx.author,
    createdEvent: ctx.event.id,
    updatedAt: ctx.at,
    everPassed: false,
  });
  state.dirty.apps.add(d.app);
  state.dirty.versions.add(d.version);
  ctx.touch(appChain(d.app));
  ctx.touch(versionChain(d.version));
  Object.assign(ctx.audit, { appId: d.app, versionId: d.version, to: 'draft' });
}

export function applyUpdateInfo(ctx: ApplyContext<'app.updateInfo'>): void {
  const app = findApp(ctx, ctx.data.app);
  const patch = ctx.data.patch;
  const onlyCategory = Object.keys(patch).every((k) => k === 'category') && patch.category !== undefined;
  if (onlyCategory && workspaceRole(ctx.state, ctx.author, app.workspace) !== 'isv') requireReviewer(ctx);
  else requireIsv(ctx, app.workspace);
  ctx.checkPrev(appChain(app.id), sentence('thing.appInfo', { app: app.chartName }));
  requireNotSubmitted(ctx, app);
  if (patch.description !== undefined) validateLength(patch.description, 'field.description', LIMITS.description);
  if (patch.introduction !== undefined) validateLength(patch.introduction, 'field.introduction', LIMITS.introduction);
  const home = patch.home === undefined ? undefined : validateHome(patch.home);
  if (patch.category !== undefined) requireCategory(ctx, patch.category);
  const next = { ...app.info };
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.introduction !== undefined) next.introduction = patch.introduction;
  if (home !== undefined) next.home = home;
  if (patch.category !== undefined) next.category = patch.category;
  app.info = next;
  changed(ctx, app);
  ctx.touch(appChain(app.id));
  const fields = Object.keys(patch).sort();
  ctx.audit.message = `Edited ${fields.join(', ')}`;
  ctx.audit.detail = { key: 'edited', params: { fields: fields.join(',') } };
}

/** “PNG, JPEG or SVG”: the image types a field takes, as a phrase. */
export function imageTypesSaid(types: readonly string[]): string | Sentence {
  return orList(types.map((t) => t.replace('image/', '').replace('+xml', '').toUpperCase()));
}

function checkImage(ctx: AnyCtx, ref: BlobRef, types: readonly string[], maxBytes: number, field: 'field.icon' | 'field.screenshot'): void {
  const what = sentence(field);
  if (!types.includes(ref.mediaType)) ctx.refuse('input.invalid', 'rule.imageType', { what, types: imageTypesSaid(types) });
  if (ref.size > maxBytes) ctx.refuse('input.invalid', 'rule.imageTooBig', { what, mib: Math.round(maxBytes / 1024 / 1024) });
}

export function applySetIcon(ctx: ApplyContext<'app.setIcon'>): void {
  const app = findApp(ctx, ctx.data.app);
  requireIsv(ctx, app.workspace);
  ctx.checkPrev(appChain(app.id), sentence('thing.appInfo', { app: app.chartName }));
  requireNotSubmitted(ctx, app);
  const icon = ctx.data.icon;
  if (icon) checkImage(ctx, icon, ICON_TYPES, LIMITS.iconBytes, 'field.icon');
  const next = { ...app.info };
  if (icon) next.icon = icon;
  else delete next.icon;
  app.info = next;
  changed(ctx, app);
  ctx.touch(appChain(app.id));
  ctx.audit.message = icon ? 'Set the icon' : 'Removed the icon';
  ctx.audit.detail = { key: icon ? 'iconSet' : 'iconRemoved', params: {} };
}

export function applyAddScreenshot(ctx: ApplyContext<'app.addScreenshot'>): void {
  const app = findApp(ctx, ctx.data.app);
  requireIsv(ctx, app.workspace);
  ctx.checkPrev(appChain(app.id), sentence('thing.appInfo', { app: app.chartName }));
  requireNotSubmitted(ctx, app);
  const image = ctx.data.image;
  checkImage(ctx, image, SCREENSHOT_TYPES, LIMITS.screenshotBytes, 'field.screenshot');
  if (app.info.screenshots.length >= LIMITS.screenshots)
    ctx.refuse('input.invalid', 'rule.maxScreenshots', { max: LIMITS.screenshots });
  if (app.info.screenshots.some((s) => s.sha256 === image.sha256)) ctx.refuse('catalog.duplicate', 'rule.screenshotThere');
  app.info = { ...app.info, screenshots: [...app.info.screenshots, image] };
  changed(ctx, app);
  ctx.touch(appChain(app.id));
  ctx.audit.message = `Added a screenshot (${app.info.screenshots.length} of ${LIMITS.screenshots})`;
  ctx.audit.detail = { key: 'screenshotAdded', params: { n: app.info.screenshots.length, max: LIMITS.screenshots } };
}

export function applyRemoveScreenshot(ctx: ApplyContext<'app.removeScreenshot'>): void {
  const app = findApp(ctx, ctx.data.app);
  requireIsv(ctx, app.workspace);
  ctx.checkPrev(appChain(app.id), sentence('thing.appInfo', { app: app.chartName }));
  requireNotSubmitted(ctx, app);
  if (!app.info.screenshots.some((s) => s.sha256 === ctx.data.sha256)) ctx.refuse('not-found', 'rule.noScreenshot');
  app.info = { ...app.info, screenshots: app.info.screenshots.filter((s) => s.sha256 !== ctx.data.sha256) };
  changed(ctx, app);
  ctx.touch(appChain(app.id));
  ctx.audit.message = 'Removed a screenshot';
  ctx.audit.detail = { key: 'screenshotRemoved', params: {} };
}

/**
 * The ISV sends the app's current information to the store now, instead of at the next release
 * or recover. Only for an app in the store (an active version), and only when it changed.
 */
export function applyPublishInfo(ctx: ApplyContext<'app.publishInfo'>): void {
  const app = findApp(ctx, ctx.data.app);
  requireIsv(ctx, app.workspace);
  ctx.checkPrev(appChain(app.id), sentence('thing.appInfo', { app: app.chartName }));
  if (!app.storeInfo || appState(ctx.state, app) !== 'active')
    ctx.refuse('catalog.wrong-state', 'rule.notInStoreYet', { app: app.chartName });
  if (ctx.state.infoReview) {
    // the catalog wants a reviewer to see it first: the information as it is now waits for one
    app.infoRequest = { info: { ...app.info, screenshots: [...app.info.screenshots] }, by: ctx.author, at: ctx.at };
    ctx.audit.message = 'Asked a reviewer to publish the app information';
    ctx.audit.detail = { key: 'infoRequested', params: {} };
  } else {
    publishInfo(app);
    delete app.infoRequest;
    ctx.audit.message = 'Published the app information to the store';
    ctx.audit.detail = { key: 'infoPublished', params: {} };
  }
  changed(ctx, app);
  ctx.touch(appChain(app.id));
}

/** A reviewer publishes the information an ISV asked to publish, or turns it down with a reason. */
export function applyReviewInfo(ctx: ApplyContext<'app.reviewInfo'>): void {
  const app = findApp(ctx, ctx.data.app);
  requireReviewer(ctx);
  ctx.checkPrev(appChain(app.id), sentence('thing.appInfo', { app: app.chartName }));
  const request = app.infoRequest;
  if (!request) ctx.refuse('catalog.wrong-state', 'rule.noInfoWaiting', { app: app.chartName });
  if (ctx.data.approve) {
    app.storeInfo = { ...request.info, screenshots: [...request.info.screenshots] };
    ctx.audit.message = 'Published the app information the ISV asked for';
    ctx.audit.detail = { key: 'infoApproved', params: {} };
  } else {
    const reason = validateLength((ctx.data.reason ?? '').trim(), 'field.reason', LIMITS.description);
    if (!reason) ctx.refuse('input.invalid', 'rule.turnDownReason');
    ctx.audit.message = `Turned down the app information: ${reason}`;
    ctx.audit.detail = { key: 'infoTurnedDown', params: { text: reason } };
  }
  delete app.infoRequest;
  changed(ctx, app);
  ctx.touch(appChain(app.id));
}

export function applyAppDelete(ctx: ApplyContext<'app.delete'>): void {
  const app = findApp(ctx, ctx.data.app);
  requireIsv(ctx, app.workspace);
  ctx.checkPrev(appChain(app.id), sentence('thing.app', { app: app.chartName }));
  const left = liveVersions(ctx.state, app);
  if (left.length > 0) {
    const live = left.some((v) => v.state === 'active' || v.state === 'submitted');
    const versions = commaList(left.map((v) => sentence('rule.versionInState', { version: v.name, state: sentence(`state.${v.state}`) })));
    ctx.refuse('catalog.wrong-state', live ? 'rule.appHasLiveVersions' : 'rule.appHasVersions', { app: app.chartName, count: left.length, versions });
  }
  ctx.audit.from = appState(ctx.state, app);
  app.deleted = true;
  ctx.state.appsByChart.delete(chartKey(app.workspace, app.chartName));
  app.deletedEvent = ctx.event.id;
  changed(ctx, app);
  ctx.touch(appChain(app.id));
  ctx.audit.to = 'deleted';
}

export function applyAppSuspendOrRecover(ctx: ApplyContext<'app.suspend' | 'app.recover'>): void {
  const app = findApp(ctx, ctx.data.app);
  requireReviewer(ctx);
  const suspend = ctx.event.body.type === 'app.suspend';
  const [from, to] = suspend ? (['active', 'suspended'] as const) : (['suspended', 'active'] as const);
  for (const chain of Object.keys(ctx.event.body.prev)) {
    if (chain.startsWith('version:')) ctx.checkPrev(chain, sentence('thing.appVersion', { app: app.chartName }));
  }
  const targets = liveVersions(ctx.state, app).filter((v) => v.state === from);
  if (targets.length === 0) ctx.refuse('catalog.wrong-state', suspend ? 'rule.nothingToSuspend' : 'rule.nothingToRecover', { app: app.chartName });
  ctx.audit.from = appState(ctx.state, app);
  for (const v of targets) {
    v.state = to;
    v.updatedAt = ctx.at;
    ctx.state.dirty.versions.add(v.id);
    ctx.touch(versionChain(v.id));
  }
  if (!suspend) publishInfo(app);
  changed(ctx, app);
  ctx.audit.to = appState(ctx.state, app);
  ctx.audit.versionName = targets.map((v) => v.name).join(', ');
  if (ctx.data.message) ctx.audit.message = ctx.data.message;
}
