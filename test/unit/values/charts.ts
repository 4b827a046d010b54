/** The EMQ X seed charts and the conformance corpus, loaded for the values tests. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadValuesChartFromPackage, type ValuesChart } from '../../../src-main/values/chart-values';

export const FIXTURES = resolve(__dirname, '../../../../shared/fixtures/charts');
export const CORPUS = resolve(__dirname, '../../../../shared/corpus/render');

const cache = new Map<string, ValuesChart>();

export function seedChart(version: 'v1.0.0-rc.1' | 'v4.0.2'): ValuesChart {
  return load(join(FIXTURES, `emqx-${version}.tgz`));
}

export function corpusChart(file: string): ValuesChart {
  return load(join(CORPUS, 'charts', file));
}

function load(path: string): ValuesChart {
  let chart = cache.get(path);
  if (!chart) {
    chart = loadValuesChartFromPackage(readFileSync(path));
    cache.set(path, chart);
  }
  return chart;
}
