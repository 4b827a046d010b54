import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/handlers';
import { dispatch, type HandlerMap } from '../../../src-main/handlers/registry';
import { createServices } from '../../../src-main/services';
import { BerthFailure } from '../../../shared/result';

const dirs: string[] = [];
function services() {
  const dir = mkdtempSync(join(tmpdir(), 'berth-contract-'));
  dirs.push(dir);
  return createServices({ dataDir: dir, host: 'cli' });
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('contract dispatch', () => {
  it('wraps a handler value in a success envelope', async () => {
    const s = services();
    const r = await dispatch(createHandlers(s), 'settings.get', {});
    expect(r).toEqual({ ok: true, value: { language: 'en', theme: 'auto' } });
  });

  it('persists settings across service restarts in the data dir', async () => {
    const s = services();
    await dispatch(createHandlers(s), 'settings.update', { language: 'zh-CN' });
    const again = createServices({ dataDir: s.dataDir, host: 'cli' });
    expect((await dispatch(createHandlers(again), 'settings.get', {})).ok && again.settings.get().language).toBe('zh-CN');
  });

  it('answers an unknown call name with contract.unknown-call', async () => {
    const r = await dispatch(createHandlers(services()), 'catalog.dropTables', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'contract.unknown-call' } });
  });

  it('does not treat inherited object properties as calls', async () => {
    const r = await dispatch(createHandlers(services()), 'constructor', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'contract.unknown-call' } });
  });

  it('refuses a request that is not an object', async () => {
    const r = await dispatch(createHandlers(services()), 'settings.update', 'zh-CN');
    expect(r).toMatchObject({ ok: false, error: { code: 'contract.invalid-request' } });
  });

  it('carries a domain failure as its code and sentence', async () => {
    const handlers = {
      ...createHandlers(services()),
      'settings.get': () => {
        throw new BerthFailure('catalog.wrong-state', 'Version 4.0.2 is already released; suspend it before deleting.');
      },
    } as HandlerMap;
    const r = await dispatch(handlers, 'settings.get', {});
    expect(r).toEqual({ ok: false, error: { code: 'catalog.wrong-state', message: 'Version 4.0.2 is already released; suspend it before deleting.' } });
  });

  it('hides unexpected exceptions from the caller and writes them to the log file', async () => {
    const s = services();
    const handlers = {
      ...createHandlers(s),
      'settings.get': () => {
        throw new TypeError('cannot read properties of undefined (reading x)');
      },
    } as HandlerMap;
    const r = await dispatch(handlers, 'settings.get', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('internal');
      expect(r.error.message).not.toContain('undefined');
    }
    expect(readFileSync(join(s.dataDir, 'logs', 'berth.log'), 'utf8')).toContain('cannot read properties of undefined');
  });
});
