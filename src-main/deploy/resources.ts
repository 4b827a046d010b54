/**
 * The release's Kubernetes objects: parsed from manifests, placed in the release namespace,
 * labelled as Helm labels them, and applied, read or deleted through the API.
 */
import { parse } from 'yaml';
import { BerthFailure } from '../../shared/result';
import { resourcePath, type ClusterApis, type ResourceInfo } from './discovery';
import { KubeApiError, type KubeClient } from './kube-client';
import type { Manifest } from './manifests';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name?: string;
    generateName?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export interface ReleaseResource {
  object: KubeObject;
  /** Undefined when the cluster does not serve this apiVersion/kind. */
  info?: ResourceInfo;
  source: string;
}

/**
 * Helm applies every object with the same field manager name, its program name: using "helm"
 * means a later `helm upgrade` of a Berth release (and the reverse) does not hit server-side
 * apply conflicts over fields the other tool set.
 */
export const FIELD_MANAGER = 'helm';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const RELEASE_NAME_ANNOTATION = 'meta.helm.sh/release-name';
export const RELEASE_NAMESPACE_ANNOTATION = 'meta.helm.sh/release-namespace';
export const RESOURCE_POLICY_ANNOTATION = 'helm.sh/resource-policy';

export function describe(obj: KubeObject): string {
  const ns = obj.metadata.namespace ? `${obj.metadata.namespace}/` : '';
  return `${obj.kind} ${ns}${obj.metadata.name ?? obj.metadata.generateName ?? ''}`;
}

/** Parses manifests into objects, placing namespaced ones without a namespace in the release's. */
export function buildResources(manifests: Manifest[], apis: ClusterApis, namespace: string): ReleaseResource[] {
  const out: ReleaseResource[] = [];
  for (const m of manifests) {
    let parsed: unknown;
    try {
      parsed = parse(m.content);
    } catch (e) {
      throw new BerthFailure('chart.render-failed', `YAML parse error on ${m.source}: ${(e as Error).message}`, { file: m.source });
    }
    if (parsed === null || parsed === undefined) continue;
    const object = parsed as KubeObject;
    if (typeof object !== 'object' || !object.kind || !object.apiVersion) {
      throw new BerthFailure('chart.render-failed', `${m.source} renders a document without apiVersion and kind.`, { file: m.source });
    }
    object.metadata ??= {};
    const info = apis.find(object.apiVersion, object.kind);
    if (info?.namespaced) object.metadata.namespace ??= namespace;
    else if (info) delete object.metadata.namespace;
    out.push({ object, info, source: m.source });
  }
  return out;
}

/** Helm's setMetadataVisitor: the ownership marks `helm upgrade` checks before adopting an object. */
export function markOwnership(obj: KubeObject, releaseName: string, releaseNamespace: string): void {
  obj.metadata.labels = { ...(obj.metadata.labels ?? {}), [MANAGED_BY_LABEL]: 'Helm' };
  obj.metadata.annotations = {
    ...(obj.metadata.annotations ?? {}),
    [RELEASE_NAME_ANNOTATION]: releaseName,
    [RELEASE_NAMESPACE_ANNOTATION]: releaseNamespace,
  };
}

/** Why an existing object cannot be taken into this release (Helm's checkOwnership), or undefined. */
export function ownershipProblem(existing: KubeObject, releaseName: string, releaseNamespace: string): string | undefined {
  const problems: string[] = [];
  const labels = existing.metadata.labels ?? {};
  const annotations = existing.metadata.annotations ?? {};
  if (labels[MANAGED_BY_LABEL] !== 'Helm') problems.push(`label ${MANAGED_BY_LABEL} is “${labels[MANAGED_BY_LABEL] ?? ''}”, not “Helm”`);
  if (annotations[RELEASE_NAME_ANNOTATION] !== releaseName) problems.push(`it belongs to release “${annotations[RELEASE_NAME_ANNOTATION] ?? '(none)'}”`);
  if (annotations[RELEASE_NAMESPACE_ANNOTATION] !== releaseNamespace)
    problems.push(`its release namespace is “${annotations[RELEASE_NAMESPACE_ANNOTATION] ?? '(none)'}”`);
  return problems.length ? problems.join('; ') : undefined;
}

function pathOf(r: ReleaseResource, name = r.object.metadata.name): string {
  if (!r.info) throw new BerthFailure('deploy.failed', `The cluster does not serve ${r.object.apiVersion} ${r.object.kind}.`);
  return resourcePath(r.info, r.object.metadata.namespace, name);
}

/** Server-side apply of one object (PATCH application/apply-patch+yaml), optionally as a dry run. */
export async function applyResource(client: KubeClient, r: ReleaseResource, options: { dryRun?: boolean; force?: boolean } = {}): Promise<KubeObject> {
  if (!r.object.metadata.name) {
    // generateName objects cannot be applied; Helm creates them.
    return client.request<KubeObject>({
      method: 'POST',
      path: pathOf(r, ''),
      query: { fieldManager: FIELD_MANAGER, dryRun: options.dryRun ? 'All' : undefined },
      body: r.object,
    });
  }
  return client.request<KubeObject>({
    method: 'PATCH',
    path: pathOf(r),
    query: { fieldManager: FIELD_MANAGER, force: options.force ? true : false, dryRun: options.dryRun ? 'All' : undefined, fieldValidation: 'Strict' },
    contentType: 'application/apply-patch+yaml',
    body: r.object,
  });
}

export async function getResource(client: KubeClient, r: ReleaseResource): Promise<KubeObject | undefined> {
  try {
    return await client.request<KubeObject>({ method: 'GET', path: pathOf(r) });
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 404) return undefined;
    throw e;
  }
}

/** Deletes with background propagation (Helm's default cascade); a missing object is fine. */
export async function deleteResource(client: KubeClient, r: ReleaseResource): Promise<boolean> {
  try {
    await client.request({ method: 'DELETE', path: pathOf(r), query: { propagationPolicy: 'Background' } });
    return true;
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 404) return false;
    throw e;
  }
}

export function resourceKey(obj: KubeObject): string {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  return `${group}/${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

export function keepsOnDelete(obj: KubeObject): boolean {
  return (obj.metadata.annotations?.[RESOURCE_POLICY_ANNOTATION] ?? '').trim().toLowerCase() === 'keep';
}
