/**
 * A Rancher-ready chart in Berth, in real Chromium against the Kubernetes harness: uploaded with
 * the CLI, its app-readme.md is the introduction, and the test deploy's values form is its
 * questions.yaml — grouped, typed, a subquestion appearing when its parent is switched on and a
 * show_if field when its condition holds — in English and Chinese.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { writeTgz } from '../../src-main/chart/tar-write';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS, ensureCluster } from '../cluster/harness';
import { api, go, switchLanguage } from './harness/api';
import { berthCli, buildIfNeeded, removeDir, startBerth, tempDir, type RunningBerth } from './harness/berth';
import { openBrowser, screenshot, type OpenBrowser } from './harness/browser';
import { settle } from './harness/ui';

const QUESTIONS = {
  questions: [
    { variable: 'replicaCount', label: 'Replicas', type: 'int', min: 1, max: 5, group: 'General' },
    { variable: 'service.type', label: 'Service type', type: 'enum', options: ['ClusterIP', 'NodePort'], group: 'Networking' },
    { variable: 'service.nodePort', label: 'Node port', type: 'int', show_if: 'service.type=NodePort', group: 'Networking' },
    {
      variable: 'persistence.enabled',
      label: 'Keep data',
      type: 'boolean',
      group: 'Storage',
      show_subquestion_if: true,
      subquestions: [{ variable: 'persistence.size', label: 'Volume size', type: 'string' }],
    },
  ],
};

function rancherChart(): Uint8Array {
  const files: Record<string, string> = {
    'Chart.yaml': 'apiVersion: v2\nname: ledger\nversion: 1.0.0\n',
    'values.yaml': 'replicaCount: 1\nservice:\n  type: ClusterIP\n  nodePort: 30080\npersistence:\n  enabled: false\n  size: 8Gi\n',
    'questions.yaml': stringify(QUESTIONS),
    'app-readme.md': '# Ledger\n\nDouble-entry bookkeeping for teams.\n',
    'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  size: {{ .Values.persistence.size | quote }}\n',
  };
  return writeTgz(Object.entries(files).map(([name, text]) => ({ name: `ledger/${name}`, data: new TextEncoder().encode(text) })));
}

describe('Rancher-ready charts: questions.yaml and app-readme.md', () => {
  const dataDir = tempDir('rq-data');
  let berth: RunningBerth;
  let browser: OpenBrowser;
  let app = '';

  beforeAll(async () => {
    buildIfNeeded();
    const cluster = await ensureCluster();
    const chart = join(dataDir, 'ledger-1.0.0.tgz');
    writeFileSync(chart, rancherChart());
    berthCli(dataDir, 'catalog', 'init', '--name', 'Rancher test', '--folder', tempDir('rq-store'));
    berthCli(dataDir, 'workspace', 'create', 'demo-workspace');
    app = (JSON.parse(berthCli(dataDir, 'app', 'create', '--chart', chart, '--workspace', 'demo-workspace', '--json')) as { id: string }).id;
    berth = await startBerth({ dataDir, env: { KUBECONFIG: cluster.kubeconfig } });
    browser = await openBrowser(berth.url, { width: 1400, height: 960 });
    browser.page.setDefaultTimeout(30_000);
  }, CLUSTER_START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await berth?.stop();
    removeDir(dataDir);
  });

  it(
    'shows app-readme.md as the introduction and the questions as the values form',
    async () => {
      const page = browser.page;
      await go(page, `#/my-apps/app/${app}`);
      expect((await api(berth, 'app.get', { app })).info.introduction).toBe('# Ledger\n\nDouble-entry bookkeeping for teams.');
      await page.locator('[data-version="1.0.0"]').getByRole('button', { name: 'Test deploy' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'Release name' }).fill('ledger-q');
      await dialog.getByRole('textbox', { name: 'Namespace' }).fill('default');
      await dialog.getByRole('button', { name: 'Next' }).click();
      await dialog.getByText('From questions.yaml').waitFor();
      for (const heading of ['General', 'Networking', 'Storage']) await dialog.getByRole('heading', { name: heading }).waitFor();
      expect(await dialog.locator('[data-path="replicaCount"]').count()).toBeGreaterThan(0);
      // hidden until their conditions hold
      expect(await dialog.locator('[data-path="persistence.size"]').count()).toBe(0);
      expect(await dialog.locator('[data-path="service.nodePort"]').count()).toBe(0);
      await dialog.getByTestId('values-yaml').fill('persistence:\n  enabled: true\nservice:\n  type: NodePort\n');
      await expect.poll(() => dialog.locator('[data-path="persistence.size"]').count()).toBeGreaterThan(0);
      await expect.poll(() => dialog.locator('[data-path="service.nodePort"]').count()).toBeGreaterThan(0);
      await settle(page);
      await screenshot(page, 'rancher-questions-en');
      await switchLanguage(berth, page, 'zh-CN');
      await dialog.getByText('来自 questions.yaml').waitFor();
      await screenshot(page, 'rancher-questions-zh-CN');
      await switchLanguage(berth, page, 'en');
    },
    CLUSTER_TEST_TIMEOUT_MS,
  );
});
