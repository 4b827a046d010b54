import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startBridge } from '../../bridge/http';
import { createHandlers } from '../../handlers';
import { createServices } from '../../services';
import type { CliCommand } from '../command';

/** The built renderer sits beside the bundled CLI: dist/main/cli.cjs → dist/renderer. */
export function rendererDir(): string {
  const candidates = [join(__dirname, '..', 'renderer'), join(process.cwd(), 'dist', 'renderer')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[0];
}

export const serveCommand: CliCommand = {
  path: ['serve'],
  summary: 'Start browser mode: the Berth UI on a loopback address with a per-launch token',
  usage: 'berth serve [--port P] [--data-dir DIR]',
  flags: {
    port: { kind: 'string', description: 'port to listen on (default: a random free port)' },
  },
  async run(ctx) {
    const port = ctx.args.strings.port === undefined ? 0 : Number(ctx.args.strings.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      ctx.stderr(`Error: --port must be a number between 0 and 65535\n`);
      return 1;
    }
    const services = createServices({ dataDir: ctx.dataDir, host: 'browser' });
    const bridge = await startBridge({ handlers: createHandlers(services), events: services.events, port, staticDir: rendererDir() });
    ctx.stdout(`Berth is running in browser mode at ${bridge.url}\n`);
    services.catalog.openEarly();
    // Helm's engine processes start now, while the page loads, so the first render pays no start-up;
    // after listening, not before: spawning them held the listen up by 10-40 ms under load
    void services.engine().warmUp().catch(() => undefined);
    const stop = () => {
      void bridge.close().then(() => services.close()).finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1;
  },
};
