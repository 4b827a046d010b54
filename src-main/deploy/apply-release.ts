/**
 * Moving the cluster from one release manifest to another, as Helm's kube client does: apply
 * every target object with server-side apply in install order, then delete what the old
 * manifest had and the new one lacks — except objects marked helm.sh/resource-policy: keep.
 */
import { BerthFailure } from '../../shared/result';
import type { ClusterSession } from './cluster';
import { KubeApiError } from './kube-client';
import { INSTALL_ORDER, manifestsOf, sortByKind, UNINSTALL_ORDER } from './manifests';
import { applyResource, buildResources, deleteResource, describe, keepsOnDelete, markOwnership, resourceKey, type ReleaseResource } from './resources';

/** The objects of a stored release manifest, ready to apply (ownership marks included). */
export function releaseResources(session: ClusterSession, manifest: string, releaseName: string, namespace: string): ReleaseResource[] {
  const resources = buildResources(manifestsOf(manifest), session.apis, namespace);
  for (const r of resources) markOwnership(r.object, releaseName, namespace);
  return resources;
}

function failure(r: ReleaseResource, e: unknown): BerthFailure {
  if (e instanceof BerthFailure) return e;
  const why = e instanceof KubeApiError ? e.message : (e as Error).message;
  return new BerthFailure('deploy.failed', `Kubernetes refused ${describe(r.object)}: ${why}`, { resource: describe(r.object) });
}

export interface ApplyResult {
  applied: string[];
  deleted: string[];
  kept: string[];
}

/** Applies `target` in install order and prunes objects of `current` that `target` no longer has. */
export async function updateResources(
  session: ClusterSession,
  current: ReleaseResource[],
  target: ReleaseResource[],
  options: { force?: boolean } = {},
): Promise<ApplyResult> {
  const result: ApplyResult = { applied: [], deleted: [], kept: [] };
  for (const r of sortByKind(target, (x) => x.object.kind, INSTALL_ORDER)) {
    if (!r.info) throw new BerthFailure('deploy.failed', `The cluster does not serve ${r.object.apiVersion} ${r.object.kind} (${describe(r.object)}).`);
    try {
      await applyResource(session.client, r, { force: options.force });
    } catch (e) {
      throw failure(r, e);
    }
    result.applied.push(describe(r.object));
  }
  const wanted = new Set(target.map((r) => resourceKey(r.object)));
  const stale = current.filter((r) => !wanted.has(resourceKey(r.object)));
  const pruned = await deleteResources(session, stale);
  result.deleted = pruned.deleted;
  result.kept = pruned.kept;
  return result;
}

/** Deletes objects in uninstall order, leaving those marked helm.sh/resource-policy: keep; `gone` are the objects deleted. */
export async function deleteResources(
  session: ClusterSession,
  resources: ReleaseResource[],
): Promise<{ deleted: string[]; kept: string[]; gone: ReleaseResource[] }> {
  const kept: string[] = [];
  const gone: ReleaseResource[] = [];
  for (const r of sortByKind(resources, (x) => x.object.kind, UNINSTALL_ORDER)) {
    if (keepsOnDelete(r.object)) {
      kept.push(describe(r.object));
      continue;
    }
    if (!r.info) continue; // the cluster does not serve it, so nothing of it can exist
    try {
      if (await deleteResource(session.client, r)) gone.push(r);
    } catch (e) {
      throw failure(r, e);
    }
  }
  return { deleted: gone.map((r) => describe(r.object)), kept, gone };
}
