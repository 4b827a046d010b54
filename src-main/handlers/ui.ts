import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, normalize, sep } from 'node:path';
import { readChartArchive } from '../chart/archive';
import { inspectChartPackage } from '../chart/inspect';
import { lintChart } from '../chart/lint';
import { packageChart } from '../chart/package';
import { renderChart } from '../render/render';
import type { Services } from '../services';
import { BerthFailure } from '../../shared/result';
import type { ChartFileView, ChartFinding, FolderFile } from '../../shared/types/ui';
import type { HandlerSlice } from './registry';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const SEVERITY = { ERROR: 'error', WARNING: 'warning', INFO: 'info' } as const;

type UiCall = 'ui.chartFiles' | 'ui.renderVersion' | 'ui.checkChart' | 'ui.packageFolder';

/** Work on disk for Helm's lint and package, which read paths; removed afterwards. */
async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-ui-'));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Compositions of existing services (catalog, chart archive, render engine) that only the renderer needs. */
export function uiHandlers(services: Services): HandlerSlice<UiCall> {
  /** The package bytes of a version: active versions for everyone, other states for the app's isvs and reviewers. */
  async function versionBytes(version: string): Promise<{ bytes: Buffer; fileName: string }> {
    const queries = services.catalog.queries;
    const purpose = (await queries.version(version)).state === 'active' ? 'store' : 'test';
    const pkg = await queries.versionPackage(version, purpose);
    return { bytes: Buffer.from(pkg.base64, 'base64'), fileName: pkg.fileName };
  }

  return {
    'ui.chartFiles': async ({ version }) => {
      const { bytes, fileName } = await versionBytes(version);
      return readChartArchive(bytes, { label: fileName }).files.map((f): ChartFileView => {
        try {
          return { path: f.path, size: f.data.length, text: strictUtf8.decode(f.data) };
        } catch {
          return { path: f.path, size: f.data.length };
        }
      });
    },

    'ui.renderVersion': async ({ version }) => {
      const { bytes } = await versionBytes(version);
      return (await renderChart({ archive: bytes })).manifests;
    },

    'ui.checkChart': async ({ packageBase64 }) => {
      const bytes = Buffer.from(packageBase64, 'base64');
      const summary = await inspectChartPackage(bytes);
      const lint = await inTempDir(async (dir) => {
        const file = join(dir, `${summary.name}-${summary.version}.tgz`);
        writeFileSync(file, bytes);
        return lintChart([file]);
      });
      const findings: ChartFinding[] = lint.messages.map((m) => ({ id: 'helm-lint', severity: SEVERITY[m.severity], message: m.message, path: m.path }));
      if (!lint.passed && !findings.some((f) => f.severity === 'error')) findings.push({ id: 'helm-lint', severity: 'error', message: lint.error ?? 'helm lint failed.' });
      return { summary, findings };
    },

    'ui.packageFolder': ({ files }) =>
      inTempDir(async (dir) => {
        const root = join(dir, 'src');
        const tops = new Set<string>();
        for (const f of files as FolderFile[]) {
          const rel = normalize(f.path).replace(/^[/\\]+/, '');
          const target = join(root, rel);
          if (!target.startsWith(root + sep) || rel.split(/[/\\]/).includes('..')) throw new BerthFailure('input.invalid', `“${f.path}” is not a path inside the chosen folder.`);
          tops.add(rel.split(/[/\\]/)[0]);
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, Buffer.from(f.base64, 'base64'));
        }
        if (tops.size !== 1) throw new BerthFailure('input.invalid', 'Choose one chart folder (the folder that holds Chart.yaml).');
        const out = join(dir, 'out');
        mkdirSync(out);
        const result = await packageChart(join(root, [...tops][0]), { destination: out });
        return { fileName: basename(result.path), base64: readFileSync(result.path).toString('base64') };
      }),
  };
}
