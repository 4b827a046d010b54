/**
 * Uninstall, as `helm uninstall` does it (pkg/action/uninstall.go): mark the release
 * uninstalling, run pre-delete hooks, delete its objects in uninstall order (keeping those
 * marked helm.sh/resource-policy: keep), run post-delete hooks, then drop its history — or keep
 * it as "uninstalled" with --keep-history. With --wait (helm's watcher) it waits for the deleted
 * objects and the hook deletions up to --timeout. A wait that runs out or a failed post-delete hook
 * still finishes the uninstall (purged, or kept as uninstalled), then fails it with helm's
 * "uninstallation completed with N error(s): a; b".
 */
import { BerthFailure } from '../../shared/result';
import { refusal } from '../sentences';
import type { UninstallOutcome } from '../../shared/types/deploy';
import type { ClusterSession } from './cluster';
import { deleteResources, releaseResources } from './apply-release';
import { waitForDeletion } from './hook-deletion';
import { HookFailure, runHooks } from './hooks';
import { helmTime } from './release-record';
import { timeoutMs } from './release-flow';

export interface UninstallInput {
  release: string;
  namespace: string;
  keepHistory?: boolean;
  /** helm's watcher: wait for the deleted objects and hook deletions (hookOnly, the default, does not). */
  wait?: boolean;
  /** `--wait=legacy`: helm's legacy waiter, whose deletion wait fails with "context deadline exceeded" alone. */
  legacyWait?: boolean;
  timeoutSeconds?: number;
  noHooks?: boolean;
}

export async function uninstall(session: ClusterSession, input: UninstallInput): Promise<UninstallOutcome> {
  const history = await session.releases.history(input.release, input.namespace);
  if (history.length === 0) throw refusal('not-found', 'release.notFound', { release: input.release, namespace: input.namespace });
  const last = history[history.length - 1];
  const rel = last.release;
  if (rel.info.status === 'uninstalled') {
    if (!input.keepHistory) for (const r of history) await session.releases.delete(r.release.name, input.namespace, r.release.version);
    return { release: input.release, namespace: input.namespace, deleted: [], kept: [] };
  }
  rel.info.status = 'uninstalling';
  rel.info.deleted = helmTime();
  await session.releases.update(rel, last.labels);

  const deletion = { namespace: input.namespace, timeoutMs: timeoutMs(input.timeoutSeconds), waitForDelete: !!input.wait, legacy: !!input.legacyWait };
  const hooks = input.noHooks ? [] : rel.hooks;
  await runHooks(session, hooks, 'pre-delete', deletion);
  const resources = releaseResources(session, rel.manifest ?? '', input.release, input.namespace);
  const { deleted, kept, gone } = await deleteResources(session, resources);
  // helm goes on after a wait that ran out or a failed post-delete hook, and reports them once the release is gone
  const errors: string[] = [];
  let failureCode: 'deploy.timeout' | 'deploy.failed' = 'deploy.timeout';
  const collect = (e: unknown) => {
    if (!(e instanceof BerthFailure && e.code === 'deploy.timeout')) failureCode = 'deploy.failed';
    errors.push(e instanceof HookFailure ? e.helmMessage : messageOf(e));
  };
  if (deletion.waitForDelete) await waitForDeletion(session, gone, deletion.timeoutMs, deletion.legacy).catch(collect);
  await runHooks(session, hooks, 'post-delete', deletion).catch(collect);

  if (input.keepHistory) {
    rel.info.status = 'uninstalled';
    rel.info.description = 'Uninstallation complete';
    await session.releases.update(rel, last.labels);
  } else {
    for (const r of history) await session.releases.delete(r.release.name, input.namespace, r.release.version);
  }
  if (errors.length) throw new BerthFailure(failureCode, `uninstallation completed with ${errors.length} error(s): ${errors.join('; ')}`);
  return { release: input.release, namespace: input.namespace, deleted, kept };
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
