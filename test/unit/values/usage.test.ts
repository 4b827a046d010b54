import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readValueReads } from '../../../src-main/chart/value-reads';
import { loadValuesChartFromPackage } from '../../../src-main/values/chart-values';
import { chartSchemas, deprecatedSet, editDistance, judgeValues } from '../../../src-main/values/usage';
import { readFileSync } from 'node:fs';
import { CORPUS, FIXTURES } from './charts';
import { chartDir, WEB_CHART } from './usage-charts';

describe('values no template reads', () => {
  it('reports a misspelled key as read by no template, with the key it was meant to be', async () => {
    const reads = await readValueReads(chartDir(WEB_CHART));
    const findings = judgeValues(reads, { replicaCont: 2, replicaCount: 3, image: { tag: '1.28', tagg: 'x' } });
    expect(findings).toEqual([
      expect.objectContaining({ status: 'unused', pathText: 'replicaCont', suggestion: 'replicaCount', message: 'replicaCont is set, but no template reads it; did you mean replicaCount?' }),
      expect.objectContaining({ status: 'unused', pathText: 'image.tagg', suggestion: 'image.tag' }),
    ]);
  });

  it('says a key read only through index cannot be judged, never that it is unused', async () => {
    const reads = await readValueReads(chartDir(WEB_CHART));
    const findings = judgeValues(reads, { extra: { mode: 'b', other: 'c' } });
    expect(findings.map((f) => [f.pathText, f.status])).toEqual([
      ['extra.mode', 'not-judged'],
      ['extra.other', 'not-judged'],
    ]);
    expect(findings[0].message).toBe('Whether extra.mode is read cannot be told: templates/deployment.yaml reads extra through index.');
  });

  it('counts reads through with, range, $, toYaml and named templates', async () => {
    const reads = await readValueReads(chartDir(WEB_CHART));
    const user = { image: { repository: 'x', env: [{ name: 'A' }] }, service: { port: 8080 }, labels: { team: 'a' }, nameOverride: 'w' };
    expect(judgeValues(reads, user)).toEqual([]);
  });

  it('follows values into a subchart under its alias, and globals into every chart', async () => {
    const dir = chartDir({
      ...WEB_CHART,
      'Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - name: db\n    version: 1.0.0\n    alias: store\n    condition: store.enabled\n',
      'charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 1.0.0\n',
      'charts/db/templates/cm.yaml': 'kind: ConfigMap\ndata:\n  size: {{ .Values.size }}\n  region: {{ .Values.global.region }}\n',
    });
    const reads = await readValueReads(dir);
    const findings = judgeValues(reads, { store: { enabled: true, size: 3, sise: 4 }, global: { region: 'eu' } });
    expect(findings.map((f) => [f.pathText, f.status, f.suggestion])).toEqual([['store.sise', 'unused', 'store.size']]);
  });

  it('reads what values strings rendered with tpl read', async () => {
    const dir = chartDir({
      'Chart.yaml': 'apiVersion: v2\nname: t\nversion: 1.0.0\n',
      'values.yaml': 'annotation: ""\n',
      'templates/cm.yaml': 'kind: ConfigMap\ndata:\n  a: {{ tpl .Values.annotation . }}\n',
    });
    const reads = await readValueReads(dir);
    expect(reads.usesTpl).toBe(true);
    expect(judgeValues(reads, { annotation: '{{ .Values.owner.name }}', owner: { name: 'x' }, ownr: 1 }).map((f) => f.pathText)).toEqual(['ownr']);
  });

  it('analyses the seed chart from its package bytes', async () => {
    const bytes = readFileSync(join(FIXTURES, 'emqx-v1.0.0-rc.1.tgz'));
    const reads = await readValueReads(bytes);
    expect(reads.touched.length).toBeGreaterThan(5);
    expect(judgeValues(reads, { replicas: 2, replicaz: 3 }).map((f) => [f.pathText, f.status, f.suggestion])).toEqual([['replicaz', 'unused', 'replicas']]);
  });

  it('judges no default of a bitnami-style corpus chart as unused when templates hand maps on', async () => {
    // nginx passes many maps to bitnami common's named templates: those must be "not judged".
    const bytes = readFileSync(join(CORPUS, 'charts', 'nginx-22.1.1.tgz'));
    const reads = await readValueReads(bytes);
    const chart = loadValuesChartFromPackage(bytes);
    const unused = judgeValues(reads, chart.values).filter((f) => f.status === 'unused');
    expect(unused.map((f) => f.pathText)).toEqual([]);
  });

  it('measures edit distance', () => {
    expect(editDistance('replicaCont', 'replicaCount')).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('deprecated values', () => {
  it('finds values the schema marks deprecated, by flag or by description', () => {
    const chart = loadValuesChartFromPackage(readFileSync(join(FIXTURES, 'emqx-v4.0.2.tgz')));
    chart.schema = {
      type: 'object',
      properties: {
        replicas: { type: 'integer', deprecated: true, description: 'Deprecated: use replicaCount.' },
        image: { type: 'object', properties: { pullPolicy: { type: 'string', description: 'Deprecated since 4.0, set image.policy instead' } } },
        replicaCount: { type: 'integer' },
      },
    };
    expect(deprecatedSet(chartSchemas(chart), { replicas: 2, replicaCount: 2, image: { pullPolicy: 'Always' } }).map((d) => d.message)).toEqual([
      'replicas is deprecated: use replicaCount.',
      'image.pullPolicy is deprecated: since 4.0, set image.policy instead',
    ]);
  });
});
