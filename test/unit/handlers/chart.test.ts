import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/handlers';
import { dispatch } from '../../../src-main/handlers/registry';
import { createServices } from '../../../src-main/services';
import { chartTgz } from '../chart/tar-builder';

const emqx = readFileSync('/work/shared/fixtures/charts/emqx-v4.0.2.tgz').toString('base64');
const work = mkdtempSync(join(tmpdir(), 'berth-chart-handlers-'));
// the app's own composition: chart calls run on Services' engine, as in Electron and browser mode
const services = createServices({ dataDir: join(work, 'data'), host: 'browser' });
const handlers = createHandlers(services);
afterAll(async () => {
  await services.close();
  rmSync(work, { recursive: true, force: true });
});

describe('chart.* contract calls', () => {
  it('inspects a package sent as base64', async () => {
    const r = await dispatch(handlers, 'chart.inspect', { chart: { packageBase64: emqx } });
    expect(r).toMatchObject({ ok: true, value: { name: 'emqx', version: 'v4.0.2' } });
  });

  it('refuses an unsafe archive with chart.unsafe-archive and a sentence', async () => {
    const evil = Buffer.from(chartTgz([{ name: '../../etc/cron.d/x', data: 'x' }])).toString('base64');
    const r = await dispatch(handlers, 'chart.inspect', { chart: { packageBase64: evil } });
    expect(r).toEqual({
      ok: false,
      error: { code: 'chart.unsafe-archive', message: expect.stringMatching(/climbs out of the chart folder/), detail: { entry: '../../etc/cron.d/x' } },
    });
  });

  it('renders in the worker engine, byte for byte as helm', async () => {
    const r = await dispatch(handlers, 'chart.render', { chart: { packageBase64: emqx }, options: { releaseName: 'emqx', namespace: 'demo' } });
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.value as { output: string }).output).toBe(readFileSync('/work/shared/fixtures/helm/emqx-v4.0.2.template.yaml', 'utf8'));
  });

  it("returns helm's render failure as chart.render-failed", async () => {
    const r = await dispatch(handlers, 'chart.render', { chart: { packageBase64: emqx }, options: { setJson: ['replicaCount={'] } });
    expect(r).toMatchObject({ ok: false, error: { code: 'chart.render-failed', message: 'failed parsing --set-json data replicaCount={' } });
  });

  it('lints, lists files, reviews and migrates a package', async () => {
    const lint = await dispatch(handlers, 'chart.lint', { chart: { packageBase64: emqx }, strict: true });
    expect(lint).toMatchObject({
      ok: true,
      value: {
        passed: false,
        messages: expect.arrayContaining([expect.objectContaining({ severity: 'INFO', path: 'Chart.yaml', message: 'icon is recommended' })]),
      },
    });
    const files = await dispatch(handlers, 'chart.files', { chart: { packageBase64: emqx } });
    expect(files).toMatchObject({
      ok: true,
      value: expect.arrayContaining([expect.objectContaining({ path: 'templates/rbac.yaml', text: expect.stringContaining('kind: Role') })]),
    });
    const fixed = await dispatch(handlers, 'chart.migrateApis', { chart: { packageBase64: emqx } });
    expect(fixed).toMatchObject({ ok: true, value: { changed: true, fileName: 'emqx-v4.0.2.tgz' } });
    if (!fixed.ok) return;
    const review = await dispatch(handlers, 'chart.review', { chart: { packageBase64: (fixed.value as { packageBase64: string }).packageBase64 } });
    expect(review).toMatchObject({ ok: true, value: { checks: expect.arrayContaining([expect.objectContaining({ id: 'api.removed', status: 'pass' })]) } });
  });

  it('packages a folder and writes only into the destination', async () => {
    const r = await dispatch(handlers, 'chart.package', { dir: '/work/shared/corpus/package/src/emqx-enterprise', destination: work });
    expect(r).toMatchObject({ ok: true, value: { fileName: 'emqx-enterprise-6.3.0-beta.2.tgz', path: join(work, 'emqx-enterprise-6.3.0-beta.2.tgz') } });
  });

  it('packages a folder picked in the browser, refusing a path that leaves it', async () => {
    const file = (path: string, text: string) => ({ path, base64: Buffer.from(text).toString('base64') });
    const chart = [file('picked/Chart.yaml', 'apiVersion: v2\nname: picked\nversion: 0.1.0\n'), file('picked/templates/cm.yaml', 'kind: ConfigMap\n')];
    const ok = await dispatch(handlers, 'ui.packageFolder', { files: chart });
    expect(ok).toMatchObject({ ok: true, value: { fileName: 'picked-0.1.0.tgz' } });
    const escape = await dispatch(handlers, 'ui.packageFolder', { files: [...chart, file('picked/../../outside.yaml', 'x')] });
    expect(escape).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    const two = await dispatch(handlers, 'ui.packageFolder', { files: [...chart, file('other/Chart.yaml', 'x')] });
    expect(two).toMatchObject({ ok: false, error: { code: 'input.invalid', message: 'Choose one chart folder (the folder that holds Chart.yaml).' } });
  });

  it('takes one ChartSource: refuses a call that names no chart, and a version the catalog does not hold', async () => {
    const none = await dispatch(handlers, 'chart.files', { chart: {} });
    expect(none).toMatchObject({ ok: false, error: { code: 'input.invalid', message: 'Say which chart: a catalog version, a package or a folder.' } });
    const unknown = await dispatch(handlers, 'chart.render', { chart: { version: 'ver_missing' } });
    expect(unknown.ok).toBe(false);
    expect(unknown.ok ? '' : unknown.error.code).not.toBe('internal');
  });
});
