/** One connection to one kubeconfig context: the REST client, what the cluster serves, its releases. */
import { refusal } from '../sentences';
import type { AuthMethod, ClusterTarget, KubeconfigInfo } from '../../shared/types/deploy';
import { discover, type ClusterApis } from './discovery';
import { KubeApiError, KubeClient } from './kube-client';
import { kubeconfigPaths, loadKubeconfig, resolveContext, type KubeUser } from './kubeconfig';
import { ReleaseStore } from './release-store';

export interface ClusterSession {
  context: string;
  client: KubeClient;
  apis: ClusterApis;
  releases: ReleaseStore;
  /** The context's namespace, used when a request names none. */
  defaultNamespace: string;
  /** Where hook pods' logs go (helm.sh/hook-output-log-policy, hook-logs.ts): the CLI's stderr; unset, they are not read. */
  hookOutput?: (text: string) => void;
}

export function authMethod(user: KubeUser): AuthMethod {
  if (user.exec) return 'exec';
  if (user.token || user.tokenFile) return 'token';
  if (user.clientCertificate || user.clientCertificateData) return 'client-certificate';
  if (user.username) return 'basic';
  return 'none';
}

export function describeKubeconfig(target: Pick<ClusterTarget, 'kubeconfig'> = {}): KubeconfigInfo {
  const config = loadKubeconfig(kubeconfigPaths(target.kubeconfig));
  return {
    files: config.files,
    currentContext: config.currentContext,
    contexts: [...config.contexts.values()].map((c) => ({
      name: c.name,
      cluster: c.cluster,
      server: config.clusters.get(c.cluster)?.server ?? '',
      user: c.user,
      namespace: c.namespace ?? 'default',
      auth: authMethod(config.users.get(c.user) ?? {}),
      current: c.name === config.currentContext,
    })),
  };
}

export async function connect(target: ClusterTarget = {}): Promise<ClusterSession> {
  const config = loadKubeconfig(kubeconfigPaths(target.kubeconfig));
  const resolved = resolveContext(config, target.context);
  const client = new KubeClient(resolved);
  const apis = await discover(client);
  return { context: resolved.context.name, client, apis, releases: new ReleaseStore(client), defaultNamespace: resolved.namespace };
}

/**
 * What reading release records needs, without API discovery (helm list/history/get ask the
 * server for nothing but Secrets): the client, the release store, the context's namespace.
 */
export function connectForRecords(target: ClusterTarget = {}): Pick<ClusterSession, 'context' | 'client' | 'releases' | 'defaultNamespace'> {
  const config = loadKubeconfig(kubeconfigPaths(target.kubeconfig));
  const resolved = resolveContext(config, target.context);
  const client = new KubeClient(resolved);
  return { context: resolved.context.name, client, releases: new ReleaseStore(client), defaultNamespace: resolved.namespace };
}

export async function listNamespaces(session: ClusterSession): Promise<string[]> {
  const list = await session.client.request<{ items: { metadata: { name: string } }[] }>({ method: 'GET', path: '/api/v1/namespaces' });
  return list.items.map((n) => n.metadata.name).sort();
}

export async function namespaceExists(session: ClusterSession, name: string): Promise<boolean> {
  try {
    await session.client.request({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(name)}` });
    return true;
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 404) return false;
    // Without rights to read namespaces, let the dry run tell.
    if (e instanceof KubeApiError && e.status === 403) return true;
    throw e;
  }
}

/** Creates a namespace as `helm install --create-namespace` does (label name=<ns>); an existing one is fine. */
export async function createNamespace(session: ClusterSession, name: string): Promise<boolean> {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 63) {
    throw refusal('input.invalid', 'kube.badNamespace', { name });
  }
  try {
    await session.client.request({
      method: 'POST',
      path: '/api/v1/namespaces',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { name } } },
    });
    return true;
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 409) return false;
    throw e;
  }
}
