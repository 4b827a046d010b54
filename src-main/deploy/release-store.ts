/**
 * Reads and writes Helm release records in the cluster, with the semantics of Helm's Secret
 * storage driver: one Secret per revision, found by the labels owner=helm and name=<release>.
 */
import { BerthFailure } from '../../shared/result';
import { KubeApiError, type KubeClient } from './kube-client';
import { customLabelsOf, releaseFromSecret, releaseSecret, releaseSecretName, type HelmRelease, type SecretObject } from './release-record';

interface SecretList {
  items: { metadata: { name: string; namespace: string; labels?: Record<string, string> }; type?: string; data?: Record<string, string> }[];
}

export interface StoredRelease {
  release: HelmRelease;
  /**
   * The storage object's labels as Helm's driver hands them on: all of them from list/history
   * (Helm's List and Query), only the custom ones (helm install --labels) from get (Helm's Get).
   * They are written back on the next Create/Update, as Helm does.
   */
  labels: Record<string, string>;
}

function secretsPath(namespace?: string): string {
  return namespace ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets` : '/api/v1/secrets';
}

export class ReleaseStore {
  constructor(private readonly client: KubeClient) {}

  /** Every revision of every release in a namespace (all namespaces when omitted). */
  async list(namespace?: string, name?: string): Promise<StoredRelease[]> {
    const selector = name ? `owner=helm,name=${name}` : 'owner=helm';
    const list = await this.client.request<SecretList>({ method: 'GET', path: secretsPath(namespace), query: { labelSelector: selector } });
    const out: StoredRelease[] = [];
    for (const item of list.items) {
      if (item.type && item.type !== 'helm.sh/release.v1') continue;
      try {
        const release = releaseFromSecret(item);
        // Helm takes the namespace from the object, not from the record (records from Helm 2 migrations lack it).
        release.namespace = item.metadata.namespace;
        out.push({ release, labels: { ...(item.metadata.labels ?? {}) } });
      } catch {
        // A corrupt record is skipped, as `helm list` does.
      }
    }
    return out;
  }

  /** All revisions of one release, oldest first. */
  async history(name: string, namespace: string): Promise<StoredRelease[]> {
    const all = await this.list(namespace, name);
    return all.filter((r) => r.release.name === name).sort((a, b) => a.release.version - b.release.version);
  }

  async latest(name: string, namespace: string): Promise<StoredRelease | undefined> {
    const h = await this.history(name, namespace);
    return h[h.length - 1];
  }

  async get(name: string, namespace: string, revision: number): Promise<StoredRelease> {
    try {
      const secret = await this.client.request<SecretList['items'][number]>({
        method: 'GET',
        path: `${secretsPath(namespace)}/${encodeURIComponent(releaseSecretName(name, revision))}`,
      });
      const labels = customLabelsOf(secret.metadata.labels ?? {});
      const release = releaseFromSecret(secret);
      release.namespace = namespace;
      return { release, labels };
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 404) {
        throw new BerthFailure('not-found', `Release “${name}” has no revision ${revision} in namespace ${namespace}.`, { release: name, revision });
      }
      throw e;
    }
  }

  /**
   * Stores a new revision. With `maxHistory` (> 0), first drops the oldest revisions but the
   * latest deployed one until `maxHistory - 1` remain, as Helm's Storage.Create does.
   */
  async create(rel: HelmRelease, labels: Record<string, string> = {}, maxHistory = 0): Promise<void> {
    if (maxHistory > 0) await this.removeLeastRecent(rel.name, rel.namespace, maxHistory - 1);
    const secret = releaseSecret(rel, 'createdAt', labels);
    try {
      await this.client.request({ method: 'POST', path: secretsPath(rel.namespace), body: secret });
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 409) {
        throw new BerthFailure(
          'conflict',
          `Release “${rel.name}” revision ${rel.version} already exists in namespace ${rel.namespace}; another install or upgrade may be running.`,
        );
      }
      throw e;
    }
  }

  // helm pkg/storage/storage.go removeLeastRecent
  private async removeLeastRecent(name: string, namespace: string, maximum: number): Promise<void> {
    const h = await this.history(name, namespace);
    if (h.length <= maximum) return;
    const lastDeployed = [...h].reverse().find((r) => r.release.info.status === 'deployed');
    const doomed: number[] = [];
    for (const r of h) {
      if (h.length - doomed.length === maximum) break;
      if (!lastDeployed || r.release.version !== lastDeployed.release.version) doomed.push(r.release.version);
    }
    for (const v of doomed) await this.delete(name, namespace, v);
  }

  async update(rel: HelmRelease, labels: Record<string, string> = {}): Promise<void> {
    const secret: SecretObject = releaseSecret(rel, 'modifiedAt', labels);
    await this.client.request({ method: 'PUT', path: `${secretsPath(rel.namespace)}/${encodeURIComponent(secret.metadata.name)}`, body: secret });
  }

  async delete(name: string, namespace: string, revision: number): Promise<void> {
    try {
      await this.client.request({ method: 'DELETE', path: `${secretsPath(namespace)}/${encodeURIComponent(releaseSecretName(name, revision))}` });
    } catch (e) {
      if (!(e instanceof KubeApiError && e.status === 404)) throw e;
    }
  }
}
