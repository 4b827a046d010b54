/**
 * The pre-submission report: everything a reviewer would otherwise run by hand, run once at
 * submit and stored on the version with the sha256 of the package it describes — the chart
 * toolkit's lint and review checks, the default values against the chart's schemas, the
 * image inventory, the removed/deprecated API scan for the chosen Kubernetes versions, and
 * the recorded outcome of the latest test deploy.
 */
import { createHash } from 'node:crypto';
import { BerthFailure, type Sentence } from '../../shared/result';
import type { CheckStatus, ImageUse, PreSubmissionReport, ReportCheck, ReportFinding, TestDeployRecord } from '../../shared/types/review-tools';
import type { JsonObject } from '../../shared/types/values';
import { readChartArchive } from '../chart/archive';
import { loadValuesChart } from '../values/chart-values';
import { validateValues } from '../values/validate';
import { minorOf, scanApis } from './api-scan';
import { inventoryImages } from './image-inventory';
import { readArtifactHub } from '../chart/artifacthub';
import { readMetadataFromArchive } from '../chart/inspect';
import { parseImageRef } from '../values/image-ref';

export interface ReportSubject {
  app: string;
  version: string;
  versionName: string;
  package: Uint8Array;
  builtBy: string;
  builtByName?: string;
  kubeVersions: string[];
  testDeploy?: TestDeployRecord;
  /** The latest test deploy that was an upgrade test from an earlier active version. */
  upgradeTest?: TestDeployRecord;
}

/** What the report asks the chart engine to render: `helm template` of a package with values. */
export interface RenderInput {
  chart: Uint8Array;
  values: JsonObject;
  /** Full version, e.g. `v1.33.0`. */
  kubeVersion: string;
  releaseName?: string;
  namespace?: string;
}

/** Template path (e.g. `emqx/templates/service.yaml`) → rendered text, without NOTES.txt. */
export type RenderPort = (input: RenderInput) => Promise<Record<string, string>>;

/** The chart toolkit's parts the report uses; each may be missing in a build, and the check then says so. */
export interface ReportTools {
  /** Lint and review checks with stable rule ids. */
  lint?: (pkg: Uint8Array) => Promise<ReportFinding[]>;
  render?: RenderPort;
  images?: (manifests: Record<string, string>) => ImageUse[];
  /**
   * One chart-testing case (`ci/<name>-values.yaml`, as `ct lint` and `ct install` take them):
   * helm lint with those values, render, and validate what renders against the newest
   * Kubernetes version chosen. A render that fails is an error finding.
   */
  ciCase?: (pkg: Uint8Array, valuesYaml: string, kubeVersion: string) => Promise<ReportFinding[]>;
  /** Rendered manifests per chosen Kubernetes version → findings. */
  apiScan?: (byVersion: ReadonlyMap<string, Record<string, string>>) => ReportFinding[];
  now?: () => Date;
}

export const DEFAULT_KUBE_VERSIONS = ['1.29', '1.33'];

function statusOf(findings: ReportFinding[]): CheckStatus {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  if (findings.some((f) => f.severity === 'warning')) return 'warn';
  return 'pass';
}

function count(findings: ReportFinding[], severity: ReportFinding['severity'], word: string): string {
  const n = findings.filter((f) => f.severity === severity).length;
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A sentence the UI translates (key under `sentences.report.`), beside its English wording. */
function say(key: string, values?: Sentence['values']): Sentence {
  return values ? { key: `report.${key}`, values } : { key: `report.${key}` };
}

function counted(findings: ReportFinding[], severity: ReportFinding['severity']): number {
  return findings.filter((f) => f.severity === severity).length;
}

function message(e: unknown): string {
  return e instanceof BerthFailure ? e.message : e instanceof Error ? e.message.split('\n')[0] : String(e);
}

async function lintCheck(pkg: Uint8Array, tools: ReportTools): Promise<ReportCheck> {
  const base = { id: 'lint', kind: 'lint' as const };
  if (!tools.lint)
    return { ...base, status: 'unavailable', summary: 'This Berth has no chart toolkit to lint with.', summarySay: say('noToolkit'), findings: [] };
  try {
    const findings = await tools.lint(pkg);
    const status = statusOf(findings);
    if (status === 'pass') return { ...base, status, summary: 'Lint and review checks found nothing to fix.', summarySay: say('lintClean'), findings };
    return {
      ...base,
      status,
      summary: `Lint and review checks found ${count(findings, 'error', 'error')} and ${count(findings, 'warning', 'warning')}.`,
      summarySay: say('lintFound', { errors: counted(findings, 'error'), warnings: counted(findings, 'warning') }),
      findings,
    };
  } catch (e) {
    return {
      ...base,
      status: 'fail',
      summary: `Linting failed: ${message(e)}`,
      summarySay: say('lintFailed', { error: message(e) }),
      findings: [{ severity: 'error', message: message(e) }],
    };
  }
}

function valuesCheck(pkg: Uint8Array): ReportCheck {
  const base = { id: 'values-schema', kind: 'values-schema' as const };
  try {
    const chart = loadValuesChart(readChartArchive(pkg));
    const hasSchema = (c: typeof chart): boolean => !!c.schema || c.dependencies.some((d) => hasSchema(d.chart));
    if (!hasSchema(chart)) {
      return {
        ...base,
        status: 'pass',
        summary: 'The chart has no values.schema.json, so there is nothing to validate the default values against.',
        summarySay: say('noSchema'),
        findings: [
          {
            severity: 'info',
            message: 'Adding a values.schema.json lets Berth and Helm check values before anything is deployed.',
            say: say('addSchema'),
            file: 'values.schema.json',
          },
        ],
      };
    }
    const { problems } = validateValues(chart, {});
    const findings: ReportFinding[] = problems.map((p) => ({
      severity: 'error',
      message: p.message,
      path: p.pathText,
      rule: `schema.${p.keyword}`,
      file: p.chart === chart.name ? 'values.yaml' : `charts/${p.chart}/values.yaml`,
    }));
    if (findings.length === 0)
      return { ...base, status: 'pass', summary: 'The default values meet the chart’s schemas.', summarySay: say('valuesMeetSchema'), findings };
    return {
      ...base,
      status: statusOf(findings),
      summary: `The default values break the chart’s schemas in ${findings.length} place${findings.length === 1 ? '' : 's'}.`,
      summarySay: say('valuesBreakSchema', { count: findings.length }),
      findings,
    };
  } catch (e) {
    return {
      ...base,
      status: 'fail',
      summary: `The values could not be checked: ${message(e)}`,
      summarySay: say('valuesUnchecked', { error: message(e) }),
      findings: [{ severity: 'error', message: message(e) }],
    };
  }
}

export function fullKubeVersion(v: string): string {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(v.trim());
  return m ? `v${m[1]}.${m[2]}.${m[3] ?? '0'}` : v;
}

async function renderAll(
  subject: ReportSubject,
  tools: ReportTools,
): Promise<{ byVersion: Map<string, Record<string, string>>; error?: string; errorSay?: Sentence }> {
  const byVersion = new Map<string, Record<string, string>>();
  if (!tools.render) return { byVersion };
  for (const kv of subject.kubeVersions) {
    try {
      const files = await tools.render({ chart: subject.package, values: {}, kubeVersion: fullKubeVersion(kv) });
      byVersion.set(kv, Object.fromEntries(Object.entries(files).filter(([path]) => !path.endsWith('NOTES.txt'))));
    } catch (e) {
      return {
        byVersion,
        error: `The chart does not render with its default values for Kubernetes ${kv}: ${message(e)}`,
        errorSay: say('renderFailed', { kube: kv, error: message(e) }),
      };
    }
  }
  return { byVersion };
}

/** Where images declared only in Chart.yaml's `artifacthub.io/images` are said to come from. */
export const ARTIFACT_HUB_IMAGES_SOURCE = 'Chart.yaml (artifacthub.io/images)';

/**
 * The rendered inventory joined with the images Chart.yaml declares in `artifacthub.io/images`
 * (what Artifact Hub scans and lists): declared images the defaults do not run join the inventory
 * (an optional component's image, still to be mirrored and checked), and when the chart declares
 * images at all, a rendered image it leaves out is a finding, since Artifact Hub would not scan it.
 */
export function withDeclaredImages(rendered: ImageUse[], declared: readonly string[]): { images: ImageUse[]; findings: ReportFinding[] } {
  const images = [...rendered];
  for (const image of declared) {
    const existing = images.find((i) => i.image === image);
    if (existing) existing.sources = [...new Set([...existing.sources, ARTIFACT_HUB_IMAGES_SOURCE])];
    else images.push({ image, ...(parseImageRef(image) ?? { repository: image }), sources: [ARTIFACT_HUB_IMAGES_SOURCE] });
  }
  images.sort((a, b) => a.image.localeCompare(b.image));
  const findings: ReportFinding[] =
    declared.length === 0
      ? []
      : rendered
          .filter((i) => !declared.includes(i.image))
          .map((i) => ({
            severity: 'warning' as const,
            rule: 'image.artifacthub-undeclared',
            file: i.sources[0],
            message: `${i.image} runs, but Chart.yaml's artifacthub.io/images does not list it, so Artifact Hub would not scan it.`,
            say: say('imageUndeclared', { image: i.image }),
          }));
  return { images, findings };
}

function imagesCheck(images: ImageUse[], extra: ReportFinding[] = []): ReportCheck {
  const findings: ReportFinding[] = [...extra];
  for (const i of images) {
    if (!i.digest && (!i.tag || i.tag === 'latest')) {
      findings.push({
        severity: 'warning',
        rule: 'image.mutable-tag',
        file: i.sources[0],
        message: `${i.image} has ${i.tag ? 'the tag “latest”' : 'no tag'}, so what runs can change without a new chart version.`,
        say: say(i.tag ? 'imageLatest' : 'imageNoTag', { image: i.image }),
      });
    }
  }
  const mutable = findings.filter((f) => f.rule === 'image.mutable-tag').length;
  const summary =
    images.length === 0
      ? 'The rendered manifests run no container images.'
      : `The chart runs ${images.length} image${images.length === 1 ? '' : 's'}${mutable ? `, ${mutable} with a mutable tag` : ''}.`;
  const summarySay =
    images.length === 0 ? say('noImages') : mutable ? say('imagesMutable', { count: images.length, mutable }) : say('images', { count: images.length });
  return { id: 'images', kind: 'images', status: statusOf(findings), summary, summarySay, findings };
}

function testDeployCheck(record: TestDeployRecord | undefined): ReportCheck {
  const base = { id: 'test-deploy', kind: 'test-deploy' as const, findings: [] as ReportFinding[] };
  if (!record) return { ...base, status: 'warn', summary: 'No test deploy of this version has been recorded.', summarySay: say('testDeployNone') };
  const where = `${record.release} in ${record.namespace}${record.context ? ` (${record.context})` : ''}`;
  const values = { release: record.release, namespace: record.namespace };
  // which chart-testing case the values started from, as ct install names the one it deploys
  const ci = record.ciCase;
  if (ci) {
    base.findings.push({
      severity: 'info',
      rule: 'test-deploy.ci-case',
      file: ci.file,
      message: ci.edited ? `Deployed with the values of the chart-testing case ${ci.file}, edited before the deploy.` : `Deployed with the values of the chart-testing case ${ci.file}.`,
      say: say(ci.edited ? 'testDeployCiCaseEdited' : 'testDeployCiCase', { file: ci.file }),
    });
  }
  if (record.outcome === 'running')
    return { ...base, status: 'pass', summary: `The latest test deploy (${where}) ran.`, summarySay: say('testDeployRunning', values) };
  if (record.outcome === 'pending')
    return { ...base, status: 'warn', summary: `The latest test deploy (${where}) had not become ready.`, summarySay: say('testDeployPending', values) };
  return {
    ...base,
    status: 'fail',
    summary: `The latest test deploy (${where}) failed${record.message ? `: ${record.message}` : '.'}`,
    summarySay: record.message ? say('testDeployFailedWhy', { ...values, error: record.message }) : say('testDeployFailed', values),
    findings: [...(record.message ? [{ severity: 'error' as const, message: record.message }] : []), ...base.findings],
  };
}

/** The chart's `ci/*-values.yaml` files, the cases chart-testing (`ct lint`, `ct install`) runs. */
export function ciValuesFiles(files: { path: string; data: Uint8Array }[]): { path: string; text: string }[] {
  return files
    .filter((f) => /^ci\/[^/]+-values\.ya?ml$/.test(f.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => ({ path: f.path, text: new TextDecoder().decode(f.data) }));
}

/** One row per chart-testing case: lint, render and schema validation with that values file. */
async function ciChecks(pkg: Uint8Array, cases: { path: string; text: string }[], kubeVersion: string, tools: ReportTools): Promise<ReportCheck[]> {
  const out: ReportCheck[] = [];
  for (const c of cases) {
    const base = { id: `ci:${c.path}`, kind: 'ci-values' as const };
    if (!tools.ciCase) {
      out.push({
        ...base,
        status: 'unavailable',
        summary: `${c.path}: this Berth has no chart engine to lint and render with.`,
        summarySay: say('ciUnavailable', { file: c.path }),
        findings: [],
      });
      continue;
    }
    let findings: ReportFinding[];
    try {
      findings = await tools.ciCase(pkg, c.text, kubeVersion);
    } catch (e) {
      findings = [{ severity: 'error', message: message(e), file: c.path }];
    }
    const status = statusOf(findings);
    const errors = counted(findings, 'error');
    const warnings = counted(findings, 'warning');
    out.push(
      status === 'pass'
        ? {
            ...base,
            status,
            summary: `${c.path}: lint, render and the Kubernetes ${kubeVersion} schemas found nothing to fix.`,
            summarySay: say('ciPassed', { file: c.path, kube: kubeVersion }),
            findings,
          }
        : {
            ...base,
            status,
            summary: `${c.path}: lint, render and the Kubernetes ${kubeVersion} schemas found ${count(findings, 'error', 'error')} and ${count(findings, 'warning', 'warning')}.`,
            summarySay: say('ciFound', { file: c.path, kube: kubeVersion, errors, warnings }),
            findings,
          },
    );
  }
  return out;
}

/**
 * The chart's tests (`helm test`) as the latest test deploy ran them once its workloads were
 * ready: each failed test is a finding with what its pod said.
 */
function helmTestCheck(record: TestDeployRecord | undefined): ReportCheck {
  const base = { id: 'helm-test', kind: 'helm-test' as const, findings: [] as ReportFinding[] };
  if (!record) return { ...base, status: 'warn', summary: 'No test deploy of this version has run the chart’s tests.', summarySay: say('helmTestNoDeploy') };
  const values = { release: record.release, namespace: record.namespace };
  const tests = record.tests;
  if (!tests) {
    return {
      ...base,
      status: 'warn',
      summary: `The latest test deploy (release ${record.release} in namespace ${record.namespace}) did not become ready, so the chart’s tests did not run.`,
      summarySay: say('helmTestNotRun', values),
    };
  }
  if (tests.outcome === 'none')
    return { ...base, status: 'warn', summary: 'The chart has no tests (templates annotated helm.sh/hook: test).', summarySay: say('helmTestNone') };
  const total = tests.results.length;
  if (tests.outcome === 'passed') {
    return {
      ...base,
      status: 'pass',
      summary: `${total === 1 ? 'The chart’s 1 test' : `All ${total} tests of the chart`} passed after the latest test deploy (release ${record.release} in namespace ${record.namespace}).`,
      summarySay: say('helmTestPassed', { ...values, count: total }),
    };
  }
  const failed = tests.results.filter((r) => r.phase !== 'Succeeded');
  const findings: ReportFinding[] = failed.map((r) => {
    const said = r.log ? (r.logSource === 'termination-message' ? ` Its containers said: ${r.log}` : ` Its log: ${r.log}`) : '';
    return {
      severity: 'error',
      rule: 'helm.test',
      message: `The test ${r.name} ended ${r.phase}.${said}`,
      say: r.log
        ? say(r.logSource === 'termination-message' ? 'helmTestFailedSaid' : 'helmTestFailedLog', { name: r.name, phase: r.phase, log: r.log })
        : say('helmTestFailedOne', { name: r.name, phase: r.phase }),
    };
  });
  if (findings.length === 0 && tests.error) findings.push({ severity: 'error', rule: 'helm.test', message: tests.error });
  const names = failed.map((r) => r.name).join(', ') || '—';
  return {
    ...base,
    status: 'fail',
    summary: `${failed.length} of ${total} tests of the chart failed after the latest test deploy (release ${record.release} in namespace ${record.namespace}): ${names}.`,
    summarySay: say('helmTestFailed', { ...values, failed: failed.length, count: total, names }),
    findings,
  };
}

/** `ct install --upgrade`: the previous active version installed, then upgraded to this one. */
function upgradeTestCheck(record: TestDeployRecord | undefined): ReportCheck {
  const base = { id: 'upgrade-test', kind: 'upgrade-test' as const, findings: [] as ReportFinding[] };
  const up = record?.upgradeFrom;
  if (!record || !up)
    return { ...base, status: 'warn', summary: 'No upgrade test from an earlier active version has been recorded.', summarySay: say('upgradeTestNone') };
  const values = { from: up.name ?? up.version, release: record.release, namespace: record.namespace };
  if (up.outcome === 'passed') {
    return {
      ...base,
      status: 'pass',
      summary: `Upgrading from ${values.from} to this version on the test cluster (release ${record.release} in namespace ${record.namespace}) succeeded.`,
      summarySay: say('upgradeTestPassed', values),
    };
  }
  return {
    ...base,
    status: 'fail',
    summary: `Upgrading from ${values.from} to this version on the test cluster (release ${record.release} in namespace ${record.namespace}) failed${up.message ? `: ${up.message}` : '.'}`,
    summarySay: up.message ? say('upgradeTestFailedWhy', { ...values, error: up.message }) : say('upgradeTestFailed', values),
    findings: up.message ? [{ severity: 'error', rule: 'upgrade.test', message: up.message }] : [],
  };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function buildReport(subject: ReportSubject, tools: ReportTools = {}): Promise<PreSubmissionReport> {
  const kubeVersions = [...new Set(subject.kubeVersions.length > 0 ? subject.kubeVersions : DEFAULT_KUBE_VERSIONS)].sort(
    (a, b) => (minorOf(a) ?? 0) - (minorOf(b) ?? 0),
  );
  const bad = kubeVersions.find((v) => minorOf(v) === undefined);
  if (bad) throw new BerthFailure('input.invalid', `“${bad}” is not a Kubernetes version like 1.29.`);
  const archive = readChartArchive(subject.package, { label: 'The chart package' });
  const chart = loadValuesChart(archive);
  const rendered = await renderAll({ ...subject, kubeVersions }, tools);

  let images: ImageUse[] = [];
  let imageCheck: ReportCheck;
  let apiCheck: ReportCheck;
  if (!tools.render) {
    const unavailable = {
      status: 'unavailable' as const,
      summary: 'This Berth has no chart engine to render the manifests with.',
      summarySay: say('noEngine'),
      findings: [],
    };
    imageCheck = { id: 'images', kind: 'images', ...unavailable };
    apiCheck = { id: 'api-scan', kind: 'api-scan', ...unavailable };
  } else if (rendered.error) {
    const finding: ReportFinding = { severity: 'error', message: rendered.error, ...(rendered.errorSay ? { say: rendered.errorSay } : {}) };
    const failed = { status: 'fail' as const, summary: rendered.error, ...(rendered.errorSay ? { summarySay: rendered.errorSay } : {}), findings: [finding] };
    imageCheck = { id: 'images', kind: 'images', ...failed };
    apiCheck = { id: 'api-scan', kind: 'api-scan', ...failed };
  } else {
    const newest = rendered.byVersion.get(kubeVersions[kubeVersions.length - 1]) ?? {};
    const declared = readArtifactHub(readMetadataFromArchive(archive).annotations).images.map((i) => i.image);
    const joined = withDeclaredImages((tools.images ?? inventoryImages)(newest), declared);
    images = joined.images;
    imageCheck = imagesCheck(images, joined.findings);
    const findings = (tools.apiScan ?? scanApis)(rendered.byVersion);
    apiCheck = {
      id: 'api-scan',
      kind: 'api-scan',
      status: statusOf(findings),
      summary:
        findings.length === 0
          ? `Every API the chart uses is served by Kubernetes ${kubeVersions.join(', ')}.`
          : `${count(findings, 'error', 'object')} use removed APIs and ${count(findings, 'warning', 'object')} deprecated ones for Kubernetes ${kubeVersions.join(', ')}.`,
      // the count words are nested sentences (`report.objects`) the renderer says first
      summarySay:
        findings.length === 0
          ? say('apisServed', { kube: kubeVersions.join(', ') })
          : say('apisFound', { removed: counted(findings, 'error'), deprecated: counted(findings, 'warning'), kube: kubeVersions.join(', ') }),
      findings,
    };
  }

  const report: PreSubmissionReport = {
    format: 1,
    app: subject.app,
    version: subject.version,
    versionName: subject.versionName,
    chart: { name: chart.name, version: chart.version },
    packageSha256: sha256Hex(subject.package),
    builtAt: (tools.now?.() ?? new Date()).toISOString(),
    builtBy: subject.builtBy,
    kubeVersions,
    checks: [
      await lintCheck(subject.package, tools),
      valuesCheck(subject.package),
      imageCheck,
      apiCheck,
      testDeployCheck(subject.testDeploy),
      helmTestCheck(subject.testDeploy),
      upgradeTestCheck(subject.upgradeTest),
      ...(await ciChecks(subject.package, ciValuesFiles(archive.files), kubeVersions[kubeVersions.length - 1], tools)),
    ],
    images,
  };
  if (subject.builtByName) report.builtByName = subject.builtByName;
  if (subject.testDeploy) report.testDeploy = subject.testDeploy;
  return report;
}
