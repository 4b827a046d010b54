/**
 * The chart-testing matrix and the values checks as review evidence, in real Chromium against
 * the Kubernetes harness. Iris's app has an active 0.1.0 and a draft 0.2.0 with two
 * ci/*-values.yaml cases. She runs the upgrade test of 0.2.0 from My apps (0.1.0 installed, then
 * upgraded, as ct install --upgrade), then test-deploys 0.2.0 starting from ci/b-values.yaml —
 * the values form saying, as she types, which keys no template reads ("did you mean") and
 * which cannot be judged. Ravi's report shows the upgrade test passed, the test deploy naming
 * the case it deployed, and one row per case.
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
const namespaces = { upgrade: `web-up-${stamp}`, ci: `web-ci-${stamp}` };
const CASE_B = 'greeting: bonjour\n';

/** The web chart at `version`: a ConfigMap reading greeting (and extra through index) and a test pod that succeeds. */
function webChart(dir: string, version: string, ci: Record<string, string> = {}): string {
  const files: Record<string, string> = {
    'Chart.yaml': `apiVersion: v2\nname: web\nversion: ${version}\ndescription: A web page and its test.\n`,
    'values.yaml': 'greeting: hello\nextra: {}\n',
    'templates/configmap.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-web\ndata:\n' +
      `  index.html: {{ .Values.greeting | quote }}\n  mode: {{ index .Values.extra "mode" | default "a" | quote }}\n  version: "${version}"\n`,
    'templates/tests/test-connection.yaml':
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-test-connection\n  annotations:\n    helm.sh/hook: test\n' +
      "spec:\n  restartPolicy: Never\n  containers:\n  - name: wget\n    image: busybox:1.36\n    command: ['wget', '{{ .Release.Name }}-web:80']\n",
    ...Object.fromEntries(Object.entries(ci).map(([k, v]) => [`ci/${k}`, v])),
  };
  const root = join(dir, version);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'web', path)), { recursive: true });
    writeFileSync(join(root, 'web', path), text);
  }
  const out = join(dir, `web-${version}.tgz`);
  execFileSync('tar', ['czf', out, '-C', root, 'web']);
  return out;
}

describe('ci cases, the upgrade test and values no template reads, from My apps to the report (harness)', () => {
  const work = tempDir('ci-upgrade-charts');
  let v2 = '';
  const team = teamSuite({
    name: 'ci-upgrade',
    viewport: { width: 1400, height: 960 },
    cluster: true,
    chart: () => webChart(work, '0.1.0'),
    dirs: [work],
    namespaces: Object.values(namespaces),
    async prepare({ iris, ravi, app, v1 }) {
      await api(iris, 'report.submit', { version: v1, changelog: 'First release of web.' });
      await api(iris, 'catalog.sync', {});
      await api(ravi, 'catalog.sync', {});
      await api(ravi, 'version.approve', { version: v1 });
      await api(ravi, 'catalog.sync', {});
      await api(iris, 'catalog.sync', {});
      await api(iris, 'version.release', { version: v1 });
      v2 = (await api(iris, 'version.add', { app, chart: base64(webChart(work, '0.2.0', { 'a-values.yaml': 'greeting: hi\n', 'b-values.yaml': CASE_B })) })).id;
      await api(iris, 'catalog.sync', {});
    },
  });

  it(
    '1. Iris runs the upgrade test of 0.2.0 from My apps with ci/a-values.yaml: 0.1.0 is installed, upgraded to 0.2.0, and its tests pass',
    async () => {
      const page = team.pages.iris;
      await go(page, `#/my-apps/app/${team.app}`);
      await page.locator('[data-version="0.2.0"]').getByRole('button', { name: 'More actions for 0.2.0' }).click();
      await page.getByTestId('upgrade-test-action').click();
      const dialog = page.getByTestId('upgrade-test-dialog');
      await dialog.getByText('As chart-testing’s ct install --upgrade').waitFor();
      expect(await dialog.getByRole('textbox', { name: 'Upgrade from' }).inputValue()).toBe('0.1.0');
      await dialog.getByRole('textbox', { name: 'Release name' }).fill('web');
      await dialog.getByRole('textbox', { name: 'Namespace' }).fill(namespaces.upgrade);
      await dialog.getByRole('button', { name: `Create namespace ${namespaces.upgrade}` }).click();
      await dialog.getByText(`Namespace ${namespaces.upgrade} is ready.`).waitFor();
      // both versions deployed with one case's values, as ct install --upgrade runs a case
      await dialog.getByRole('textbox', { name: 'Start from a chart-testing case' }).click();
      await page.getByRole('option', { name: 'ci/a-values.yaml' }).click();
      await dialog.getByRole('button', { name: 'Run the upgrade test' }).click();
      const outcome = dialog.getByTestId('upgrade-test-outcome');
      await outcome.waitFor({ timeout: CLUSTER_TEST_TIMEOUT_MS });
      expect(await outcome.getAttribute('data-outcome')).toBe('passed');
      await outcome.getByText('Upgrading from 0.1.0 to 0.2.0 passed').waitFor();
      await screenshot(page, 'upgrade-test-passed-en');
      // helm's history: 0.1.0 superseded by 0.2.0
      const history = kubectl(team.cluster, ['get', 'secrets', '-n', namespaces.upgrade, '-l', 'owner=helm,name=web', '-o', 'jsonpath={.items[*].metadata.labels.status}']);
      expect(history.split(' ').sort()).toEqual(['deployed', 'superseded']);
      expect(kubectl(team.cluster, ['get', 'configmap', 'web-web', '-n', namespaces.upgrade, '-o', 'jsonpath={.data.index\\.html}'])).toBe('hi');
      await dialog.getByRole('button', { name: 'Close' }).click();
    },
    CLUSTER_TEST_TIMEOUT_MS * 3,
  );

  it(
    '2. Iris test-deploys 0.2.0 from the case ci/b-values.yaml; the form says which keys no template reads as she types',
    async () => {
      const page = team.pages.iris;
      await go(page, `#/my-apps/app/${team.app}`);
      await page.locator('[data-version="0.2.0"]').getByRole('button', { name: 'Test deploy' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Test deploy web 0.2.0').waitFor();
      await dialog.getByTestId('cluster-version').getByText(team.cluster.version).waitFor();
      await dialog.getByRole('textbox', { name: 'Release name' }).fill('web');
      await dialog.getByRole('textbox', { name: 'Namespace' }).fill(namespaces.ci);
      await dialog.getByRole('button', { name: `Create namespace ${namespaces.ci}` }).click();
      await dialog.getByText(`Namespace ${namespaces.ci} is ready.`).waitFor();
      await dialog.getByRole('button', { name: 'Next' }).click();
      await dialog.getByRole('textbox', { name: 'Start from a chart-testing case' }).click();
      await page.getByRole('option', { name: 'ci/b-values.yaml' }).click();
      const yaml = dialog.getByTestId('values-yaml');
      await expect.poll(() => yaml.inputValue()).toBe(CASE_B);
      // a typo and a key read only through index, typed into the YAML
      await yaml.fill(`${CASE_B}greting: salut\nextra:\n  mode: b\n`);
      const usage = dialog.getByTestId('values-usage');
      await usage.getByText('greting: read by no template; did you mean greeting?').waitFor();
      await usage.getByText('extra.mode: cannot be judged; templates/configmap.yaml reads extra dynamically (index)').waitFor();
      // and next to the form's field for extra (a map edited as a whole)
      expect(await dialog.getByTestId('value-usage-note').textContent()).toBe(
        'extra.mode: cannot be judged; templates/configmap.yaml reads extra dynamically (index)',
      );
      await dialog.getByTestId('ci-case-edited').waitFor();
      await screenshot(page, 'values-usage-as-you-type-en');
      // back to the case as it is: no warning, not edited
      await yaml.fill(CASE_B);
      await usage.waitFor({ state: 'detached' });
      await dialog.getByTestId('ci-case-edited').waitFor({ state: 'detached' });
      await dialog.getByTestId('values-valid').waitFor();
      await dialog.getByRole('button', { name: 'Next' }).click();
      await dialog.getByTestId('preflight-passed').waitFor({ timeout: 120_000 });
      await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
      const outcome = dialog.getByTestId('deploy-outcome');
      await outcome.waitFor({ timeout: CLUSTER_TEST_TIMEOUT_MS });
      expect(await outcome.getAttribute('data-outcome')).toBe('green');
      expect(kubectl(team.cluster, ['get', 'configmap', 'web-web', '-n', namespaces.ci, '-o', 'jsonpath={.data.index\\.html}'])).toBe('bonjour');
      await dialog.getByRole('button', { name: 'Close' }).click();
      // My apps' badge of the last test deploy names the case
      await page.locator('[data-version="0.2.0"]').getByTestId('last-test-deploy').hover();
      await page.getByRole('tooltip').getByText(/values of ci\/b-values\.yaml/).waitFor();
    },
    CLUSTER_TEST_TIMEOUT_MS * 2,
  );

  it(
    '3. Ravi’s report: the upgrade test passed, the test deploy names its case, one row per ci case',
    async () => {
      await api(team.iris, 'report.submit', { version: v2, changelog: 'Web 0.2.0.' });
      await api(team.iris, 'catalog.sync', {});
      await api(team.ravi, 'catalog.sync', {});
      const page = team.pages.ravi;
      await go(page, `#/review/version/${v2}`);
      await selectTab(page, 'Report');
      const row = (id: string) => page.locator(`[data-testid="report-check"][data-check="${id}"]`);
      await expect.poll(() => row('upgrade-test').getAttribute('data-status'), { timeout: 60_000 }).toBe('pass');
      await row('upgrade-test')
        .getByText(`Upgrading from 0.1.0 to this version on the test cluster (release web in namespace ${namespaces.upgrade}) succeeded.`)
        .waitFor();
      expect(await row('test-deploy').getAttribute('data-status')).toBe('pass');
      expect(await row('test-deploy').getByTestId('report-ci-case').textContent()).toBe('Deployed with the values of the chart-testing case ci/b-values.yaml.');
      expect(await row('ci:ci/a-values.yaml').getAttribute('data-status')).toBe('pass');
      expect(await row('ci:ci/b-values.yaml').getAttribute('data-status')).toBe('pass');
      await row('upgrade-test').scrollIntoViewIfNeeded();
      await screenshot(page, 'upgrade-test-report-en');
      await switchLanguage(team.ravi, page, 'zh-CN');
      await row('upgrade-test').getByText(`在测试集群上从 0.1.0 升级到此版本（命名空间 ${namespaces.upgrade} 中的 web）成功。`).waitFor();
      await row('test-deploy').getByTestId('report-ci-case').getByText('使用 chart-testing 用例 ci/b-values.yaml 的配置值部署。').waitFor();
      await screenshot(page, 'upgrade-test-report-zh-CN');
      await switchLanguage(team.ravi, page, 'en');
    },
    CLUSTER_TEST_TIMEOUT_MS,
  );
});
