import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ChartRef } from '../../shared/types/chart';
import type { Services } from '../services';
import type { HandlerSlice } from './registry';

type ChartCalls = 'chart.inspect' | 'chart.files' | 'chart.render' | 'chart.lint' | 'chart.package' | 'chart.review' | 'chart.migrateApis' | 'chart.artifactHub';

const fromBase64 = (s: string): Uint8Array => Buffer.from(s, 'base64');
const toBase64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

/** A package given as bytes is linted from a private temp file, as `helm lint` reads archives from disk. */
async function withChartPath<T>(chart: ChartRef, run: (path: string) => Promise<T>): Promise<T> {
  if ('path' in chart) return run(chart.path);
  const { writeFileSync } = await import('node:fs');
  const dir = mkdtempSync(join(tmpdir(), 'berth-chart-'));
  try {
    const file = join(dir, 'chart.tgz');
    writeFileSync(file, fromBase64(chart.archiveBase64));
    return await run(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function packageBytes(chart: ChartRef): Promise<Uint8Array> {
  if ('archiveBase64' in chart) return fromBase64(chart.archiveBase64);
  const { statSync } = await import('node:fs');
  if (statSync(chart.path).isFile()) return readFileSync(chart.path);
  const { packageChart } = await import('../chart/package');
  const dir = mkdtempSync(join(tmpdir(), 'berth-chart-'));
  try {
    return readFileSync((await packageChart(chart.path, { destination: dir }, await engine())).path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The app renders in a worker thread so a long render never blocks the main process; loaded on first use. */
async function engine() {
  const { appEngine } = await import('../render/engine');
  return appEngine();
}

export function chartHandlers(services: Services): HandlerSlice<ChartCalls> {
  return {
    'chart.artifactHub': async ({ version }) => {
      const catalog = services.catalog;
      const v = await catalog.queries.version(version);
      const { readArtifactHub } = await import('../chart/artifacthub');
      const { readMetadataFromArchive } = await import('../chart/inspect');
      const { readChartArchive } = await import('../chart/archive');
      const bytes = fromBase64(catalog.queries.blob(v.package.sha256).base64);
      return readArtifactHub(readMetadataFromArchive(readChartArchive(bytes)).annotations);
    },
    'chart.inspect': async ({ archiveBase64 }) => (await import('../chart/inspect')).inspectChartPackage(fromBase64(archiveBase64)),
    'chart.files': async ({ chart }) => {
      const { archiveTree, folderTree } = await import('../chart/files');
      if ('archiveBase64' in chart) return archiveTree(fromBase64(chart.archiveBase64));
      const { statSync } = await import('node:fs');
      return statSync(chart.path).isFile() ? archiveTree(readFileSync(chart.path)) : folderTree(chart.path);
    },
    'chart.render': async ({ chart, options }) => {
      const { renderChart } = await import('../render/render');
      const source = 'path' in chart ? { path: chart.path } : { archive: fromBase64(chart.archiveBase64) };
      return renderChart(source, options ?? {}, await engine());
    },
    'chart.lint': async ({ chart, strict, valuesYaml, kubeVersion }) => {
      const { lintChart } = await import('../chart/lint');
      const e = await engine();
      return withChartPath(chart, (path) => lintChart([path], { strict, valuesYaml, kubeVersion }, e));
    },
    'chart.package': async ({ dir, destination, version, appVersion }) => {
      const { packageChart } = await import('../chart/package');
      const e = await engine();
      if (destination) {
        const r = await packageChart(dir, { destination, version, appVersion }, e);
        return { fileName: basename(r.path), archiveBase64: toBase64(readFileSync(r.path)), path: r.path };
      }
      const tmp = mkdtempSync(join(tmpdir(), 'berth-package-'));
      try {
        const r = await packageChart(dir, { destination: tmp, version, appVersion }, e);
        return { fileName: basename(r.path), archiveBase64: toBase64(readFileSync(r.path)) };
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
    'chart.review': async ({ chart, kubeVersion }) => {
      const { reviewChart } = await import('../review/chart-review');
      return reviewChart(await packageBytes(chart), { kubeVersion }, await engine());
    },
    'chart.migrateApis': async ({ chart, kubeVersion, version }) => {
      const { migrateRemovedApis } = await import('../chart/api-migration');
      const { archive, ...result } = migrateRemovedApis(await packageBytes(chart), { kubeVersion, version });
      return { ...result, archiveBase64: toBase64(archive) };
    },
  };
}
