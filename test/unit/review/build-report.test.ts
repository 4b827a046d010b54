import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportView, TestSuiteRecord } from '../../../shared/types/review-tools';
import { buildReport } from '../../../src-main/review/build-report';
import { chartToolkit } from '../../../src-main/review/toolkit';
import { testEngine } from '../../services/engine';
import { reportToJson, reportToMarkdown } from '../../../src-main/review/export-report';
import { tgzOf } from '../chart/tar-builder';

const chartTgz = (name: string, files: Record<string, string>) => tgzOf(Object.entries(files).map(([path, data]) => ({ name: `${name}/${path}`, data })));
import { helmRender as helmTemplateRenderer } from './helm-render';

const FIXTURES = resolve(__dirname, '../../../../shared/fixtures/charts');
const emqx = (v: string) => readFileSync(join(FIXTURES, `emqx-${v}.tgz`));
const subject = (pkg: Uint8Array) => ({
  app: 'app1',
  version: 'ver1',
  versionName: 'v1.0.0-rc.1',
  package: pkg,
  builtBy: 'a'.repeat(64),
  builtByName: 'Iris',
  kubeVersions: ['1.21', '1.29'],
});

function view(report: Awaited<ReturnType<typeof buildReport>>): ReportView {
  return { report, checks: report.checks.map((c) => ({ ...c, effective: c.status })), overall: 'fail', stale: false };
}

describe('the pre-submission report', () => {
  it('runs every check on the EMQ X seed chart and names the package by its sha256', async () => {
    const pkg = emqx('v1.0.0-rc.1');
    const lint = async () => [{ severity: 'info' as const, rule: 'chart.icon', message: 'icon is recommended', file: 'Chart.yaml' }];
    const report = await buildReport(subject(pkg), { render: helmTemplateRenderer, lint, now: () => new Date('2026-01-02T03:04:05Z') });
    expect(report.packageSha256).toBe(createHash('sha256').update(pkg).digest('hex'));
    expect(report.chart).toEqual({ name: 'emqx', version: 'v1.0.0-rc.1' });
    expect(report.builtAt).toBe('2026-01-02T03:04:05.000Z');
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(Object.keys(byId)).toEqual(['lint', 'values-schema', 'images', 'api-scan', 'test-deploy', 'helm-test', 'upgrade-test']);
    expect(byId.lint.status).toBe('pass');
    expect(byId['values-schema']).toMatchObject({ status: 'pass', findings: [{ severity: 'info' }] });
    expect(report.images).toEqual([{ image: 'emqx/emqx:latest', repository: 'emqx/emqx', tag: 'latest', sources: ['emqx/templates/StatefulSet.yaml'] }]);
    expect(byId.images).toMatchObject({ status: 'warn', findings: [{ rule: 'image.mutable-tag' }] });
    // rbac.authorization.k8s.io/v1beta1 is deprecated for 1.21 and gone from 1.22 on
    expect(byId['api-scan'].status).toBe('fail');
    expect(byId['api-scan'].findings.map((f) => [f.severity, f.file, f.line])).toEqual([
      ['error', 'emqx/templates/rbac.yaml', 8],
      ['error', 'emqx/templates/rbac.yaml', 23],
    ]);
    expect(byId['api-scan'].findings[0].message).toMatch(
      /Role release-name-emqx uses rbac\.authorization\.k8s\.io\/v1beta1.*1\.29.*Use rbac\.authorization\.k8s\.io\/v1/,
    );
    expect(byId['test-deploy']).toMatchObject({ status: 'warn', summary: 'No test deploy of this version has been recorded.' });
  });

  it('only warns about deprecated APIs when every chosen Kubernetes version still serves them', async () => {
    const report = await buildReport({ ...subject(emqx('v4.0.2')), kubeVersions: ['1.20'] }, { render: helmTemplateRenderer });
    const scan = report.checks.find((c) => c.id === 'api-scan')!;
    expect(scan.status).toBe('warn');
    expect(scan.findings.every((f) => f.severity === 'warning' && f.rule === 'api.deprecated')).toBe(true);
  });

  it('takes the recorded test deploy as it is', async () => {
    const at = '2026-01-01T00:00:00Z';
    const ok = await buildReport(
      { ...subject(emqx('v4.0.2')), testDeploy: { version: 'ver1', release: 'emqx', namespace: 'demo', outcome: 'running', at } },
      {},
    );
    expect(ok.checks.find((c) => c.id === 'test-deploy')?.status).toBe('pass');
    const failed = await buildReport(
      { ...subject(emqx('v4.0.2')), testDeploy: { version: 'ver1', release: 'emqx', namespace: 'demo', outcome: 'failed', message: 'ImagePullBackOff', at } },
      {},
    );
    expect(failed.checks.find((c) => c.id === 'test-deploy')).toMatchObject({ status: 'fail', findings: [{ message: 'ImagePullBackOff' }] });
    // a deploy that never turned ready ran no tests
    expect(failed.checks.find((c) => c.id === 'helm-test')).toMatchObject({ status: 'warn', summarySay: { key: 'report.helmTestNotRun' } });
  });

  it('names the chart-testing case a test deploy started from, and whether its values were edited', async () => {
    const at = '2026-01-01T00:00:00Z';
    const record = { version: 'ver1', release: 'emqx', namespace: 'demo', outcome: 'running' as const, at };
    const row = async (ciCase?: { file: string; edited?: boolean }) =>
      (await buildReport({ ...subject(emqx('v4.0.2')), testDeploy: { ...record, ...(ciCase ? { ciCase } : {}) } }, {})).checks.find((c) => c.id === 'test-deploy');
    expect(await row({ file: 'ci/a-values.yaml' })).toMatchObject({
      status: 'pass',
      findings: [
        {
          severity: 'info',
          rule: 'test-deploy.ci-case',
          file: 'ci/a-values.yaml',
          message: 'Deployed with the values of the chart-testing case ci/a-values.yaml.',
          say: { key: 'report.testDeployCiCase', values: { file: 'ci/a-values.yaml' } },
        },
      ],
    });
    expect((await row({ file: 'ci/b-values.yaml', edited: true }))?.findings[0].say?.key).toBe('report.testDeployCiCaseEdited');
    expect((await row())?.findings).toEqual([]);
  });

  it('shows the chart’s tests of the latest test deploy: passed, failed with what the pod said, or none', async () => {
    const base = { version: 'ver1', release: 'web', namespace: 'demo', outcome: 'running' as const, at: '2026-01-01T00:00:00Z' };
    const helmTest = async (tests: TestSuiteRecord | undefined) =>
      (await buildReport({ ...subject(emqx('v4.0.2')), testDeploy: { ...base, ...(tests ? { tests } : {}) } }, {})).checks.find((c) => c.id === 'helm-test');
    expect(await helmTest({ outcome: 'passed', results: [{ name: 'web-test', phase: 'Succeeded' }] })).toMatchObject({
      status: 'pass',
      summary: 'The chart’s 1 test passed after the latest test deploy (release web in namespace demo).',
      summarySay: { key: 'report.helmTestPassed', values: { count: 1 } },
    });
    const failed = await helmTest({
      outcome: 'failed',
      error: 'resource Pod/demo/web-bad not ready. status: Failed, message: pod web-bad failed',
      results: [
        { name: 'web-ok', phase: 'Succeeded' },
        { name: 'web-bad', phase: 'Failed', log: 'wget (exit code 1): connection refused', logSource: 'termination-message' },
      ],
    });
    expect(failed).toMatchObject({
      status: 'fail',
      summary: '1 of 2 tests of the chart failed after the latest test deploy (release web in namespace demo): web-bad.',
    });
    expect(failed?.findings).toEqual([
      {
        severity: 'error',
        rule: 'helm.test',
        message: 'The test web-bad ended Failed. Its containers said: wget (exit code 1): connection refused',
        say: { key: 'report.helmTestFailedSaid', values: { name: 'web-bad', phase: 'Failed', log: 'wget (exit code 1): connection refused' } },
      },
    ]);
    expect(await helmTest({ outcome: 'none', results: [] })).toMatchObject({ status: 'warn', summarySay: { key: 'report.helmTestNone' } });
    const none = await buildReport(subject(emqx('v4.0.2')), {});
    expect(none.checks.find((c) => c.id === 'helm-test')).toMatchObject({ status: 'warn', summarySay: { key: 'report.helmTestNoDeploy' } });
  });

  it('says which checks it could not run instead of passing them', async () => {
    const report = await buildReport(subject(emqx('v4.0.2')), {});
    expect(report.checks.filter((c) => c.status === 'unavailable').map((c) => c.id)).toEqual(['lint', 'images', 'api-scan']);
  });

  it('fails the render-based checks when the chart does not render with its defaults', async () => {
    const pkg = chartTgz('broken', {
      'Chart.yaml': 'apiVersion: v2\nname: broken\nversion: 0.1.0\n',
      'values.yaml': 'name: null\n',
      'templates/cm.yaml': 'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: {{ required "name is required" .Values.name }}\n',
    });
    const report = await buildReport({ ...subject(pkg), kubeVersions: ['1.30'] }, { render: helmTemplateRenderer });
    expect(report.checks.find((c) => c.id === 'images')).toMatchObject({ status: 'fail' });
    expect(report.checks.find((c) => c.id === 'api-scan')?.summary).toMatch(/does not render.*1\.30.*name is required/);
  });

  it('finds schema problems in the default values', async () => {
    const pkg = chartTgz('typed', {
      'Chart.yaml': 'apiVersion: v2\nname: typed\nversion: 0.1.0\n',
      'values.yaml': 'replicas: three\n',
      'values.schema.json': '{"properties":{"replicas":{"type":"integer"}}}',
    });
    const report = await buildReport(subject(pkg), {});
    expect(report.checks.find((c) => c.id === 'values-schema')).toMatchObject({
      status: 'fail',
      findings: [{ path: 'replicas', rule: 'schema.type', file: 'values.yaml' }],
    });
  });

  it('exports Markdown with a table of checks and JSON with everything', async () => {
    const report = await buildReport(subject(emqx('v1.0.0-rc.1')), { render: helmTemplateRenderer });
    const v = view(report);
    v.checks[4] = {
      ...v.checks[4],
      effective: 'pass',
      waiver: {
        id: 'w1',
        version: 'ver1',
        check: 'test-deploy',
        reason: 'No cluster | yet',
        requestedBy: 'x',
        requestedByName: 'Iris',
        requestedAt: 'now',
        state: 'accepted',
      },
    };
    const md = reportToMarkdown(v);
    expect(md).toContain('# Pre-submission report: emqx v1.0.0-rc.1');
    expect(md).toContain(`Package sha256: \`${report.packageSha256}\``);
    expect(md).toMatch(
      /\| Latest test deploy \| ⚠️ warning \(waived\) \| No test deploy of this version has been recorded\. \| accepted: No cluster \\\| yet \|/,
    );
    expect(md).toContain('| `emqx/emqx:latest` | emqx/templates/StatefulSet.yaml |');
    const json = JSON.parse(reportToJson(v));
    expect(json.packageSha256).toBe(report.packageSha256);
    expect(json.checks).toHaveLength(7);
  });

  it('runs every ci/*-values.yaml as a chart-testing case: lint, render and schema validation, one row each', async () => {
    const deployment =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  replicas: {{ .Values.replicas }}\n' +
      '  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n' +
      '        ports:\n        - containerPort: {{ .Values.port }}\n';
    const pkg = chartTgz('matrix', {
      'Chart.yaml': 'apiVersion: v2\nname: matrix\nversion: 0.1.0\nicon: https://example.com/i.png\n',
      'values.yaml': 'replicas: 1\nport: 8080\n',
      'templates/deployment.yaml': deployment,
      'ci/a-values.yaml': 'replicas: 2\n',
      // a port given as a name where Kubernetes wants a number: renders, but the API server would refuse it
      'ci/b-values.yaml': 'port: http\n',
      'ci/notes.txt': 'not a case\n',
    });
    const report = await buildReport(subject(pkg), await chartToolkit(testEngine()));
    const rows = report.checks.filter((c) => c.kind === 'ci-values');
    expect(rows.map((c) => [c.id, c.status])).toEqual([
      ['ci:ci/a-values.yaml', 'pass'],
      ['ci:ci/b-values.yaml', 'fail'],
    ]);
    expect(rows[0].summary).toBe('ci/a-values.yaml: lint, render and the Kubernetes 1.29 schemas found nothing to fix.');
    expect(rows[1].summarySay).toEqual({ key: 'report.ciFound', values: { file: 'ci/b-values.yaml', kube: '1.29', errors: 1, warnings: 0 } });
    expect(rows[1].findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'schema.invalid',
        file: 'matrix/templates/deployment.yaml',
        path: 'spec.template.spec.containers[0].ports[0].containerPort',
      }),
    ]);
    expect(reportToMarkdown(view(report))).toContain('| Chart-testing case (ci values): ci/b-values.yaml | ❌ fail |');
  });
});
