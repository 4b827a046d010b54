import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../../src-main/bridge/http';
import { createHandlers } from '../../../src-main/handlers';
import { createServices, type Services } from '../../../src-main/services';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so tests control Host, Origin and body bytes exactly. */
function raw(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

describe('loopback bridge', () => {
  let dir: string;
  let services: Services;
  let bridge: Bridge;
  let staticDir: string;
  const MAX = 4096;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-bridge-'));
    staticDir = join(dir, 'ui');
    services = createServices({ dataDir: join(dir, 'data'), host: 'browser' });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Berth</title>');
    bridge = await startBridge({ handlers: createHandlers(services), events: services.events, staticDir, maxBodyBytes: MAX });
  });

  afterAll(async () => {
    await bridge.close();
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const auth = () => ({ Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json', Host: `127.0.0.1:${bridge.port}` });

  it('listens on loopback with a random port and a fresh token in the URL fragment', () => {
    expect(bridge.port).toBeGreaterThan(0);
    expect(bridge.token.length).toBeGreaterThanOrEqual(32);
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/#token=${bridge.token}`);
  });

  it('answers a contract call with a success envelope when the token is right', async () => {
    const res = await raw(bridge.port, { path: '/api/call/app.info', headers: auth(), body: '{}' });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body.ok).toBe(true);
    expect(body.value.name).toBe('Berth');
    expect(body.value.dataDir).toBe(join(dir, 'data'));
  });

  it('refuses a call without the token', async () => {
    const res = await raw(bridge.port, { path: '/api/call/app.info', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'bridge.unauthorized' } });
  });

  it('refuses a call with a wrong token of the same length', async () => {
    const wrong = bridge.token.replace(/./g, (c) => (c === 'a' ? 'b' : 'a'));
    const res = await raw(bridge.port, { path: '/api/call/app.info', headers: { ...auth(), Authorization: `Bearer ${wrong}` }, body: '{}' });
    expect(res.status).toBe(401);
  });

  it('refuses a request addressed to a foreign Host (DNS rebinding)', async () => {
    const res = await raw(bridge.port, { path: '/api/call/app.info', headers: { ...auth(), Host: `evil.example:${bridge.port}` }, body: '{}' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('bridge.forbidden-origin');
  });

  it('refuses a request from a foreign Origin even with the token', async () => {
    const res = await raw(bridge.port, { path: '/api/call/app.info', headers: { ...auth(), Origin: 'https://evil.example' }, body: '{}' });
    expect(res.status).toBe(403);
  });

  it('accepts its own Origin', async () => {
    const res = await raw(bridge.port, { path: '/api/call/app.info', headers: { ...auth(), Origin: `http://127.0.0.1:${bridge.port}` }, body: '{}' });
    expect(res.status).toBe(200);
  });

  it('answers an unknown call with an error envelope', async () => {
    const res = await raw(bridge.port, { path: '/api/call/no.such.call', headers: auth(), body: '{}' });
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'contract.unknown-call' } });
  });

  it('answers malformed JSON with an error envelope', async () => {
    const res = await raw(bridge.port, { path: '/api/call/app.info', headers: auth(), body: '{"unterminated' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'bridge.bad-request' } });
  });

  it('refuses an oversized body by its declared length', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(MAX * 2) });
    const res = await raw(bridge.port, { path: '/api/call/settings.update', headers: auth(), body });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('bridge.too-large');
  });

  it('refuses an oversized chunked body without a declared length', async () => {
    const body = Buffer.from(JSON.stringify({ pad: 'x'.repeat(MAX * 2) }));
    const res = await raw(bridge.port, { path: '/api/call/settings.update', headers: { ...auth(), 'Transfer-Encoding': 'chunked' }, body });
    expect(res.status).toBe(413);
  });

  it('refuses a request body that is not an object', async () => {
    const res = await raw(bridge.port, { path: '/api/call/settings.update', headers: auth(), body: '[1,2]' });
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'contract.invalid-request' } });
  });

  it('turns a domain refusal into a plain error envelope', async () => {
    const res = await raw(bridge.port, { path: '/api/call/settings.update', headers: auth(), body: '{"language":"klingon"}' });
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(body.error.message).not.toMatch(/at .*\.ts:\d+/);
  });

  it('serves the UI without the token but with a strict CSP', async () => {
    const res = await raw(bridge.port, { method: 'GET', path: '/', headers: { Host: `127.0.0.1:${bridge.port}` } });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Berth</title>');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('never serves files outside the UI folder', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    const res = await raw(bridge.port, { method: 'GET', path: '/..%2fsecret.txt', headers: { Host: `127.0.0.1:${bridge.port}` } });
    expect(res.body).not.toContain('secret');
  });

  it('streams events to token holders only', async () => {
    const denied = await raw(bridge.port, { method: 'GET', path: '/api/events', headers: { Host: `127.0.0.1:${bridge.port}` } });
    expect(denied.status).toBe(401);
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: bridge.port, path: '/api/events', headers: auth() }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          lines.push(...chunk.split('\n').filter(Boolean));
          if (lines.length === 1) services.events.emit('settings.changed', { language: 'zh-CN', theme: 'dark' });
          if (lines.length >= 2) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', (e) => (lines.length >= 2 ? resolve() : reject(e)));
      req.end();
    });
    expect(JSON.parse(lines[1])).toEqual({ name: 'settings.changed', payload: { language: 'zh-CN', theme: 'dark' } });
  });
});
