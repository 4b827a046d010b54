import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { valuesUsage } from '../../../src-main/chart/value-reads';
import { loadValuesChartFromPackage } from '../../../src-main/values/chart-values';
import { CORPUS, FIXTURES } from './charts';
import { chartDir, WEB_CHART } from './usage-charts';
import { testEngine } from '../../services/engine';

const web = chartDir(WEB_CHART);

describe('values no template reads', () => {
  it('reports a misspelled key as read by no template, with the key it was meant to be', async () => {
    const { findings } = await valuesUsage(web, { replicaCont: 2, replicaCount: 3, image: { tag: '1.28', tagg: 'x' } }, testEngine());
    expect(findings).toEqual([
      expect.objectContaining({ status: 'unused', pathText: 'image.tagg', suggestion: 'image.tag' }),
      expect.objectContaining({
        status: 'unused',
        pathText: 'replicaCont',
        suggestion: 'replicaCount',
        message: 'replicaCont is set, but no template reads it; did you mean replicaCount?',
      }),
    ]);
  });

  it('says a key read only through index cannot be judged, never that it is unused', async () => {
    const { findings } = await valuesUsage(web, { extra: { mode: 'b', other: 'c' } }, testEngine());
    expect(findings.map((f) => [f.pathText, f.status])).toEqual([
      ['extra.mode', 'not-judged'],
      ['extra.other', 'not-judged'],
    ]);
    expect(findings[0].message).toBe('Whether extra.mode is read cannot be told: templates/deployment.yaml reads extra through index.');
  });

  it('counts reads through with, range, $, toYaml and named templates', async () => {
    const user = { image: { repository: 'x', env: [{ name: 'A' }] }, service: { port: 8080 }, labels: { team: 'a' }, nameOverride: 'w' };
    expect((await valuesUsage(web, user, testEngine())).findings).toEqual([]);
  });

  it("takes values as Helm's flags give them", async () => {
    const { findings } = await valuesUsage(web, { set: ['replicaCont=2,service.port=1'] }, testEngine());
    expect(findings.map((f) => f.pathText)).toEqual(['replicaCont']);
  });

  it('follows values into a subchart under its alias, and globals into every chart', async () => {
    const dir = chartDir({
      ...WEB_CHART,
      'Chart.yaml':
        'apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - name: db\n    version: 1.0.0\n    alias: store\n    condition: store.enabled\n',
      'charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 1.0.0\n',
      'charts/db/templates/cm.yaml': 'kind: ConfigMap\ndata:\n  size: {{ .Values.size }}\n  region: {{ .Values.global.region }}\n',
    });
    const { findings } = await valuesUsage(dir, { store: { enabled: true, size: 3, sise: 4 }, global: { region: 'eu' } }, testEngine());
    expect(findings.map((f) => [f.pathText, f.status, f.suggestion])).toEqual([['store.sise', 'unused', 'store.size']]);
  });

  it('reads what values strings rendered with tpl read', async () => {
    const dir = chartDir({
      'Chart.yaml': 'apiVersion: v2\nname: t\nversion: 1.0.0\n',
      'values.yaml': 'annotation: ""\n',
      'templates/cm.yaml': 'kind: ConfigMap\ndata:\n  a: {{ tpl .Values.annotation . }}\n',
    });
    const { findings } = await valuesUsage(dir, { annotation: '{{ .Values.owner.name }}', owner: { name: 'x' }, ownr: 1 }, testEngine());
    expect(findings.map((f) => f.pathText)).toEqual(['ownr']);
  });

  it('analyses the seed chart from its package bytes', async () => {
    const { findings } = await valuesUsage(readFileSync(join(FIXTURES, 'emqx-v1.0.0-rc.1.tgz')), { replicas: 2, replicaz: 3 }, testEngine());
    expect(findings.map((f) => [f.pathText, f.status, f.suggestion])).toEqual([['replicaz', 'unused', 'replicas']]);
  });

  it('judges no default of a bitnami-style corpus chart as unused when templates hand maps on', async () => {
    // nginx passes many maps to bitnami common's named templates: those must be "not judged".
    const bytes = readFileSync(join(CORPUS, 'charts', 'nginx-22.1.1.tgz'));
    const { findings } = await valuesUsage(bytes, loadValuesChartFromPackage(bytes).values, testEngine());
    expect(findings.filter((f) => f.status === 'unused').map((f) => f.pathText)).toEqual([]);
    expect(findings.filter((f) => f.status === 'not-judged').length).toBeGreaterThan(10);
  });
});

describe('deprecated values', () => {
  it('finds values the schema marks deprecated, by flag or by description', async () => {
    const schema = {
      type: 'object',
      properties: {
        replicas: { type: 'integer', deprecated: true, description: 'Deprecated: use replicaCount.' },
        image: { type: 'object', properties: { pullPolicy: { type: 'string', description: 'Deprecated since 4.0, set image.policy instead' } } },
        replicaCount: { type: 'integer' },
        old: { type: 'string', deprecated: true },
      },
    };
    const dir = chartDir({ ...WEB_CHART, 'values.schema.json': JSON.stringify(schema) });
    const { deprecated } = await valuesUsage(dir, { replicas: 2, replicaCount: 2, image: { pullPolicy: 'Always' }, old: 'x' }, testEngine());
    expect(deprecated.map((d) => d.message)).toEqual([
      'image.pullPolicy is deprecated: since 4.0, set image.policy instead',
      'old is deprecated.',
      'replicas is deprecated: use replicaCount.',
    ]);
  });
});
