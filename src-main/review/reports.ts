/**
 * The pre-submission report on a version: built (normally at submit) and attached as a
 * signed event, read back with its waivers, exported as Markdown or JSON. Waivers are asked
 * for by the app's ISVs with a reason, and accepted or refused by reviewers.
 */
import { BerthFailure } from '../../shared/result';
import type { ReportView, TestDeployRecord, TestRunResult, TestSuiteRecord, Waiver } from '../../shared/types/review-tools';
import { REVIEW_LIMITS, type ReviewEventData } from './events';
import { latestTestDeploy, latestUpgradeTest, reportView, waiversForVersion } from './projection';
import type { ReviewSnapshot, ReviewStore } from './store';
import { buildReport, type ReportTools } from './build-report';
import { reportToJson, reportToMarkdown } from './export-report';
import type { ChartSources } from './chart-source';
import { newEventId } from './comments';

function isIsvOf(snap: ReviewSnapshot, appId: string): boolean {
  const app = snap.facts.app(appId);
  return !!app && snap.facts.workspaceRole(snap.me, app.workspace) === 'isv';
}

function text(value: unknown, what: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw new BerthFailure('input.invalid', `${what} cannot be empty.`);
  if (value.length > max) throw new BerthFailure('input.invalid', `${what} can be at most ${max} characters long.`);
  return value.trim();
}

export class ReportService {
  constructor(
    private readonly store: ReviewStore,
    private readonly sources: ChartSources,
    private readonly tools: () => Promise<ReportTools>,
  ) {}

  private version(snap: ReviewSnapshot, id: string) {
    const v = snap.facts.version(id);
    if (!v) throw new BerthFailure('not-found', 'That version is not in the catalog (it may have been deleted).');
    return v;
  }

  async build(versionId: string, kubeVersions: string[] = []): Promise<ReportView> {
    const snap = await this.store.current();
    const v = this.version(snap, versionId);
    if (!isIsvOf(snap, v.app) && !snap.facts.isReviewer(snap.me))
      throw new BerthFailure('catalog.forbidden', 'Only the app’s ISVs and reviewers build its pre-submission report.');
    const { bytes } = await this.sources.versionPackage(versionId);
    const recorded = latestTestDeploy(snap.state, versionId);
    const testDeploy = recorded?.by ? { ...recorded, byName: snap.facts.displayName(recorded.by) } : recorded;
    const upgradeTest = latestUpgradeTest(snap.state, versionId);
    const report = await buildReport(
      {
        app: v.app,
        version: v.id,
        versionName: v.name,
        package: bytes,
        builtBy: snap.me,
        builtByName: snap.facts.displayName(snap.me),
        kubeVersions,
        testDeploy,
        ...(upgradeTest ? { upgradeTest } : {}),
      },
      await this.tools(),
    );
    await this.store.append('review.report.attach', { version: v.id, report });
    const view = await this.get(versionId);
    if (!view) throw new BerthFailure('internal', 'The report was built but the catalog did not keep it.');
    return view;
  }

  async get(versionId: string): Promise<ReportView | null> {
    const snap = await this.store.current();
    this.version(snap, versionId);
    return reportView(snap.state, snap.facts, versionId) ?? null;
  }

  async export(versionId: string, format: 'markdown' | 'json'): Promise<{ fileName: string; mediaType: string; text: string }> {
    const view = await this.get(versionId);
    if (!view) throw new BerthFailure('not-found', 'This version has no pre-submission report yet; it is built when the version is submitted.');
    const base = `${view.report.chart.name}-${view.report.versionName}-report`.replace(/[^A-Za-z0-9._-]/g, '_');
    return format === 'json'
      ? { fileName: `${base}.json`, mediaType: 'application/json', text: reportToJson(view) }
      : { fileName: `${base}.md`, mediaType: 'text/markdown', text: reportToMarkdown(view) };
  }

  async requestWaiver(versionId: string, check: string, reason: string): Promise<ReportView> {
    const snap = await this.store.current();
    const v = this.version(snap, versionId);
    if (!isIsvOf(snap, v.app)) throw new BerthFailure('catalog.forbidden', 'Only the app’s ISVs can ask to waive a check.');
    const view = reportView(snap.state, snap.facts, versionId);
    if (!view) throw new BerthFailure('not-found', 'This version has no pre-submission report yet.');
    const c = view.checks.find((x) => x.id === check);
    if (!c) throw new BerthFailure('not-found', `The report has no check “${check}”.`);
    if (c.status === 'pass') throw new BerthFailure('input.invalid', 'That check passed; there is nothing to waive.');
    await this.store.append('review.waiver.request', {
      waiver: newEventId('w'),
      version: v.id,
      check,
      reason: text(reason, 'The reason for the waiver', REVIEW_LIMITS.reason),
    });
    return (await this.get(versionId))!;
  }

  async decideWaiver(waiverId: string, accept: boolean, note?: string): Promise<ReportView> {
    const snap = await this.store.current();
    const w = snap.state.waivers.get(waiverId);
    if (!w) throw new BerthFailure('not-found', 'That waiver request is not here (yet); it may arrive with the next sync.');
    if (!snap.facts.isReviewer(snap.me)) throw new BerthFailure('catalog.forbidden', 'Only reviewers accept or refuse waivers.');
    if (w.requestedBy === snap.me) throw new BerthFailure('catalog.forbidden', 'Another reviewer has to decide a waiver you asked for yourself.');
    if (!accept && (note === undefined || note.trim() === ''))
      throw new BerthFailure('input.invalid', 'Say why the waiver is refused, so the ISV knows what to fix.');
    const data: ReviewEventData['review.waiver.decide'] = { waiver: waiverId, accept, version: w.version, check: w.check };
    if (note?.trim()) data.note = text(note, 'The note', REVIEW_LIMITS.note);
    await this.store.append('review.waiver.decide', data);
    return (await this.get(w.version))!;
  }

  async waivers(versionId: string): Promise<Waiver[]> {
    const snap = await this.store.current();
    return waiversForVersion(snap.state, snap.facts, versionId);
  }

  /** The latest test deploy recorded on the version (by anyone, on any machine), even before a report exists. */
  async latestTestDeploy(versionId: string): Promise<TestDeployRecord | null> {
    const snap = await this.store.current();
    this.version(snap, versionId);
    const recorded = latestTestDeploy(snap.state, versionId);
    if (!recorded) return null;
    return recorded.by ? { ...recorded, byName: snap.facts.displayName(recorded.by) } : recorded;
  }

  async recordTestDeploy(record: Omit<TestDeployRecord, 'by' | 'byName'>): Promise<TestDeployRecord> {
    const snap = await this.store.current();
    const v = this.version(snap, record.version);
    if (!isIsvOf(snap, v.app) && !snap.facts.isReviewer(snap.me))
      throw new BerthFailure('catalog.forbidden', 'Only the app’s ISVs and reviewers record test deploys.');
    const clean: TestDeployRecord = {
      version: v.id,
      release: record.release,
      namespace: record.namespace,
      outcome: record.outcome,
      at: record.at || new Date().toISOString(),
    };
    for (const k of ['context', 'kubeVersion', 'message'] as const) if (typeof record[k] === 'string' && record[k]) clean[k] = record[k].slice(0, 2000);
    const tests = cleanTests(record.tests);
    if (tests) clean.tests = tests;
    const up = record.upgradeFrom;
    if (up && typeof up.version === 'string' && (up.outcome === 'passed' || up.outcome === 'failed')) {
      clean.upgradeFrom = { version: up.version.slice(0, 200), outcome: up.outcome };
      if (typeof up.name === 'string' && up.name) clean.upgradeFrom.name = up.name.slice(0, 200);
      if (typeof up.message === 'string' && up.message) clean.upgradeFrom.message = up.message.slice(0, 2000);
    }
    const ci = record.ciCase;
    if (ci && typeof ci.file === 'string' && CI_CASE.test(ci.file)) clean.ciCase = { file: ci.file, ...(ci.edited === true ? { edited: true } : {}) };
    await this.store.append('review.testDeploy.record', { version: v.id, record: clean });
    return { ...clean, by: snap.me, byName: snap.facts.displayName(snap.me) };
  }
}

/** A chart-testing case's file, as `ct` names them. */
const CI_CASE = /^ci\/[^/]{1,200}-values\.ya?ml$/;

/** At most 20 tests and 4000 characters of each log (the tail, where a failure shows), so a record stays small. */
function cleanTests(tests: TestSuiteRecord | undefined): TestSuiteRecord | undefined {
  if (!tests || !['passed', 'failed', 'none'].includes(tests.outcome) || !Array.isArray(tests.results)) return undefined;
  const out: TestSuiteRecord = { outcome: tests.outcome, results: [] };
  if (typeof tests.error === 'string' && tests.error) out.error = tests.error.slice(0, 2000);
  for (const r of tests.results.slice(0, 20)) {
    if (typeof r?.name !== 'string' || typeof r.phase !== 'string') continue;
    const result: TestRunResult = { name: r.name.slice(0, 253), phase: r.phase.slice(0, 20) };
    if (typeof r.log === 'string' && r.log) result.log = r.log.length > 4000 ? `…${r.log.slice(-4000)}` : r.log;
    if (r.logSource === 'log' || r.logSource === 'termination-message') result.logSource = r.logSource;
    out.results.push(result);
  }
  return out;
}
