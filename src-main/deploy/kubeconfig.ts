/**
 * Reads (never writes) the user's kubeconfig files the way kubectl and Helm do
 * (k8s.io/client-go/tools/clientcmd): the KUBECONFIG list, or ~/.kube/config; the first file
 * that names a cluster, user or context wins; relative file paths resolve against the file
 * that mentions them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { refusal } from '../sentences';

export interface KubeCluster {
  server: string;
  certificateAuthority?: string;
  certificateAuthorityData?: string;
  insecureSkipTlsVerify?: boolean;
  tlsServerName?: string;
  proxyUrl?: string;
}

export interface ExecConfig {
  apiVersion: string;
  command: string;
  args: string[];
  env: { name: string; value: string }[];
  interactiveMode?: string;
  provideClusterInfo?: boolean;
  installHint?: string;
  /** Folder of the kubeconfig that defines the plugin; a relative command resolves against it. */
  baseDir: string;
}

export interface KubeUser {
  token?: string;
  tokenFile?: string;
  clientCertificate?: string;
  clientCertificateData?: string;
  clientKey?: string;
  clientKeyData?: string;
  username?: string;
  password?: string;
  exec?: ExecConfig;
  authProvider?: string;
}

export interface KubeContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

export interface Kubeconfig {
  /** The files that were read, in precedence order. */
  files: string[];
  currentContext?: string;
  contexts: Map<string, KubeContext>;
  clusters: Map<string, KubeCluster>;
  users: Map<string, KubeUser>;
}

/** The files kubectl would read: an explicit path, else $KUBECONFIG's list, else ~/.kube/config. */
export function kubeconfigPaths(explicit?: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (explicit) return [resolve(explicit)];
  const list = (env.KUBECONFIG ?? '').split(delimiter).filter((p) => p.trim() !== '');
  if (list.length > 0) return [...new Set(list.map((p) => resolve(p)))];
  return [join(env.HOME || homedir(), '.kube', 'config')];
}

type Raw = Record<string, unknown>;

function asRecord(x: unknown): Raw {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Raw) : {};
}

function str(x: unknown): string | undefined {
  return typeof x === 'string' && x !== '' ? x : undefined;
}

function named(list: unknown): { name: string; body: Raw }[] {
  if (!Array.isArray(list)) return [];
  return list
    .map((item) => asRecord(item))
    .filter((item) => typeof item.name === 'string')
    .map((item) => ({ name: item.name as string, body: item }));
}

function pathFrom(base: string, p: string | undefined): string | undefined {
  if (!p) return undefined;
  return isAbsolute(p) ? p : resolve(base, p);
}

function readCluster(raw: Raw, base: string): KubeCluster {
  return {
    server: str(raw.server) ?? '',
    certificateAuthority: pathFrom(base, str(raw['certificate-authority'])),
    certificateAuthorityData: str(raw['certificate-authority-data']),
    insecureSkipTlsVerify: raw['insecure-skip-tls-verify'] === true,
    tlsServerName: str(raw['tls-server-name']),
    proxyUrl: str(raw['proxy-url']),
  };
}

function readExec(raw: Raw, base: string): ExecConfig | undefined {
  const command = str(raw.command);
  if (!command) return undefined;
  return {
    apiVersion: str(raw.apiVersion) ?? 'client.authentication.k8s.io/v1',
    command,
    args: Array.isArray(raw.args) ? raw.args.map(String) : [],
    env: Array.isArray(raw.env) ? raw.env.map((e) => asRecord(e)).map((e) => ({ name: String(e.name ?? ''), value: String(e.value ?? '') })) : [],
    interactiveMode: str(raw.interactiveMode),
    provideClusterInfo: raw.provideClusterInfo === true,
    installHint: str(raw.installHint),
    baseDir: base,
  };
}

function readUser(raw: Raw, base: string): KubeUser {
  return {
    token: str(raw.token),
    tokenFile: pathFrom(base, str(raw.tokenFile)),
    clientCertificate: pathFrom(base, str(raw['client-certificate'])),
    clientCertificateData: str(raw['client-certificate-data']),
    clientKey: pathFrom(base, str(raw['client-key'])),
    clientKeyData: str(raw['client-key-data']),
    username: str(raw.username),
    password: str(raw.password),
    exec: raw.exec ? readExec(asRecord(raw.exec), base) : undefined,
    authProvider: str(asRecord(raw['auth-provider']).name),
  };
}

/** Loads and merges the kubeconfig files. Missing files are skipped, as kubectl does. */
export function loadKubeconfig(paths: string[] = kubeconfigPaths()): Kubeconfig {
  const config: Kubeconfig = { files: [], contexts: new Map(), clusters: new Map(), users: new Map() };
  for (const file of paths) {
    if (!existsSync(file)) continue;
    let doc: Raw;
    try {
      doc = asRecord(parse(readFileSync(file, 'utf8')));
    } catch (e) {
      throw refusal('input.invalid', 'kube.notYaml', { file, reason: (e as Error).message }, { file });
    }
    config.files.push(file);
    const base = dirname(file);
    config.currentContext ??= str(doc['current-context']);
    for (const { name, body } of named(doc.clusters)) {
      if (!config.clusters.has(name)) config.clusters.set(name, readCluster(asRecord(body.cluster), base));
    }
    for (const { name, body } of named(doc.users)) {
      if (!config.users.has(name)) config.users.set(name, readUser(asRecord(body.user), base));
    }
    for (const { name, body } of named(doc.contexts)) {
      const c = asRecord(body.context);
      if (!config.contexts.has(name)) {
        config.contexts.set(name, { name, cluster: str(c.cluster) ?? '', user: str(c.user) ?? '', namespace: str(c.namespace) });
      }
    }
  }
  return config;
}

export interface ResolvedContext {
  context: KubeContext;
  cluster: KubeCluster;
  user: KubeUser;
  /** The namespace to use when none is given: the context's, else "default". */
  namespace: string;
}

/** The named context (or the current one) with its cluster and user, or a plain refusal. */
export function resolveContext(config: Kubeconfig, name?: string): ResolvedContext {
  if (config.files.length === 0) {
    throw refusal('cluster.unreachable', 'kube.noKubeconfig');
  }
  const contextName = name ?? config.currentContext;
  if (!contextName) {
    throw refusal('input.invalid', 'kube.noCurrentContext');
  }
  const context = config.contexts.get(contextName);
  if (!context) {
    throw refusal('not-found', 'kube.noContext', { context: contextName }, { context: contextName });
  }
  const cluster = config.clusters.get(context.cluster);
  if (!cluster || !cluster.server) {
    throw refusal('input.invalid', 'kube.noServer', { context: contextName, cluster: context.cluster });
  }
  const user = config.users.get(context.user) ?? {};
  return { context, cluster, user, namespace: context.namespace ?? 'default' };
}
