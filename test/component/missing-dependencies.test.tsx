/**
 * Uploading an umbrella chart whose dependencies are not in its package: the upload UI names them,
 * says the catalog holds one, and builds them (catalog first, no network) through the real main side.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PackageDependencies } from '../../shared/types/dependencies';
import { readChartArchive } from '../../src-main/chart/archive';
import { writeTgz } from '../../src-main/chart/tar-write';
import { call } from '../../src-renderer/api';
import { ChartPicker, type PickedChart } from '../../src-renderer/features/my-apps/ChartPicker';
import { connectMainSide, renderWidget } from './render';

const FIXTURES = resolve(__dirname, '../../../shared/fixtures/charts');

function umbrella(): string {
  const chart = { apiVersion: 'v2', name: 'suite', version: '1.0.0', dependencies: [{ name: 'emqx', version: 'v4.0.2', repository: 'https://charts.example.invalid/stable' }] };
  const files = [
    { name: 'suite/Chart.yaml', data: new TextEncoder().encode(stringify(chart)) },
    { name: 'suite/values.yaml', data: new TextEncoder().encode('{}\n') },
  ];
  return Buffer.from(writeTgz(files)).toString('base64');
}

async function catalogWithEmqx() {
  const services = connectMainSide();
  await services.sync.init('Deps', { kind: 'folder', path: `${services.dataDir}-store` });
  await services.catalog.commands.createWorkspace({ name: 'team' });
  await services.catalog.commands.createApp({ workspace: 'team', chart: readFileSync(join(FIXTURES, 'emqx-v4.0.2.tgz')).toString('base64') });
  return services;
}

async function picked(): Promise<PickedChart> {
  const base64 = umbrella();
  const r = await call('chart.dependencies', { packageBase64: base64 });
  if (!r.ok) throw new Error(r.error.message);
  const dependencies: PackageDependencies = r.value;
  return { fileName: 'suite-1.0.0.tgz', base64, size: 100, dependencies };
}

describe('an upload whose dependencies are missing', () => {
  it('offers to build them from the catalog and hands back the package with them', async () => {
    await catalogWithEmqx();
    const p = await picked();
    expect(p.dependencies).toEqual({ missing: 1, dependencies: [expect.objectContaining({ name: 'emqx', status: 'missing', inCatalog: true })] });
    const got: (PickedChart | null)[] = [];
    await renderWidget(<ChartPicker picked={p} onPicked={(x) => got.push(x)} />);
    expect(screen.getByText('1 dependency is not in this package')).toBeTruthy();
    expect(screen.getByText('in this catalog')).toBeTruthy();
    fireEvent.click(screen.getByText('Build the dependencies'));
    await waitFor(() => expect(got.at(-1)?.dependencies?.missing).toBe(0), { timeout: 60_000 });
    const built = got.at(-1)!;
    expect(built.fileName).toBe('suite-1.0.0.tgz');
    const paths = readChartArchive(Buffer.from(built.base64, 'base64')).files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['Chart.lock', 'charts/emqx/Chart.yaml']));
  }, 120_000);

  it('says it in Chinese', async () => {
    await catalogWithEmqx();
    await renderWidget(<ChartPicker picked={await picked()} onPicked={() => undefined} />, 'zh-CN');
    expect(screen.getByText('此包中缺少 1 个依赖')).toBeTruthy();
    expect(screen.getByText('构建依赖')).toBeTruthy();
  });
});
