/**
 * Deploying from the app, in real Chromium against the Kubernetes harness (test/cluster):
 * Iris (ISV and the catalog's admin) test-deploys the EMQ X draft from My apps; the
 * pre-flight refuses its rbac.authorization.k8s.io/v1beta1 objects, the API-migration quick
 * fix puts a fixed package on the draft, and the deploy turns green. Ravi (reviewer) sees the
 * outcome in the version's report, and then deploys the released version from the store with
 * a value changed in the schema form.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CLUSTER_TEST_TIMEOUT_MS } from '../cluster/harness';
import { kubectl } from '../unit/deploy/cluster-fixtures';
import { api, go, keepScreenshot, switchLanguage } from './harness/api';
import { englishInChinese } from './harness/language';
import { teamSuite } from './harness/team-suite';
import { selectTab } from './harness/ui';

const stamp = Date.now().toString(36);
const testNamespace = `emqx-test-${stamp}`;
const storeNamespace = `emqx-store-${stamp}`;
const DOC_SHOTS = ['deploy-preflight-en', 'deploy-preflight-zh-CN', 'deploy-green-en', 'deploy-values-en', 'deploy-timeout-en', 'deploy-timeout-zh-CN'];

/** Saves a screenshot under test-results/screenshots; the ones docs/ui.md shows are copied to docs/screenshots/<name>.png. */
const keep = (page: Page, name: string) => keepScreenshot(page, name, DOC_SHOTS);

describe('deploying from the app (test deploy from My apps, store deploy) on the Kubernetes harness', () => {
  const team = teamSuite({
    name: 'deploy',
    viewport: { width: 1400, height: 960 },
    cluster: true,
    namespaces: [testNamespace, storeNamespace],
    async prepare({ iris, ravi }) {
      await api(iris, 'catalog.sync', {});
      await api(ravi, 'catalog.sync', {});
    },
  });

  it(
    '1. Iris test-deploys the EMQ X draft: the pre-flight names rbac.authorization.k8s.io/v1beta1, the quick fix fixes the draft, and it turns green',
    async () => {
      const page = team.pages.iris;
      await go(page, `#/my-apps/app/${team.app}`);
      const row = page.locator('[data-version="v1.0.0-rc.1"]');
      await row.getByRole('button', { name: 'Test deploy' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Test deploy emqx v1.0.0-rc.1').waitFor();
      // where: the harness's current context, a new namespace created from the picker
      await dialog.getByTestId('cluster-version').getByText(team.cluster.version).waitFor();
      await dialog.getByRole('textbox', { name: 'Release name' }).fill('emqx-test');
      const ns = dialog.getByRole('textbox', { name: 'Namespace' });
      await ns.fill(testNamespace);
      await dialog.getByRole('button', { name: `Create namespace ${testNamespace}` }).click();
      await dialog.getByText(`Namespace ${testNamespace} is ready.`).waitFor();
      await keep(page, 'deploy-target-en');
      await dialog.getByRole('button', { name: 'Next' }).click();
      // values: the seed edits `namespace`
      const field = dialog.locator('input[data-path="namespace"]');
      await field.fill(testNamespace);
      await expect.poll(() => dialog.getByTestId('values-yaml').inputValue()).toContain(`namespace: ${testNamespace}`);
      await dialog.getByTestId('values-valid').waitFor();
      await dialog.getByRole('button', { name: 'Next' }).click();
      // pre-flight: refused, naming the removed API, with the quick fix
      const problems = dialog.getByTestId('preflight-problems');
      await problems.waitFor({ timeout: 120_000 });
      expect(await problems.textContent()).toContain('rbac.authorization.k8s.io/v1beta1');
      expect(await dialog.getByRole('button', { name: 'Deploy', exact: true }).isDisabled()).toBe(true);
      await keep(page, 'deploy-preflight-en');
      // the language menu sits behind the dialog: switch through the settings, as the menu does
      await switchLanguage(team.iris, page, 'zh-CN');
      await dialog.getByText('快速修复：将已移除的 API 改为替代版本').waitFor();
      await keep(page, 'deploy-preflight-zh-CN');
      // the refusals are said in Chinese too (the main side sends each one's key and values)
      expect(await problems.textContent()).toContain('Kubernetes 自 1.22 起已不再提供');
      expect(await englishInChinese(page)).toEqual([]);
      await switchLanguage(team.iris, page, 'en');
      await dialog.getByRole('button', { name: 'Fix the chart and check again' }).click();
      await dialog.getByTestId('quick-fix-note').getByText(/is now the draft’s package/).waitFor({ timeout: 120_000 });
      await dialog.getByTestId('preflight-passed').waitFor({ timeout: 120_000 });
      // install and wait: live status, then green
      await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
      const outcome = dialog.getByTestId('deploy-outcome');
      await outcome.waitFor({ timeout: CLUSTER_TEST_TIMEOUT_MS });
      expect(await outcome.getAttribute('data-outcome')).toBe('green');
      await dialog.getByTestId('release-health').getByText('StatefulSet emqx-test', { exact: true }).waitFor();
      await keep(page, 'deploy-green-en');
      await dialog.getByRole('button', { name: 'Close' }).click();
      const last = row.getByTestId('last-test-deploy');
      await last.waitFor();
      expect(await last.getAttribute('data-outcome')).toBe('running');
      await keep(page, 'deploy-versions-en');
      // the draft now carries the fixed package
      const files = await api(team.iris, 'version.package', { version: team.v1, purpose: 'test' });
      expect(Buffer.from(files.base64, 'base64').length).toBeGreaterThan(0);
      const releases = await api(team.iris, 'deploy.list', { target: { context: team.cluster.tokenContext }, namespace: testNamespace });
      expect(releases.map((r) => [r.name, r.status, r.labels['berth.dev/purpose']])).toEqual([['emqx-test', 'deployed', 'test']]);
    },
    CLUSTER_TEST_TIMEOUT_MS * 2,
  );

  it('2. Ravi sees the test deploy in the report of the submitted version', async () => {
    await api(team.iris, 'report.submit', { version: team.v1, changelog: 'First release of EMQ X on Berth.' });
    await api(team.iris, 'catalog.sync', {});
    await api(team.ravi, 'catalog.sync', {});
    const page = team.pages.ravi;
    await go(page, `#/review/version/${team.v1}`);
    await selectTab(page, 'Report');
    const check = page.locator('[data-testid="report-check"][data-check="test-deploy"]');
    await expect.poll(() => check.getAttribute('data-status'), { timeout: 60_000 }).toBe('pass');
    await check.getByText(/The latest test deploy \(release emqx-test in namespace emqx-test-/).waitFor();
    await check.scrollIntoViewIfNeeded();
    await keep(page, 'deploy-reviewer-report-en');
  });

  it(
    '3. Ravi deploys the released version from the store with a value changed in the form',
    async () => {
      await api(team.ravi, 'version.approve', { version: team.v1 });
      await api(team.ravi, 'catalog.sync', {});
      await api(team.iris, 'catalog.sync', {});
      await api(team.iris, 'version.release', { version: team.v1 });
      await api(team.iris, 'catalog.sync', {});
      await api(team.ravi, 'catalog.sync', {});
      const page = team.pages.ravi;
      await go(page, `#/store/app/${team.app}`);
      await page.getByRole('button', { name: 'Deploy' }).first().click();
      const dialog = page.getByRole('dialog');
      // the package and Helm command stay as the second option
      await dialog.getByRole('tab', { name: 'Package and Helm command' }).click();
      await dialog.getByText(/helm install emqx \.\/emqx-v1\.0\.0-rc\.1\.tgz/).waitFor();
      await dialog.getByRole('tab', { name: 'Deploy to a cluster' }).click();
      await dialog.getByTestId('cluster-version').waitFor();
      await dialog.getByRole('textbox', { name: 'Release name' }).fill('emqx-store');
      await dialog.getByRole('textbox', { name: 'Namespace' }).fill(storeNamespace);
      await dialog.getByRole('button', { name: 'Next' }).click();
      await dialog.locator('input[data-path="namespace"]').fill(storeNamespace);
      await dialog.locator('input[data-path="replicas"]').fill('1');
      await expect.poll(() => dialog.getByTestId('values-yaml').inputValue()).toContain('replicas: 1');
      await dialog.getByTestId('values-valid').waitFor();
      await keep(page, 'deploy-values-en');
      await dialog.getByRole('button', { name: 'Next' }).click();
      await dialog.getByTestId('preflight-passed').waitFor({ timeout: 120_000 });
      await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
      const outcome = dialog.getByTestId('deploy-outcome');
      await outcome.waitFor({ timeout: CLUSTER_TEST_TIMEOUT_MS });
      expect(await outcome.getAttribute('data-outcome')).toBe('green');
      await dialog.getByText('1 / 1 ready').waitFor();
      await keep(page, 'deploy-store-green-en');
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const detail = await api(team.ravi, 'deploy.get', { target: {}, namespace: storeNamespace, release: 'emqx-store' });
      expect(detail.status).toBe('deployed');
      expect(detail.labels['berth.dev/purpose']).toBe('store');
      expect(detail.values).toMatchObject({ replicas: 1, namespace: storeNamespace });
      // and the cluster agrees: one EMQ X pod, ready
      expect(kubectl(team.cluster, ['get', 'statefulset', 'emqx-store', '-n', storeNamespace, '-o', 'jsonpath={.status.readyReplicas}'])).toBe('1');
    },
    CLUSTER_TEST_TIMEOUT_MS * 2,
  );
  it(
    '4. a missing kubeconfig is said plainly, and a deploy whose pod never fits times out with the reason',
    async () => {
      const page = team.pages.ravi;
      await go(page, `#/store/app/${team.app}`);
      await page.getByRole('button', { name: 'Deploy' }).first().click();
      const dialog = page.getByRole('dialog');
      const file = dialog.getByRole('textbox', { name: 'Kubeconfig file' });
      await file.fill('/nonexistent/berth/kubeconfig');
      await dialog.getByRole('button', { name: 'Use this file' }).click();
      await dialog.getByText('No kubeconfig to deploy with').waitFor();
      // without a cluster the values form and the locally rendered manifests stay open (issue 16 point 2);
      // only the deploy step itself needs one (newcomer-ux.spec.ts walks that path)
      expect(await dialog.getByRole('button', { name: 'Next' }).isDisabled()).toBe(false);
      await file.fill('');
      await dialog.getByRole('button', { name: 'Use this file' }).click();
      await dialog.getByTestId('cluster-version').waitFor();
      // a name in use in the namespace is refused before anything is sent to the cluster
      await dialog.getByRole('textbox', { name: 'Namespace' }).fill(storeNamespace);
      await dialog.getByRole('textbox', { name: 'Release name' }).fill('emqx-store');
      await dialog.getByText(`${storeNamespace} already has a release named emqx-store`, { exact: false }).waitFor();
      expect(await dialog.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
      await dialog.getByRole('textbox', { name: 'Release name' }).fill('emqx-hungry');
      await dialog.getByRole('textbox', { name: 'Wait up to (seconds)' }).fill('20');
      await dialog.getByRole('button', { name: 'Next' }).click();
      // more CPU than any node has: the pod stays Pending (Unschedulable)
      await dialog.getByTestId('values-yaml').fill(`namespace: ${storeNamespace}\nreplicas: 1\nresources:\n  requests:\n    cpu: "64"\n`);
      await dialog.getByTestId('values-valid').waitFor();
      await dialog.getByRole('button', { name: 'Next' }).click();
      await dialog.getByTestId('preflight-passed').waitFor({ timeout: 120_000 });
      await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
      const outcome = dialog.getByTestId('deploy-outcome');
      await outcome.waitFor({ timeout: CLUSTER_TEST_TIMEOUT_MS });
      expect(await outcome.getAttribute('data-outcome')).toBe('timeout');
      expect(await outcome.textContent()).toMatch(/Insufficient cpu/);
      await keep(page, 'deploy-timeout-en');
      // issue 16: the readiness badges keep their labels ("0 / 1 ready", "Pending"), never cut
      const cut = await dialog.locator('[data-testid="workload-ready"], [data-testid="pod-phase"]').evaluateAll((els) =>
        els.filter((e) => {
          const label = e.querySelector('.mantine-Badge-label') ?? e;
          return label.scrollWidth > label.clientWidth + 1;
        }).map((e) => e.textContent),
      );
      expect(cut).toEqual([]);
      // and the reason is said in Chinese, Kubernetes' own words introduced as such
      await switchLanguage(team.ravi, page, 'zh-CN');
      expect(await outcome.textContent()).toMatch(/等待发布 emqx-hungry 就绪超时（\d+ 秒）。.*已就绪 0\/1。.*Kubernetes 的原话：.*Insufficient cpu/);
      await keep(page, 'deploy-timeout-zh-CN');
      await switchLanguage(team.ravi, page, 'en');
      const detail = await api(team.ravi, 'deploy.get', { target: {}, namespace: storeNamespace, release: 'emqx-hungry' });
      expect(detail.status).toBe('failed');
    },
    CLUSTER_TEST_TIMEOUT_MS * 2,
  );
});

