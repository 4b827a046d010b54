import { readFileSync, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
};

/** Serves the built renderer; unknown paths fall back to index.html (client-side routes). */
export function serveStatic(root: string, pathname: string, req: IncomingMessage, res: ServerResponse): void {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    rel = '/';
  }
  const candidate = normalize(join(root, rel));
  const inside = candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
  let file = inside ? candidate : join(root, 'index.html');
  let stats = fileStats(file);
  if (!stats) stats = fileStats((file = join(root, 'index.html')));
  if (!stats) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('The Berth UI has not been built yet. Run `npm run build`.');
    return;
  }
  const isHtml = file.endsWith('.html');
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': isHtml ? 'no-store' : 'public, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    ...(isHtml ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  res.end(contentOf(file, stats));
}

/**
 * The renderer's files, kept once read: a page start asks for ~20 of them at once, and each one
 * streamed from disk took several turns of the event loop and of libuv's 4 file threads, which
 * the bridge calls of the first screen waited behind (docs/ui.md, "First screen at scale"). A
 * file rebuilt meanwhile (another size or time) is read again. The built renderer is ~2 MB.
 */
const kept = new Map<string, { size: number; mtimeMs: number; body: Buffer }>();

function contentOf(file: string, stats: Stats): Buffer {
  const known = kept.get(file);
  if (known && known.size === stats.size && known.mtimeMs === stats.mtimeMs) return known.body;
  const body = readFileSync(file);
  kept.set(file, { size: stats.size, mtimeMs: stats.mtimeMs, body });
  return body;
}

function fileStats(path: string): Stats | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}
