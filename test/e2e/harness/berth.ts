import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..', '..');
export const fixturesDir = join(repoRoot, '..', 'shared', 'fixtures', 'charts');

/** Builds the render engine, the CLI and the renderer when their sources are newer than the build. */
export function buildIfNeeded(): void {
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), 'engine', 'main', 'renderer', '--if-needed'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, BERTH_QUIET_BUILD: '1' },
  });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
}

/** Runs the bundled CLI on a data dir and returns what it printed; a failing command throws with its stderr. */
export function berthCli(dataDir: string, ...args: string[]): string {
  return execFileSync(process.execPath, [join(repoRoot, 'dist/main/cli.cjs'), ...args, '--data-dir', dataDir], { encoding: 'utf8' });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `berth-e2e-${prefix}-`));
}

export interface RunningBerth {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts `berth serve` (the bundled CLI that buildIfNeeded keeps fresh) on its own data dir and resolves with the URL it prints. */
export async function startBerth(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<RunningBerth> {
  const dataDir = options.dataDir ?? tempDir('data');
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'dist/main/cli.cjs'), 'serve', '--data-dir', dataDir], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /browser mode at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`berth serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
