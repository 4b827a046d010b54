/** Starting and stopping the real servers tests run against (S3 gateway, OCI registry) on 127.0.0.1. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const VERSITYGW_VERSION = 'v1.8.0';

export function servicesCache(): string {
  return process.env.BERTH_SERVICES_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'berth-services');
}

/**
 * Runs test/services/ensure.sh when something the given server needs is missing (the script
 * installs or builds only what is). `.ci/run` calls the script up front, so tests rarely do.
 */
export function ensureServices(what: 's3' | 'registry' | 'cosign'): void {
  const ready =
    what === 's3'
      ? existsSync(join(servicesCache(), 'bin', `versitygw-${VERSITYGW_VERSION}`))
      : what === 'cosign'
        ? existsSync(cosignPath())
        : existsSync('/usr/bin/docker-registry') && existsSync('/usr/bin/htpasswd') && existsSync('/usr/bin/openssl');
  if (ready) return;
  execFileSync('bash', [resolve(__dirname, 'ensure.sh')], { stdio: 'inherit', env: { ...process.env, VERSITYGW_VERSION, COSIGN_VERSION } });
}

export const COSIGN_VERSION = 'v2.6.5';

/** The cosign binary test/services/ensure.sh builds from its Go module. */
export function cosignPath(): string {
  return join(servicesCache(), 'bin', `cosign-${COSIGN_VERSION}`);
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** Stops the server (SIGTERM, then SIGKILL) and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills it at once, as a crash or a pulled cable would. */
  kill(): Promise<void>;
  output(): string;
}

async function waitForHttp(url: string, child: ChildProcess, log: () => string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`server at ${url} did not answer within ${timeoutMs} ms:\n${log()}`);
}

export async function startServer(command: string, args: string[], port: number, env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const collect = (b: Buffer) => {
    log = (log + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHttp(url, child, () => log);
  } catch (e) {
    await end('SIGKILL');
    throw e;
  }
  return { url, port, process: child, stop: () => end('SIGTERM'), kill: () => end('SIGKILL'), output: () => log };
}
