import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chartValues, coalesce } from '../../../src-main/values/coalesce';
import { diffValues } from '../../../src-main/values/diff';
import { runHelm } from '../../services/helm';
import { corpusChart, CORPUS, FIXTURES, seedChart } from './charts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('coalescing values as Helm does', () => {
  it('lets the user win, merges maps, replaces lists and removes defaults set to null', () => {
    const defaults = { a: { b: 1, c: 2 }, list: [1, 2], gone: 'x' };
    expect(coalesce({ a: { b: 9 }, list: [3], gone: null }, defaults)).toEqual({ a: { b: 9, c: 2 }, list: [3] });
  });

  it('gives subcharts their section over their own defaults, with the parent globals', () => {
    const v = chartValues(corpusChart('wordpress-27.0.0.tgz'), { global: { storageClass: 'fast' }, mariadb: { auth: { database: 'blog' } } });
    const mariadb = v.mariadb as Record<string, Record<string, unknown>>;
    expect(mariadb.auth.database).toBe('blog');
    expect(mariadb.auth.username).toBe('bn_wordpress'); // the parent's override of the subchart default
    expect(mariadb.global.storageClass).toBe('fast');
  });

  // The oracle: `helm install --dry-run=client --debug` prints the values it computed.
  const cases: [string, string, string[], Record<string, unknown>][] = [
    [
      'emqx 4.0.2',
      join(FIXTURES, 'emqx-v4.0.2.tgz'),
      ['--set', 'replicaCount=5', '--set', 'ingress.annotations=null'],
      { replicaCount: 5, ingress: { annotations: null } },
    ],
    [
      'wordpress with subcharts',
      join(CORPUS, 'charts/wordpress-27.0.0.tgz'),
      ['--set', 'memcached.enabled=true', '--set', 'global.storageClass=fast'],
      { memcached: { enabled: true }, global: { storageClass: 'fast' } },
    ],
    [
      'prometheus with a disabled subchart',
      join(CORPUS, 'charts/prometheus-29.27.0.tgz'),
      ['--set', 'alertmanager.enabled=false'],
      { alertmanager: { enabled: false } },
    ],
  ];
  for (const [name, file, args, user] of cases) {
    it(`computes the same values as helm for ${name}`, async () => {
      const home = mkdtempSync(join(tmpdir(), 'berth-values-'));
      const run = await runHelm(['install', 'x', file, '--dry-run=client', '--debug', ...args], home);
      expect(run.status).toBe(0);
      const block = run.stdout.slice(run.stdout.indexOf('COMPUTED VALUES:\n') + 17, run.stdout.indexOf('\nHOOKS:'));
      const helm = parse(block, { version: '1.1' });
      const chart = file.includes('emqx') ? seedChart('v4.0.2') : corpusChart(file.split('/').pop()!);
      expect(diffValues(helm, chartValues(chart, user as never)).changes).toEqual([]);
    });
  }
});
