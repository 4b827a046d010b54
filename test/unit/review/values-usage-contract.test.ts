import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/handlers';
import { dispatch } from '../../../src-main/handlers/registry';
import { createServices } from '../../../src-main/services';
import type { Merge3Result, ValuesUsage } from '../../../shared/types/values';
import { chartDir, WEB_CHART } from '../values/usage-charts';

const SCHEMA = JSON.stringify({
  type: 'object',
  properties: {
    nameOverride: { type: 'string', description: 'Deprecated: set fullnameOverride instead.' },
    legacyPort: { type: 'integer', deprecated: true },
  },
});

describe('values no template reads, through the contract (values form and upgrade merge)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-usage-contract-'));
  const services = createServices({ dataDir: dir, host: 'cli' });
  const handlers = createHandlers(services);
  afterAll(async () => {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const web = { path: chartDir(WEB_CHART) };

  it('values.usage: a near miss with its "did you mean", a key read through index as not judged, nothing for keys read', async () => {
    const r = await dispatch(handlers, 'values.usage', { chart: web, values: { replicaCont: 2, replicaCount: 3, extra: { mode: 'b' } } });
    if (!r.ok) throw new Error(r.error.message);
    const { findings } = r.value as ValuesUsage;
    expect(findings).toEqual([
      expect.objectContaining({ status: 'not-judged', pathText: 'extra.mode', file: 'templates/deployment.yaml', via: 'index', reach: 'extra' }),
      expect.objectContaining({ status: 'unused', pathText: 'replicaCont', suggestion: 'replicaCount' }),
    ]);
    const read = await dispatch(handlers, 'values.usage', { chart: web, values: { replicaCount: 3, image: { tag: 'x' } } });
    expect(read.ok && read.value).toEqual({ findings: [], deprecated: [] });
  });

  it('values.merge3 judges the carried overrides against the new version: unused there, and deprecated by its schema', async () => {
    const v2 = {
      path: chartDir({
        ...WEB_CHART,
        'Chart.yaml': 'apiVersion: v2\nname: web\nversion: 2.0.0\n',
        'values.yaml': `${WEB_CHART['values.yaml']}legacyPort: 0\n`,
        'values.schema.json': SCHEMA,
        // the new version no longer reads service.port
        'templates/deployment.yaml': WEB_CHART['templates/deployment.yaml'].replace('# port {{ $.Values.service.port }}', '# no port'),
      }),
    };
    const r = await dispatch(handlers, 'values.merge3', { from: web, to: v2, values: { service: { port: 8080 }, nameOverride: 'w', replicaCount: 2 } });
    if (!r.ok) throw new Error(r.error.message);
    const m = r.value as Merge3Result;
    expect(m.usage?.findings.map((f) => [f.status, f.pathText])).toEqual([['unused', 'service.port']]);
    expect(m.usage?.deprecated).toEqual([expect.objectContaining({ pathText: 'nameOverride', reason: 'Deprecated: set fullnameOverride instead.' })]);
  });
});
