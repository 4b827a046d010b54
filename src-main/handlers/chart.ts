import type { Services } from '../services';
import { need } from './input';
import type { HandlerSlice } from './registry';

type ChartCalls =
  | 'chart.dependencies'
  | 'chart.buildDependencies'
  | 'chart.inspect'
  | 'chart.files'
  | 'chart.render'
  | 'chart.lint'
  | 'chart.package'
  | 'chart.review'
  | 'chart.migrateApis'
  | 'chart.artifactHub';

// Packages cross the contract as base64; the chart service works on bytes.
const toBase64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

export function chartHandlers(s: Services): HandlerSlice<ChartCalls> {
  return {
    'chart.artifactHub': ({ version }) => s.chart.artifactHub(version),
    'chart.dependencies': ({ packageBase64 }) => s.dependencies.check(Buffer.from(need(packageBase64, 'packageBase64'), 'base64')),
    'chart.buildDependencies': ({ packageBase64 }) => s.dependencies.build(Buffer.from(need(packageBase64, 'packageBase64'), 'base64')),
    'chart.inspect': ({ chart }) => s.chart.inspect(chart),
    'chart.files': ({ chart }) => s.chart.files(chart),
    'chart.render': ({ chart, options }) => s.chart.render(chart, options ?? {}),
    'chart.lint': ({ chart, strict, valuesYaml, kubeVersion }) => s.chart.lint(chart, { strict, valuesYaml, kubeVersion }),
    'chart.package': async ({ dir, destination, version, appVersion }) => {
      const { archive, ...rest } = await s.chart.package(dir, { destination, version, appVersion });
      return { ...rest, packageBase64: toBase64(archive) };
    },
    'chart.review': ({ chart, kubeVersion }) => s.chart.review(chart, kubeVersion),
    'chart.migrateApis': async ({ chart, kubeVersion, version }) => {
      const { archive, ...result } = await s.chart.migrateApis(chart, { kubeVersion, version });
      return { ...result, packageBase64: toBase64(archive) };
    },
  };
}
