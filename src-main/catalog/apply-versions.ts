/** Versions: the lifecycle table of MISSION.md, one handler per action. */
import type { VersionState } from '../../shared/types/catalog';
import { orList, sentence } from '../sentences';
import type { ApplyContext } from './apply-context';
import { findApp, publishInfo, requireIsv, requireReviewer, versionChain } from './apply-apps';
import type { ChartFacts, EventType, SubmittedTestDeploy } from './event-types';
import type { AppRecord, VersionRecord } from './state';
import { liveVersions } from './state';
import { LIMITS, validateLength, validateRequired, validateVersionName } from './validation';

type AnyCtx = ApplyContext<EventType>;

function findVersion(ctx: AnyCtx, id: string): { version: VersionRecord; app: AppRecord } {
  const version = ctx.state.versions.get(id);
  if (!version) ctx.refuse('not-found', 'rule.noVersion');
  ctx.audit.versionId = version.id;
  ctx.audit.versionName = version.name;
  const app = findApp(ctx, version.appId);
  return { version, app };
}

function requireChartName(ctx: AnyCtx, app: AppRecord, chart: ChartFacts): void {
  if (chart.name !== app.chartName) {
    ctx.refuse('catalog.chart-mismatch', 'rule.chartMismatch', { chart: chart.name, app: app.chartName });
  }
}

function requireUniqueName(ctx: AnyCtx, app: AppRecord, name: string, self?: string): void {
  const clash = liveVersions(ctx.state, app).find((v) => v.name === name && v.id !== self);
  if (clash)
    ctx.supersede(
      { event: clash.createdEvent, author: clash.createdBy },
      sentence('rule.versionNameTaken', { app: app.chartName, version: name }),
      'catalog.duplicate',
    );
}

type VersionAction = 'version.edit' | 'version.submit' | 'version.reject' | SimpleAction;

/** “Version 1.0 is draft; only a submitted version can be approved.”, one sentence per action (`sentences.wrongState.version.*`). */
function requireState(ctx: ApplyContext<VersionAction>, version: VersionRecord, allowed: VersionState[]): void {
  if (allowed.includes(version.state)) return;
  const allowedSaid = orList(allowed.map((s) => sentence(`state.${s}`)));
  ctx.refuse('catalog.wrong-state', `wrongState.${ctx.event.body.type as VersionAction}`, {
    version: version.name,
    state: sentence(`state.${version.state}`),
    allowed: allowedSaid,
  });
}

function transition(ctx: AnyCtx, version: VersionRecord, to: VersionState): void {
  ctx.audit.from = version.state;
  ctx.audit.to = to;
  version.state = to;
  version.updatedAt = ctx.at;
  ctx.state.dirty.versions.add(version.id);
  ctx.state.dirty.apps.add(version.appId);
  ctx.touch(versionChain(version.id));
}

export function applyVersionAdd(ctx: ApplyContext<'version.add'>): void {
  const d = ctx.data;
  ctx.audit.versionName = d.versionName;
  const app = findApp(ctx, d.app);
  requireIsv(ctx, app.workspace);
  if (ctx.state.versions.has(d.version)) ctx.refuse('catalog.duplicate', 'rule.versionIdExists');
  validateVersionName(d.versionName);
  validateLength(d.changelog, 'field.changelog', LIMITS.changelog);
  requireChartName(ctx, app, d.chart);
  requireUniqueName(ctx, app, d.versionName);
  ctx.state.versions.set(d.version, {
    id: d.version,
    appId: app.id,
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
  app.versionIds = [...app.versionIds, d.version];
  app.updatedAt = ctx.at;
  ctx.state.dirty.apps.add(app.id);
  ctx.state.dirty.versions.add(d.version);
  ctx.touch(versionChain(d.version));
  Object.assign(ctx.audit, { versionId: d.version, to: 'draft' });
}

/** Version name and changelog may change while editing and when submitting. */
function applyEdits(ctx: AnyCtx, app: AppRecord, version: VersionRecord, edits: { versionName?: string; changelog?: string }): void {
  if (edits.versionName !== undefined) {
    const name = validateVersionName(edits.versionName);
    requireUniqueName(ctx, app, name, version.id);
  }
  if (edits.changelog !== undefined) validateLength(edits.changelog, 'field.changelog', LIMITS.changelog);
}

function commitEdits(ctx: AnyCtx, version: VersionRecord, edits: { versionName?: string; changelog?: string }): void {
  if (edits.versionName !== undefined) version.name = edits.versionName.trim();
  if (edits.changelog !== undefined) version.changelog = edits.changelog;
  ctx.audit.versionName = version.name;
}

export function applyVersionEdit(ctx: ApplyContext<'version.edit'>): void {
  const d = ctx.data;
  const { version, app } = findVersion(ctx, d.version);
  requireIsv(ctx, app.workspace);
  ctx.checkPrev(versionChain(version.id), sentence('thing.version', { version: version.name }));
  requireState(ctx, version, ['draft', 'rejected']);
  applyEdits(ctx, app, version, d);
  if (d.chart) requireChartName(ctx, app, d.chart);
  commitEdits(ctx, version, d);
  if (d.chart && d.package) {
    version.chart = d.chart;
    version.package = d.package;
  }
  delete version.rejectReason;
  const fields = ['versionName', 'changelog', 'package'].filter((k) => (d as Record<string, unknown>)[k] !== undefined);
  ctx.audit.message = `Edited ${fields.join(', ') || 'nothing'}`;
  ctx.audit.detail = fields.length ? { key: 'edited', params: { fields: fields.join(',') } } : { key: 'editedNothing', params: {} };
  transition(ctx, version, 'draft');
}

export function applyVersionSubmit(ctx: ApplyContext<'version.submit'>): void {
  const d = ctx.data;
  const { version, app } = findVersion(ctx, d.version);
  requireIsv(ctx, app.workspace);
  ctx.checkPrev(versionChain(version.id), sentence('thing.version', { version: version.name }));
  requireState(ctx, version, ['draft', 'rejected']);
  applyEdits(ctx, app, version, d);
  if (d.message !== undefined) validateLength(d.message, 'field.message', LIMITS.message);
  commitEdits(ctx, version, d);
  version.submittedAt = ctx.at;
  version.submittedBy = ctx.author;
  delete version.rejectReason;
  if (d.message) ctx.audit.message = d.message;
  if (d.testDeploy) submittedTestDeployAudit(ctx, d.testDeploy, d.message);
  transition(ctx, version, 'submitted');
}

const SUBMITTED_TEST_DEPLOY: Record<SubmittedTestDeploy['outcome'], { key: string; english: (where: string) => string }> = {
  running: { key: 'submittedTestRunning', english: (where) => `Submitted with the latest recorded test deploy running (${where})` },
  failed: { key: 'submittedTestFailed', english: (where) => `Submitted although the latest recorded test deploy failed (${where})` },
  pending: { key: 'submittedTestPending', english: (where) => `Submitted while the latest recorded test deploy was not ready yet (${where})` },
  none: { key: 'submittedTestNone', english: () => 'Submitted with no test deploy recorded' },
};

/** History states the test deploy the submitting Berth found recorded, in words any reader's Berth can translate. */
function submittedTestDeployAudit(ctx: ApplyContext<'version.submit'>, t: SubmittedTestDeploy, note: string | undefined): void {
  const wording = SUBMITTED_TEST_DEPLOY[t.outcome];
  const params: Record<string, string> = { release: t.release ?? '', namespace: t.namespace ?? '' };
  const sentence = wording.english(`release ${params.release} in namespace ${params.namespace}`);
  if (note) params.text = note;
  ctx.audit.message = note ? `${sentence}: “${note}”` : sentence;
  ctx.audit.detail = { key: wording.key, params };
}

type SimpleAction = 'version.cancel' | 'version.approve' | 'version.release' | 'version.suspend' | 'version.recover' | 'version.delete';

const SIMPLE: Record<SimpleAction, { from: VersionState[]; to: VersionState; who: 'isv' | 'reviewer' }> = {
  'version.cancel': { from: ['submitted'], to: 'draft', who: 'isv' },
  'version.approve': { from: ['submitted'], to: 'passed', who: 'reviewer' },
  'version.release': { from: ['passed'], to: 'active', who: 'isv' },
  'version.suspend': { from: ['active'], to: 'suspended', who: 'reviewer' },
  'version.recover': { from: ['suspended'], to: 'active', who: 'reviewer' },
  'version.delete': { from: ['draft', 'passed', 'rejected', 'suspended'], to: 'deleted', who: 'isv' },
};

export function applySimpleVersionAction(ctx: ApplyContext<SimpleAction>): void {
  const rule = SIMPLE[ctx.event.body.type as SimpleAction];
  const { version, app } = findVersion(ctx, ctx.data.version);
  if (rule.who === 'isv') requireIsv(ctx, app.workspace);
  else requireReviewer(ctx);
  ctx.checkPrev(versionChain(version.id), sentence('thing.version', { version: version.name }));
  requireState(ctx, version, rule.from);
  const message = ctx.data.message;
  if (message !== undefined) validateLength(message, 'field.message', LIMITS.message);
  if (rule.to === 'passed') {
    version.everPassed = true;
    version.reviewedBy = ctx.author;
  }
  if (rule.to === 'active') publishInfo(app);
  if (message) ctx.audit.message = message;
  transition(ctx, version, rule.to);
  app.updatedAt = ctx.at;
  if (rule.to === 'deleted') ctx.state.dirty.apps.add(app.id);
}

export function applyVersionReject(ctx: ApplyContext<'version.reject'>): void {
  const { version, app } = findVersion(ctx, ctx.data.version);
  requireReviewer(ctx);
  ctx.checkPrev(versionChain(version.id), sentence('thing.version', { version: version.name }));
  requireState(ctx, version, ['submitted']);
  const reason = validateRequired(ctx.data.reason, 'field.rejectionReason', LIMITS.reason);
  version.rejectReason = reason;
  version.reviewedBy = ctx.author;
  ctx.audit.message = reason;
  transition(ctx, version, 'rejected');
  app.updatedAt = ctx.at;
}
