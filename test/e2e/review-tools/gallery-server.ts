/**
 * Builds the test gallery with Vite and serves it next to a running Berth: files from the
 * build, `/api/*` passed through to the Berth bridge (with Host/Origin of the bridge itself),
 * so the components talk to a real Berth exactly as they do in the app.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { extname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { repoRoot } from '../harness/berth';

const outDir = join(repoRoot, 'test-results', 'review-tools-gallery');
let built: Promise<void> | undefined;

export function buildGallery(): Promise<void> {
  built ??= build({
    root: join(__dirname, 'gallery'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 8192 },
  }).then(() => undefined);
  return built;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface Gallery {
  /** The gallery's URL carrying the Berth bridge token. */
  url: string;
  close(): Promise<void>;
}

export async function serveGallery(berthUrl: string): Promise<Gallery> {
  const berth = new URL(berthUrl);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith('/api/')) {
      const upstream = httpRequest(
        {
          host: berth.hostname,
          port: berth.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: berth.host, ...(req.headers.origin ? { origin: berth.origin } : {}) },
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
      return;
    }
    const file = join(outDir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(outDir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/${berth.hash}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
