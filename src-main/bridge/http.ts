import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventBus } from '../events';
import { dispatch, type HandlerMap } from '../handlers/registry';
import { err, type Result } from '../../shared/result';
import { serveStatic } from './static';

/**
 * The loopback HTTP transport for the contract (browser mode and tests).
 *
 *   POST /api/call/<name>   body: JSON request   → JSON Result envelope
 *   GET  /api/events        → newline-delimited JSON events, kept open
 *   GET  /…                 → the built renderer (no token needed: it holds no data)
 *
 * Defences, in order: bound to 127.0.0.1 only; Host must name this loopback port
 * and Origin, when sent, must be this very origin (stops DNS rebinding and other
 * sites' pages); a per-launch random token in `Authorization: Bearer` on every API
 * request; bodies over the size limit are refused before they are parsed.
 */
export interface BridgeOptions {
  handlers: HandlerMap;
  events?: EventBus;
  /** 0 or undefined picks a random free port. */
  port?: number;
  /** Defaults to a fresh random token per launch. */
  token?: string;
  /** Folder of the built renderer; omit for an API-only bridge. */
  staticDir?: string;
  /** Largest accepted request body in bytes (uploads travel base64-encoded). */
  maxBodyBytes?: number;
}

export interface Bridge {
  readonly port: number;
  readonly token: string;
  /** The URL to open: the token travels in the fragment, which browsers never send to servers. */
  readonly url: string;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
const LOOPBACK = '127.0.0.1';

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, err('internal', 'Something went wrong inside Berth.'));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const originProblem = checkHostAndOrigin(req, port);
    if (originProblem) return send(res, 403, err('bridge.forbidden-origin', originProblem));
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);

    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, err('bridge.bad-request', 'Only GET is allowed here.'));
      if (!options.staticDir) return send(res, 404, err('not-found', 'Nothing is served here.'));
      return serveStatic(options.staticDir, url.pathname, req, res);
    }

    if (!hasToken(req, token))
      return send(res, 401, err('bridge.unauthorized', 'This request did not carry Berth’s access token. Open the URL Berth printed.'));

    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res);

    const callMatch = /^\/api\/call\/([A-Za-z0-9_.-]+)$/.exec(url.pathname);
    if (!callMatch) return send(res, 404, err('contract.unknown-call', 'There is no such API path.'));
    if (req.method !== 'POST') return send(res, 405, err('bridge.bad-request', 'Calls must use POST.'));
    const type = req.headers['content-type'] ?? '';
    if (!type.toLowerCase().startsWith('application/json')) return send(res, 415, err('bridge.bad-request', 'Calls must send JSON.'));

    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > maxBody) {
      req.resume();
      return send(res, 413, tooLarge(maxBody), true);
    }
    const body = await readBody(req, maxBody);
    if (body === 'too-large') return send(res, 413, tooLarge(maxBody), true);

    let request: unknown;
    try {
      request = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return send(res, 400, err('bridge.bad-request', 'The request body is not valid JSON.'));
    }
    const result = await dispatch(options.handlers, callMatch[1], request);
    const status = result.ok ? 200 : result.error.code === 'contract.unknown-call' ? 404 : 200;
    send(res, status, result);
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write('{"name":"bridge.ready"}\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  const unsubscribe = options.events?.subscribe((name, payload) => {
    const line = JSON.stringify({ name, payload }) + '\n';
    for (const s of streams) s.write(line);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://${LOOPBACK}:${port}/#token=${token}`,
    async close() {
      unsubscribe?.();
      for (const s of streams) s.end();
      streams.clear();
      // close() alone waits for every client to hang up (a browser's keep-alive, a half-sent
      // request): on SIGTERM that was minutes; open connections are cut at once instead
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function tooLarge(limit: number): Result<never> {
  return err('bridge.too-large', `The request is larger than Berth accepts (${Math.round(limit / 1024 / 1024)} MiB).`);
}

function send(res: ServerResponse, status: number, body: Result<unknown>, closeConnection = false): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(closeConnection ? { Connection: 'close' } : {}),
  });
  res.end(json);
}

function hasToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Returns why the request is refused, or undefined when Host and Origin are this bridge. */
export function checkHostAndOrigin(req: IncomingMessage, port: number): string | undefined {
  const allowedHosts = [`${LOOPBACK}:${port}`, `localhost:${port}`];
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts.includes(host)) return 'Requests must be addressed to Berth’s own loopback address.';
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin.toLowerCase())) {
    return 'Requests from other web pages are refused.';
  }
  return undefined;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
