/**
 * The chart's tests as review evidence, in real Chromium against the Kubernetes harness: Iris
 * test-deploys two apps from My apps — one whose test pod succeeds, one whose test pod fails
 * (kwok fails a pod annotated berth.test/outcome: fail) — and Ravi sees the "Chart tests (helm
 * test)" row of each submitted version's report: passed, and failed with what the pod said, in
 * English and Chinese.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLUSTER_TEST_TIMEOUT_MS } from '../cluster/harness';
import { kubectl } from '../unit/deploy/cluster-fixtures';
import { api, base64, go, switchLanguage } from './harness/api';
import { tempDir } from './harness/berth';
import { screenshot } from './harness/browser';
import { teamSuite } from './harness/team-suite';
import { selectTab } from './harness/ui';

const stamp = Date.now().toString(36);
const namespaces = { pass: `web-pass-${stamp}`, fail: `web-fail-${stamp}` };

/** A chart with a ConfigMap and one test pod (kwok fails it when `fails`). */
function webChart(dir: string, name: string, fails: boolean): string {
  const files: Record<string, string> = {
    'Chart.yaml': `apiVersion: v2\nname: ${name}\nversion: 0.1.0\ndescription: A web page and its test.\n`,
    'values.yaml': 'greeting: hello\n',
    'templates/configmap.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-web\ndata:\n  index.html: {{ .Values.greeting | quote }}\n',
    'templates/tests/test-connection.yaml':
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-test-connection\n  annotations:\n    helm.sh/hook: test\n' +
      (fails ? '    berth.test/outcome: fail\n    berth.test/message: "wget: server returned error: HTTP/1.1 503 Service Unavailable"\n' : '') +
      "spec:\n  restartPolicy: Never\n  containers:\n  - name: wget\n    image: busybox:1.36\n    command: ['wget', '{{ .Release.Name }}-web:80']\n",
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name, path)), { recursive: true });
    writeFileSync(join(dir, name, path), text);
  }
  const out = join(dir, `${name}-0.1.0.tgz`);
  execFileSync('tar', ['czf', out, '-C', dir, name]);
  return out;
}

describe('the chart’s tests after a test deploy from My apps, in the report (harness)', () => {
  const work = tempDir('helm-test-charts');
  const apps: Record<'pass' | 'fail', { app: string; version: string }> = { pass: { app: '', version: '' }, fail: { app: '', version: '' } };
  const team = teamSuite({
    name: 'helm-test',
    viewport: { width: 1400, height: 960 },
    cluster: true,
    dirs: [work],
    namespaces: Object.values(namespaces),
    async prepare({ iris, ravi, workspace }) {
      for (const kind of ['pass', 'fail'] as const) {
        const created = await api(iris, 'app.create', { workspace, chart: base64(webChart(work, `web-${kind}`, kind === 'fail')) });
        apps[kind] = { app: created.id, version: created.versions[0].id };
      }
      await api(iris, 'catalog.sync', {});
      await api(ravi, 'catalog.sync', {});
    },
  });

  async function testDeploy(kind: 'pass' | 'fail'): Promise<void> {
    const page = team.pages.iris;
    await go(page, `#/my-apps/app/${apps[kind].app}`);
    const row = page.locator('[data-version="0.1.0"]');
    await row.getByRole('button', { name: 'Test deploy' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`Test deploy web-${kind} 0.1.0`).waitFor();
    await dialog.getByTestId('cluster-version').getByText(team.cluster.version).waitFor();
    await dialog.getByRole('textbox', { name: 'Release name' }).fill('web');
    await dialog.getByRole('textbox', { name: 'Namespace' }).fill(namespaces[kind]);
    await dialog.getByRole('button', { name: `Create namespace ${namespaces[kind]}` }).click();
    await dialog.getByText(`Namespace ${namespaces[kind]} is ready.`).waitFor();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByTestId('values-valid').waitFor();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByTestId('preflight-passed').waitFor({ timeout: 120_000 });
    await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
    const outcome = dialog.getByTestId('deploy-outcome');
    await outcome.waitFor({ timeout: CLUSTER_TEST_TIMEOUT_MS });
    // the workloads are ready either way; the tests decide the report's row
    expect(await outcome.getAttribute('data-outcome')).toBe('green');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await api(team.iris, 'report.submit', { version: apps[kind].version, changelog: `First release of web-${kind}.` });
    await api(team.iris, 'catalog.sync', {});
  }

  async function reportRow(kind: 'pass' | 'fail') {
    await api(team.ravi, 'catalog.sync', {});
    const page = team.pages.ravi;
    await go(page, `#/review/version/${apps[kind].version}`);
    await selectTab(page, 'Report');
    return page.locator('[data-testid="report-check"][data-check="helm-test"]');
  }

  it(
    '1. a chart whose test pod succeeds: the test deploy runs it, and the reviewer’s report says it passed',
    async () => {
      await testDeploy('pass');
      const check = await reportRow('pass');
      await expect.poll(() => check.getAttribute('data-status'), { timeout: 60_000 }).toBe('pass');
      await check.getByText('Chart tests (helm test)').waitFor();
      await check.getByText(`The chart’s 1 test passed after the latest test deploy (release web in namespace ${namespaces.pass}).`).waitFor();
      // helm sees the run in the release
      expect(kubectl(team.cluster, ['get', 'pods', '-n', namespaces.pass, '-o', 'jsonpath={.items[*].status.phase}'])).toBe('Succeeded');
    },
    CLUSTER_TEST_TIMEOUT_MS * 2,
  );

  it(
    '2. a chart whose test pod fails: the report fails the row, names the test and shows what its pod said, in both languages',
    async () => {
      await testDeploy('fail');
      const check = await reportRow('fail');
      await expect.poll(() => check.getAttribute('data-status'), { timeout: 60_000 }).toBe('fail');
      await check
        .getByText(`1 of 1 tests of the chart failed after the latest test deploy (release web in namespace ${namespaces.fail}): web-test-connection.`)
        .waitFor();
      const log = check.getByTestId('helm-test-log');
      await log.waitFor();
      expect(await log.getAttribute('data-test')).toBe('web-test-connection');
      expect(await log.textContent()).toContain('wget (exit code 1): wget: server returned error: HTTP/1.1 503 Service Unavailable');
      await check.scrollIntoViewIfNeeded();
      await screenshot(team.pages.ravi, 'helm-test-report-failed-en');
      await switchLanguage(team.ravi, team.pages.ravi, 'zh-CN');
      await check.getByText('Chart 测试（helm test）').waitFor();
      await check.getByText(`最近一次测试部署（命名空间 ${namespaces.fail} 中的 web）之后，chart 的 1 个测试中有 1 个失败：web-test-connection。`).waitFor();
      await check.getByText('失败的测试输出').waitFor();
      await screenshot(team.pages.ravi, 'helm-test-report-failed-zh-CN');
      await switchLanguage(team.ravi, team.pages.ravi, 'en');
    },
    CLUSTER_TEST_TIMEOUT_MS * 2,
  );
});
