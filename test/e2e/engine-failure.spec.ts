/**
 * A chart Helm's engine cannot render, on the review page: Ravi opens a version whose template
 * never ends (the engine's time limit set to 5 s through BERTH_ENGINE_TIMEOUT_S) and one whose
 * template calls `fail`. Each shows a plain sentence instead of a spinner or a stack trace, and
 * the page stays usable: another tab of the same version, and another version, work right after.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, base64, go } from './harness/api';
import { buildIfNeeded, removeDir, tempDir, type RunningBerth } from './harness/berth';
import type { OpenBrowser } from './harness/browser';
import { openBrowsers, startFolderStoreTeam, stopAfterFirstFailure, stopBerths } from './harness/team';
import { selectTab } from './harness/ui';

/** A chart package on disk whose one template is `template`. */
function chartWith(dir: string, name: string, template: string): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'templates'), { recursive: true });
  writeFileSync(join(root, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\ndescription: A chart Helm's engine cannot render.\n`);
  writeFileSync(join(root, 'values.yaml'), 'replicaCount: 1\n');
  writeFileSync(join(root, 'templates/cm.yaml'), template);
  const out = join(dir, `${name}-1.0.0.tgz`);
  execFileSync('tar', ['czf', out, '-C', dir, name]);
  return out;
}

const NEVER_ENDS = '{{ range $i := until 100000 }}{{ range $j := until 100000 }}{{ end }}{{ end }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: spin\n';
const FAILS = '{{ fail "replicaCount must be at least 3 for a quorum" }}\n';
const RENDERING = /^Rendering/;
const STACK = /goroutine|panic:|\.go:\d+|at [\w.]+ \(/;

describe('the review page when Helm\'s engine cannot render a version', () => {
  const storeDir = tempDir('engine-failure-store');
  const charts = tempDir('engine-failure-charts');
  let iris: RunningBerth;
  let ravi: RunningBerth;
  let browsers: OpenBrowser[] = [];
  let reviewer: Page;
  let good = '';
  let spin = '';
  let failing = '';

  beforeAll(async () => {
    buildIfNeeded();
    const env = { BERTH_ENGINE_TIMEOUT_S: '5' };
    let workspace = '';
    ({ iris, ravi, v1: good, workspace } = await startFolderStoreTeam(storeDir, env));
    spin = (await api(iris, 'app.create', { workspace, chart: base64(chartWith(charts, 'spin', NEVER_ENDS)) })).versions[0].id;
    failing = (await api(iris, 'app.create', { workspace, chart: base64(chartWith(charts, 'quorum', FAILS)) })).versions[0].id;
    for (const version of [good, spin, failing]) await api(iris, 'report.submit', { version, changelog: 'First version on Berth.', kubeVersions: ['1.29'] });
    await api(iris, 'catalog.sync', {});
    await api(ravi, 'catalog.sync', {});
    browsers = await openBrowsers([ravi.url], { width: 1440, height: 900 });
    reviewer = browsers[0].page;
    await reviewer.getByTestId('sync-indicator').waitFor();
  });

  stopAfterFirstFailure(() => [[reviewer, 'engine-failure-reviewer']]);

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await stopBerths([iris, ravi]);
    removeDir(storeDir);
    removeDir(charts);
  });

  it('1. a never-ending template: the manifests tab says the engine was stopped at the time limit, in a sentence', async () => {
    await go(reviewer, `#/review/version/${spin}`);
    await reviewer.getByRole('heading', { name: 'spin' }).waitFor();
    await selectTab(reviewer, 'Rendered manifests', { exact: true });
    const alert = reviewer.getByRole('tabpanel').getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toMatch(/Berth stopped Helm.s engine on chart .spin.: it ran longer than 5 seconds/);
    expect(text).not.toMatch(STACK);
    expect(await reviewer.getByRole('tabpanel').getByText(RENDERING).count()).toBe(0);
  });

  it('2. the page stays usable: the chart files of the same version, then another version\'s manifests', async () => {
    // the checks end too, with the same sentence, not a spinner
    await selectTab(reviewer, 'Checks', { exact: true });
    await reviewer.getByRole('tabpanel').getByText(/Berth stopped Helm.s engine on chart .spin./).first().waitFor();
    await selectTab(reviewer, 'Chart files', { exact: true });
    await reviewer.getByText('values.yaml').first().waitFor();
    await go(reviewer, `#/review/version/${good}`);
    await reviewer.getByRole('heading', { name: 'emqx' }).waitFor();
    await selectTab(reviewer, 'Rendered manifests', { exact: true });
    await reviewer.locator('.mantine-Accordion-item', { hasText: 'templates/StatefulSet.yaml' }).first().waitFor();
    expect(await reviewer.getByRole('tabpanel').getByRole('alert').count()).toBe(0);
  });

  it('3. a template that calls fail: the chart\'s own message, without a stack trace', async () => {
    await go(reviewer, `#/review/version/${failing}`);
    await reviewer.getByRole('heading', { name: 'quorum' }).waitFor();
    await selectTab(reviewer, 'Rendered manifests', { exact: true });
    const alert = reviewer.getByRole('tabpanel').getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('replicaCount must be at least 3 for a quorum');
    expect(text).not.toMatch(STACK);
    // and straight back to a version that renders
    await go(reviewer, `#/review/version/${good}`);
    await selectTab(reviewer, 'Rendered manifests', { exact: true });
    await reviewer.locator('.mantine-Accordion-item', { hasText: 'templates/StatefulSet.yaml' }).first().waitFor();
  });
});
