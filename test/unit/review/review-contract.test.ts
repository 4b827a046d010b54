import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/handlers';
import { dispatch } from '../../../src-main/handlers/registry';
import { createServices } from '../../../src-main/services';
import type { Merge3Result, ValuesValidation } from '../../../shared/types/values';

const FIXTURES = resolve(__dirname, '../../../../shared/fixtures/charts');
const pkg = (v: string) => ({ packageBase64: readFileSync(join(FIXTURES, `emqx-${v}.tgz`)).toString('base64') });

describe('review & upgrade tools through the contract', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-review-contract-'));
  const services = createServices({ dataDir: dir, host: 'cli' });
  const handlers = createHandlers(services);
  afterAll(async () => {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers values.formModel and values.validate for a package not in any catalog', async () => {
    const model = await dispatch(handlers, 'values.formModel', { chart: pkg('v4.0.2') });
    expect(model.ok && model.value).toMatchObject({ chart: { name: 'emqx', version: 'v4.0.2' }, source: 'inferred' });
    const bad = await dispatch(handlers, 'values.validate', { chart: pkg('v4.0.2'), yaml: 'replicaCount: [\n' });
    expect(bad.ok && (bad.value as ValuesValidation).problems[0].keyword).toBe('yaml');
  });

  it('carries values from v1.0.0-rc.1 to v4.0.2 and settles the conflicts in two calls', async () => {
    const request = { from: pkg('v1.0.0-rc.1'), to: pkg('v4.0.2'), values: { replicas: 5, persistence: { enabled: true } } };
    const merged = await dispatch(handlers, 'values.merge3', request);
    if (!merged.ok) throw new Error(merged.error.message);
    expect((merged.value as Merge3Result).conflicts.map((c) => c.id)).toEqual(['renamed:replicas']);
    const settled = await dispatch(handlers, 'values.settle', { ...request, resolutions: { 'renamed:replicas': { choice: 'move', to: ['replicaCount'] } } });
    expect(settled.ok && settled.value).toMatchObject({
      values: { replicaCount: 5, persistence: { enabled: true } },
      unresolved: [],
      validation: { valid: true },
    });
  });

  it('refuses requests without a chart in a plain sentence', async () => {
    const r = await dispatch(handlers, 'values.formModel', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'input.invalid', message: 'The request needs “chart”.' } });
    const notConnected = await dispatch(handlers, 'comment.list', { version: 'v1' });
    expect(notConnected).toMatchObject({ ok: false, error: { code: 'catalog.not-connected' } });
  });
});
