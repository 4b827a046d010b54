/**
 * Release records and release output as helm v4.1.4 writes them, checked offline: Go's times,
 * the chart's modtimes and dependencies in the record, the labels Helm's driver writes, and
 * helm's printers. The cluster tests compare the same against the real helm.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readChartArchive } from '../../../src-main/chart/archive';
import { listReleases } from '../../../src-main/cli/commands/deploy';
import { printHistory, printList, printValues, uitable } from '../../../src-main/cli/commands/release-output';
import { goAnsic, goNow, goTimeString } from '../../../src-main/deploy/go-time';
import { goJson } from '../../../src-main/deploy/go-json';
import { helmChartFromArchive, markEnabledDependencies } from '../../../src-main/deploy/helm-chart';
import { decodeRelease, encodeRelease, releaseSecret, type HelmRelease } from '../../../src-main/deploy/release-record';

const TESTCHARTS = join(__dirname, '../../../../shared/peer/helm-v4.1.4/pkg/cmd/testdata/testcharts');

function rel(name: string, version: number, status: HelmRelease['info']['status'], last: string, namespace = 'default'): HelmRelease {
  return {
    name,
    namespace,
    version,
    info: { last_deployed: last, status, description: 'Install complete' },
    chart: {
      metadata: { name: 'test', version: '0.1.0', appVersion: '1.0' },
      lock: null,
      templates: null,
      values: { a: 1 },
      schema: null,
      schemamodtime: '0001-01-01T00:00:00Z',
      files: null,
    },
    config: {},
  };
}

describe('times as Go writes and prints them', () => {
  it('stamps nanoseconds and drops trailing zeros of the fraction', () => {
    process.env.TZ = 'UTC';
    expect(goNow(new Date('2026-12-03T03:05:01.120Z'), 450_000)).toBe('2026-12-03T03:05:01.12045Z');
    expect(goNow(new Date('2026-12-03T03:05:01.000Z'), 0)).toBe('2026-12-03T03:05:01Z');
    expect(goNow()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/);
  });

  it('prints time.Time.String() for list and time.ANSIC for history', () => {
    expect(goTimeString('2026-12-03T03:05:01.123456789Z')).toBe('2026-12-03 03:05:01.123456789 +0000 UTC');
    expect(goTimeString('2026-12-03T11:05:01.5+08:00')).toBe('2026-12-03 11:05:01.5 +0800 +0800');
    expect(goAnsic('2026-12-03T03:05:01.123456789Z')).toBe('Thu Dec  3 03:05:01 2026');
  });
});

describe('the release record', () => {
  it("keeps each file's modtime and the chart's, as Helm's loader reads them from the package", () => {
    const chart = helmChartFromArchive(readChartArchive(readFileSync(join(TESTCHARTS, 'test1-0.1.0.tgz'))));
    expect(chart.modtime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[-+]\d\d:\d\d)$/);
    for (const f of [...(chart.templates ?? []), ...(chart.files ?? [])]) expect(f.modtime).toMatch(/^\d{4}-/);
  });

  it('marks dependencies enabled by their conditions and tags, alias as name, and drops the disabled', () => {
    const chart = helmChartFromArchive(readChartArchive(readFileSync(join(TESTCHARTS, 'reqtest-0.1.0.tgz'))));
    chart.metadata.dependencies = [
      { name: 'a', version: '1', repository: '', condition: 'a.enabled' },
      { name: 'b', version: '1', repository: '', tags: ['front'] },
      { name: 'c', version: '1', repository: '', alias: 'cee' },
    ];
    markEnabledDependencies(chart, { a: { enabled: false }, tags: { front: false } });
    expect(chart.metadata.dependencies).toEqual([{ name: 'cee', version: '1', repository: '', alias: 'cee', enabled: true }]);
  });

  it("writes Go's JSON (escaped markup, sorted config) and reads back the same", () => {
    const r = rel('web', 1, 'deployed', '2026-12-03T03:05:01.123456789Z');
    r.config = { z: 1, a: '<b>&' };
    const back = decodeRelease(encodeRelease(r));
    expect(Object.keys(back.config ?? {})).toEqual(['a', 'z']);
    expect(goJson({ a: '<b>&' })).toBe('{"a":"\\u003cb\\u003e\\u0026"}');
  });

  it("carries the labels it was read with and stamps createdAt or modifiedAt as Helm's driver does", () => {
    const r = rel('web', 2, 'superseded', '2026-12-03T03:05:01Z');
    const s = releaseSecret(
      r,
      'modifiedAt',
      { createdAt: '100', modifiedAt: '150', name: 'web', owner: 'helm', status: 'deployed', version: '2', team: 'a' },
      new Date(200_000),
    );
    expect(s.metadata.labels).toEqual({ createdAt: '100', modifiedAt: '200', name: 'web', owner: 'helm', status: 'superseded', version: '2', team: 'a' });
  });
});

describe("helm's printers", () => {
  it('pads every uitable cell, the last too', () => {
    expect(
      uitable([
        ['NAME', 'X'],
        ['a', 'long'],
      ]),
    ).toBe('NAME\tX   \na   \tlong\n');
  });

  it("lists the latest revision per release with helm's field names", () => {
    const all = [
      rel('b', 1, 'superseded', '2026-12-03T03:05:01Z'),
      rel('b', 2, 'deployed', '2026-12-03T03:06:01.5Z'),
      rel('a', 1, 'failed', '2026-12-03T03:07:01Z'),
    ].map((release) => ({ release, labels: {} }));
    const shown = listReleases(all, { statuses: [], offset: 0, max: 256 });
    expect(printList(shown, 'json')).toBe(
      '[{"name":"a","namespace":"default","revision":"1","updated":"2026-12-03 03:07:01 +0000 UTC","status":"failed","chart":"test-0.1.0","app_version":"1.0"},' +
        '{"name":"b","namespace":"default","revision":"2","updated":"2026-12-03 03:06:01.5 +0000 UTC","status":"deployed","chart":"test-0.1.0","app_version":"1.0"}]\n',
    );
    expect(listReleases(all, { statuses: ['superseded'], offset: 0, max: 256 }).map((r) => `${r.name}.${r.version}`)).toEqual(['b.1']);
    expect(printList(shown, 'table', { short: true })).toBe('a\nb\n');
  });

  it('keeps the newest revisions with history --max', () => {
    const h = [1, 2, 3].map((v) => rel('b', v, v === 3 ? 'deployed' : 'superseded', `2026-12-03T03:0${v}:00Z`));
    expect(printHistory(h, 'yaml', 2)).toBe(
      '- app_version: "1.0"\n  chart: test-0.1.0\n  description: Install complete\n  revision: 2\n  status: superseded\n  updated: "2026-12-03T03:02:00Z"\n' +
        '- app_version: "1.0"\n  chart: test-0.1.0\n  description: Install complete\n  revision: 3\n  status: deployed\n  updated: "2026-12-03T03:03:00Z"\n',
    );
  });

  it('prints values as helm get values does, computed with --all', () => {
    const r = rel('b', 1, 'deployed', '2026-12-03T03:05:01Z');
    expect(printValues(r, 'json', false)).toBe('null\n');
    r.config = { b: { c: 2 } };
    expect(printValues(r, 'json', true)).toBe('{"a":1,"b":{"c":2}}\n');
    expect(printValues(r, 'table', false)).toBe('USER-SUPPLIED VALUES:\nb:\n  c: 2\n');
  });
});
