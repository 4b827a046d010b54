/** Direct comparisons with the real helm v4.1.4 for flags the corpus covers lightly. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readChartArchive } from '../../../src-main/chart/archive';
import { packageChart } from '../../../src-main/chart/package';
import { templateRequest } from '../../../src-main/render/render';
import { runHelm } from '../../services/helm';
import { testEngine } from '../../services/engine';

const RENDER = '/work/shared/corpus/render';
const work = mkdtempSync(join(tmpdir(), 'berth-oracle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function both(args: string[], options: Parameters<typeof templateRequest>[1], chart: string) {
  const helm = await runHelm(['template', ...args], join(work, 'home'), { cwd: RENDER });
  const reply = await testEngine().call('template', { ...templateRequest(chart, options), args: options.releaseName ? [options.releaseName, chart] : [chart] });
  return { helm, berth: { stdout: new TextDecoder().decode(reply.stdout), error: reply.error } };
}

describe('berth template against helm template', () => {
  it('--show-only with a glob and --no-hooks', async () => {
    const chart = join(RENDER, 'charts/jenkins-5.9.53.tgz');
    // a fixed admin password: the chart generates a random one otherwise
    const { helm, berth } = await both(
      ['jenkins', chart, '--show-only', 'templates/*.yaml', '--no-hooks', '--set', 'controller.admin.password=pw'],
      { releaseName: 'jenkins', showOnly: ['templates/*.yaml'], noHooks: true, set: ['controller.admin.password=pw'] },
      chart,
    );
    expect(helm.status, helm.stderr).toBe(0);
    expect(berth.stdout).toBe(helm.stdout);
  });

  it("a missing --show-only template fails with helm's message", async () => {
    const chart = join(RENDER, 'charts/emqx-v4.0.2.tgz');
    const { helm, berth } = await both([chart, '--show-only', 'templates/nope.yaml'], { showOnly: ['templates/nope.yaml'] }, chart);
    expect(helm.status).toBe(1);
    expect(`Error: ${berth.error}\n`).toBe(helm.stderr);
  });

  it('--is-upgrade, --api-versions lists and --kube-version', async () => {
    const chart = join(RENDER, 'charts/ingress-nginx-4.15.1.tgz');
    const flags = ['--is-upgrade', '--api-versions', 'monitoring.coreos.com/v1,autoscaling.k8s.io/v1', '--kube-version', 'v1.28.3'];
    const { helm, berth } = await both(
      ['edge', chart, ...flags],
      { releaseName: 'edge', isUpgrade: true, apiVersions: ['monitoring.coreos.com/v1,autoscaling.k8s.io/v1'], kubeVersion: 'v1.28.3' },
      chart,
    );
    expect(helm.status, helm.stderr).toBe(0);
    expect(berth.stdout).toBe(helm.stdout);
  });
});

describe('packageChart against helm package', () => {
  it('writes the same entries with the same contents, honouring .helmignore', async () => {
    const src = '/work/shared/corpus/package/src/helmignore-demo';
    const helmOut = join(work, 'helm-out');
    const helm = await runHelm(['package', src, '-d', helmOut], join(work, 'home'));
    expect(helm.status, helm.stderr).toBe(0);
    const ours = await packageChart(src, { destination: join(work, 'berth-out'), version: undefined }, testEngine());
    const name = ours.path.split('/').pop()!;
    const theirs = readChartArchive(readFileSync(join(helmOut, name)));
    const mine = readChartArchive(readFileSync(ours.path));
    const digest = (a: typeof mine) => a.files.map((f) => `${f.path} ${Buffer.from(f.data).toString('base64')}`).sort();
    expect(digest(mine)).toEqual(digest(theirs));
    expect(ours.output).toBe(`Successfully packaged chart and saved it to: ${ours.path}\n`);
  });

  it('applies --version and --app-version as helm does', async () => {
    const src = '/work/shared/corpus/package/src/seed-emqx-v1';
    const r = await packageChart(src, { destination: join(work, 'v'), version: '1.2.3', appVersion: '9.9' }, testEngine());
    expect(r.path).toBe(join(work, 'v', 'emqx-1.2.3.tgz'));
    const chartYaml = new TextDecoder().decode(readChartArchive(readFileSync(r.path)).files.find((f) => f.path === 'Chart.yaml')!.data);
    expect(chartYaml).toMatch(/^appVersion: "9.9"$/m);
    expect(chartYaml).toMatch(/^version: 1\.2\.3$/m);
    await expect(packageChart(src, { destination: join(work, 'v'), version: 'one' }, testEngine())).rejects.toMatchObject({
      code: 'chart.invalid',
      message: 'invalid semantic version',
    });
  });
});
