import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../../src-main/render/render';
import { testEngine } from '../../services/engine';

const CHARTS = '/work/shared/fixtures/charts';
const HELM = '/work/shared/fixtures/helm';

describe('renderChart on the EMQ X seed charts', () => {
  for (const version of ['v1.0.0-rc.1', 'v4.0.2']) {
    it(`renders emqx-${version} byte for byte as helm template did`, async () => {
      const result = await renderChart({ path: `${CHARTS}/emqx-${version}.tgz` }, { releaseName: 'emqx', namespace: 'demo' }, testEngine());
      expect(result.output).toBe(readFileSync(`${HELM}/emqx-${version}.template.yaml`, 'utf8'));
    });
  }

  it('renders from package bytes as from a file, and lists each document', async () => {
    const bytes = readFileSync(`${CHARTS}/emqx-v4.0.2.tgz`);
    const result = await renderChart({ archive: bytes }, { releaseName: 'emqx', namespace: 'demo' }, testEngine());
    expect(result.output).toBe(readFileSync(`${HELM}/emqx-v4.0.2.template.yaml`, 'utf8'));
    expect(result.manifests.map((m) => `${m.source} ${m.kind}/${m.name}`)).toContain('emqx/templates/StatefulSet.yaml StatefulSet/emqx');
    const role = result.manifests.find((m) => m.kind === 'Role');
    expect(role?.apiVersion).toBe('rbac.authorization.k8s.io/v1beta1');
    expect(role?.namespace).toBe('demo');
  });

  it('applies --set and inline values over the defaults', async () => {
    const result = await renderChart(
      { path: `${CHARTS}/emqx-v4.0.2.tgz` },
      { releaseName: 'broker', namespace: 'iot', set: ['replicaCount=1'], valuesYaml: ['service:\n  type: LoadBalancer\n'] }, testEngine(),
    );
    const sts = result.manifests.find((m) => m.kind === 'StatefulSet');
    expect(sts?.content).toMatch(/replicas: 1\n/);
    expect(result.output).toMatch(/type: LoadBalancer/);
  });

  it('fails as helm fails, with helm\'s message', async () => {
    await expect(renderChart({ path: `${CHARTS}/emqx-v4.0.2.tgz` }, { set: ['replicaCount'] }, testEngine())).rejects.toMatchObject({
      code: 'chart.render-failed',
      message: 'failed parsing --set data: key "replicaCount" has no value',
    });
  });
});
