/**
 * What chart hooks (hooks.ts) and `helm test` (release-test.ts) share, as helm v4.1.4's
 * pkg/action/hooks.go does it for both: the order hooks run in, the default delete policy, and
 * deleteHookByPolicy with the deferred deletions execHookWithDelayedShutdown hands back.
 *
 * Whether a deletion is waited for is the waiter's choice, not the policy's: helm's watcher
 * waits up to the timeout and fails with "resource Kind/ns/name still exists …"; the hookOnly
 * waiter (install, upgrade, rollback and uninstall without --wait) sends the DELETE and goes on.
 * `helm test` always uses the watcher.
 */
import { BerthFailure } from '../../shared/result';
import type { ClusterSession } from './cluster';
import { outputLogsByPolicy, slogInfo } from './hook-logs';
import type { HookEvent, HelmHook } from './manifests';
import { buildResources, deleteResource, getResource, type ReleaseResource } from './resources';

export type HookDeletePolicy = 'before-hook-creation' | 'hook-succeeded' | 'hook-failed';

export interface HookDeletion {
  /** The release's namespace (a hook's own metadata.namespace wins). */
  namespace: string;
  /** helm's --timeout, for each wait. */
  timeoutMs: number;
  /** helm's watcher strategy (--wait, and always for `helm test`): wait for each deletion to finish. */
  waitForDelete: boolean;
  /** helm's legacy waiter (`--wait=legacy`): at the timeout only "context deadline exceeded". */
  legacy?: boolean;
}

const POLL_MS = 500;

/** The hooks for `event`, by weight then name (Go's byte order), others in the release's order: helm's sort.Stable(hookByWeight). */
export function hooksFor(hooks: HelmHook[] | undefined, event: HookEvent): HelmHook[] {
  return (hooks ?? []).filter((h) => h.events.includes(event)).sort(byWeight);
}

export function byWeight(a: HelmHook, b: HelmHook): number {
  return (a.weight ?? 0) - (b.weight ?? 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** helm's hookSetDeletePolicy: a hook with no policy gets before-hook-creation, and the release records it so. */
export function setDefaultDeletePolicy(hook: HelmHook): void {
  if (!hook.delete_policies?.length) hook.delete_policies = ['before-hook-creation'];
}

/** The hook's object as the cluster serves it; `purpose` names it in helm's error ("pre-install hook", "deleting hook"). */
export function hookResource(session: ClusterSession, hook: HelmHook, namespace: string, purpose: string): ReleaseResource {
  const [r] = buildResources(
    [{ source: hook.path, content: hook.manifest, head: { apiVersion: '', kind: hook.kind, name: hook.name, annotations: {} } }],
    session.apis,
    namespace,
  );
  if (!r?.info) throw new BerthFailure('deploy.failed', `unable to build kubernetes object for ${purpose} ${hook.path}: the cluster does not serve ${hook.kind}`);
  return r;
}

/**
 * helm's statusWaiter.WaitForDelete: every object gone, or helm's error at the timeout — one
 * "still exists" line per object left, in the given order, then "context deadline exceeded".
 * helm's legacyWaiter (`legacy`) fails with "context deadline exceeded" alone.
 */
export async function waitForDeletion(session: ClusterSession, resources: ReleaseResource[], timeoutMs: number, legacy = false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = [];
    for (const r of resources) {
      const live = await getResource(session.client, r);
      if (live) left.push({ r, terminating: !!live.metadata.deletionTimestamp });
    }
    if (left.length === 0) return;
    if (Date.now() >= deadline) {
      const lines = legacy ? [] : left.map(({ r, terminating }) => `resource ${whereOf(r)} still exists. ${terminating ? TERMINATING : CURRENT}`);
      throw new BerthFailure('deploy.timeout', [...lines, 'context deadline exceeded'].join('\n'));
    }
    await new Promise((ok) => setTimeout(ok, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
  }
}

// kstatus: an object with a deletionTimestamp is Terminating; one without it is Current
const TERMINATING = 'status: Terminating, message: Resource scheduled for deletion';
const CURRENT = 'status: Current, message: Resource is current';

const whereOf = (r: ReleaseResource) => `${r.object.kind}/${r.object.metadata.namespace ?? ''}/${r.object.metadata.name}`;

/** helm's deleteHookByPolicy: deletes the hook (background propagation) when it carries `policy`; never a CustomResourceDefinition. */
export async function deleteHookByPolicy(session: ClusterSession, hook: HelmHook, policy: HookDeletePolicy, d: HookDeletion): Promise<void> {
  // deleting a CRD could cascade through the whole cluster
  if (hook.kind === 'CustomResourceDefinition' || !hook.delete_policies?.includes(policy)) return;
  const r = hookResource(session, hook, d.namespace, 'deleting hook');
  if (!(await deleteResource(session.client, r))) return;
  if (d.waitForDelete) await waitForDeletion(session, [r], d.timeoutMs, d.legacy);
}

/**
 * What helm runs once a hook failed: the failed hook deleted by its hook-failed policy (an error
 * there is only logged), then the hooks that passed before it by hook-succeeded (an error there
 * is thrown).
 */
export async function deleteAfterFailure(session: ClusterSession, failed: HelmHook, before: HelmHook[], d: HookDeletion): Promise<void> {
  try {
    await deleteHookByPolicy(session, failed, 'hook-failed', d);
  } catch (e) {
    session.hookOutput?.(slogInfo(`error deleting the hook resource on hook failure: ${e instanceof Error ? e.message : String(e)}`));
  }
  for (const h of before) await deleteHookByPolicy(session, h, 'hook-succeeded', d);
}

/** What helm runs once every hook passed: last first, each hook's logs (hook-output-log-policy) then its hook-succeeded deletion. */
export async function finishAfterSuccess(session: ClusterSession, executing: HelmHook[], d: HookDeletion): Promise<void> {
  for (const h of [...executing].reverse()) {
    await outputLogsByPolicy(session, h, d.namespace, 'hook-succeeded');
    await deleteHookByPolicy(session, h, 'hook-succeeded', d);
  }
}
