import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectChartPackage } from '../../../src-main/chart/inspect';
import { chartTgz } from './tar-builder';

const FIXTURES = '/work/shared/fixtures/charts';

describe('inspectChartPackage', () => {
  it('reads the EMQ X seed chart v4.0.2', async () => {
    const summary = await inspectChartPackage(readFileSync(`${FIXTURES}/emqx-v4.0.2.tgz`));
    expect(summary).toEqual({
      apiVersion: 'v2',
      name: 'emqx',
      version: 'v4.0.2',
      appVersion: 'v4.0.2',
      description: 'A Helm chart for EMQ X',
      type: 'application',
      keywords: [],
      maintainers: [],
      sources: [],
      deprecated: false,
      annotations: {},
      dependencies: [],
    });
  });

  it('reads the EMQ X seed chart v1.0.0-rc.1', async () => {
    const summary = await inspectChartPackage(readFileSync(`${FIXTURES}/emqx-v1.0.0-rc.1.tgz`));
    expect(summary.name).toBe('emqx');
    expect(summary.version).toBe('v1.0.0-rc.1');
  });

  it('reads dependencies, maintainers, annotations and the library type', async () => {
    const chartYaml = [
      'apiVersion: v2',
      'name: demo',
      'version: 1.2.3',
      'type: library',
      'icon: https://example.com/i.png',
      'maintainers: [{name: Ann, email: ann@example.com}]',
      'annotations: {category: IoT}',
      'dependencies:',
      '  - {name: redis, version: 1.x.x, repository: https://charts.example.com, condition: redis.enabled, alias: cache}',
      '',
    ].join('\n');
    const summary = await inspectChartPackage(chartTgz([], chartYaml));
    expect(summary.type).toBe('library');
    expect(summary.icon).toBe('https://example.com/i.png');
    expect(summary.maintainers).toEqual([{ name: 'Ann', email: 'ann@example.com' }]);
    expect(summary.annotations).toEqual({ category: 'IoT' });
    expect(summary.dependencies).toEqual([
      { name: 'redis', version: '1.x.x', repository: 'https://charts.example.com', condition: 'redis.enabled', alias: 'cache' },
    ]);
  });

  it('treats a Chart.yaml without apiVersion as v1, as Helm does', async () => {
    const summary = await inspectChartPackage(chartTgz([], 'name: demo\nversion: 1.0.0\n'));
    expect(summary.apiVersion).toBe('v1');
  });

  it('refuses a version that is not SemVer', async () => {
    await expect(inspectChartPackage(chartTgz([], 'apiVersion: v2\nname: demo\nversion: one\n'))).rejects.toMatchObject({
      code: 'chart.invalid',
      message: 'Chart.yaml: chart.metadata.version "one" is invalid',
    });
  });

  it('names the file and line of a YAML syntax error', async () => {
    await expect(inspectChartPackage(chartTgz([], 'apiVersion: v2\nname: demo\nversion: [1.0\n'))).rejects.toMatchObject({
      code: 'chart.invalid',
      message: expect.stringMatching(/^Chart\.yaml:\d+: /),
    });
  });

  it('refuses a package without Chart.yaml', async () => {
    const { tgzOf } = await import('./tar-builder');
    await expect(inspectChartPackage(tgzOf([{ name: 'demo/values.yaml', data: 'a: 1\n' }]))).rejects.toMatchObject({ code: 'chart.invalid' });
  });
});
