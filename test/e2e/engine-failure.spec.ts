/**
 * A chart Helm's engine cannot render, on the review page: Ravi opens a version whose template
 * never ends (the engine's time limit set to 5 s through BERTH_ENGINE_TIMEOUT_S) and one whose
 * template calls `fail`. Each shows a plain sentence instead of a spinner or a stack trace, and
 * the page stays usable: another tab of the same version, and another version, work right after.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, base64, go } from './harness/api';
import { tempDir } from './harness/berth';
import { teamSuite } from './harness/team-suite';
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
  const charts = tempDir('engine-failure-charts');
  let spin = '';
  let failing = '';
  const team = teamSuite({
    name: 'engine-failure',
    viewport: { width: 1440, height: 900 },
    env: { BERTH_ENGINE_TIMEOUT_S: '5' },
    dirs: [charts],
    browsers: ({ ravi }) => ({ reviewer: ravi.url }),
    // the team's EMQ X version (v1) renders; spin never ends; quorum fails on purpose
    async prepare({ iris, ravi, v1, workspace }) {
      spin = (await api(iris, 'app.create', { workspace, chart: base64(chartWith(charts, 'spin', NEVER_ENDS)) })).versions[0].id;
      failing = (await api(iris, 'app.create', { workspace, chart: base64(chartWith(charts, 'quorum', FAILS)) })).versions[0].id;
      for (const version of [v1, spin, failing]) await api(iris, 'report.submit', { version, changelog: 'First version on Berth.', kubeVersions: ['1.29'] });
      await api(iris, 'catalog.sync', {});
      await api(ravi, 'catalog.sync', {});
    },
  });

  beforeAll(async () => {
    await team.pages.reviewer.getByTestId('sync-indicator').waitFor();
  });

  it('1. a never-ending template: the manifests tab says the engine was stopped at the time limit, in a sentence', async () => {
    await go(team.pages.reviewer, `#/review/version/${spin}`);
    await team.pages.reviewer.getByRole('heading', { name: 'spin' }).waitFor();
    await selectTab(team.pages.reviewer, 'Rendered manifests', { exact: true });
    const alert = team.pages.reviewer.getByRole('tabpanel').getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toMatch(/Berth stopped Helm.s engine on chart .spin.: it ran longer than 5 seconds/);
    expect(text).not.toMatch(STACK);
    expect(await team.pages.reviewer.getByRole('tabpanel').getByText(RENDERING).count()).toBe(0);
  });

  it('2. the page stays usable: the chart files of the same version, then another version\'s manifests', async () => {
    // the checks end too, with the same sentence, not a spinner
    await selectTab(team.pages.reviewer, 'Checks', { exact: true });
    await team.pages.reviewer.getByRole('tabpanel').getByText(/Berth stopped Helm.s engine on chart .spin./).first().waitFor();
    await selectTab(team.pages.reviewer, 'Chart files', { exact: true });
    await team.pages.reviewer.getByText('values.yaml').first().waitFor();
    await go(team.pages.reviewer, `#/review/version/${team.v1}`);
    await team.pages.reviewer.getByRole('heading', { name: 'emqx' }).waitFor();
    await selectTab(team.pages.reviewer, 'Rendered manifests', { exact: true });
    await team.pages.reviewer.locator('.mantine-Accordion-item', { hasText: 'templates/StatefulSet.yaml' }).first().waitFor();
    expect(await team.pages.reviewer.getByRole('tabpanel').getByRole('alert').count()).toBe(0);
  });

  it('3. a template that calls fail: the chart\'s own message, without a stack trace', async () => {
    await go(team.pages.reviewer, `#/review/version/${failing}`);
    await team.pages.reviewer.getByRole('heading', { name: 'quorum' }).waitFor();
    await selectTab(team.pages.reviewer, 'Rendered manifests', { exact: true });
    const alert = team.pages.reviewer.getByRole('tabpanel').getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('replicaCount must be at least 3 for a quorum');
    expect(text).not.toMatch(STACK);
    // and straight back to a version that renders
    await go(team.pages.reviewer, `#/review/version/${team.v1}`);
    await selectTab(team.pages.reviewer, 'Rendered manifests', { exact: true });
    await team.pages.reviewer.locator('.mantine-Accordion-item', { hasText: 'templates/StatefulSet.yaml' }).first().waitFor();
  });
});
