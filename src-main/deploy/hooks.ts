/**
 * Chart hooks (helm.sh/hook), run as Helm's execHook does: by weight then name, each created and —
 * for Jobs and Pods — awaited to completion, with the before-hook-creation, hook-succeeded and
 * hook-failed delete policies honoured and the outcome recorded on the hook.
 */
import { BerthFailure } from '../../shared/result';
import type { ClusterSession } from './cluster';
import type { HookEvent, HelmHook } from './manifests';
import { outputLogsByPolicy } from './hook-logs';
import { helmTime } from './release-record';
import { applyResource, buildResources, deleteResource, describe, getResource, type ReleaseResource } from './resources';

function resourceOf(session: ClusterSession, hook: HelmHook, namespace: string): ReleaseResource {
  const [r] = buildResources(
    [{ source: hook.path, content: hook.manifest, head: { apiVersion: '', kind: hook.kind, name: hook.name, annotations: {} } }],
    session.apis,
    namespace,
  );
  if (!r?.info) throw new BerthFailure('deploy.failed', `The cluster does not serve the hook ${hook.kind} ${hook.name} (${hook.path}).`);
  return r;
}

async function deleteAndWait(session: ClusterSession, r: ReleaseResource, timeoutMs: number): Promise<void> {
  if (!(await deleteResource(session.client, r))) return;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && (await getResource(session.client, r))) await new Promise((ok) => setTimeout(ok, 500));
}

/** Jobs must complete and Pods succeed; anything else counts as done once created. */
async function waitForHook(session: ClusterSession, r: ReleaseResource, timeoutMs: number): Promise<void> {
  if (r.object.kind !== 'Job' && r.object.kind !== 'Pod') return;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = (await getResource(session.client, r)) as
      { status?: { succeeded?: number; phase?: string; conditions?: { type: string; status: string; message?: string }[] } } | undefined;
    // A hook created a moment ago and gone now was removed after it finished: a Job with
    // ttlSecondsAfterFinished: 0 (ingress-nginx's admission Jobs) is deleted as it completes.
    if (!live) return;
    const status = live.status ?? {};
    if (r.object.kind === 'Job') {
      const failed = status.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
      if (failed) throw new BerthFailure('deploy.failed', `Hook ${describe(r.object)} failed: ${failed.message ?? 'the job failed'}.`);
      if (status.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') || (status.succeeded ?? 0) > 0) return;
    } else {
      if (status.phase === 'Failed') throw new BerthFailure('deploy.failed', `Hook ${describe(r.object)} failed.`);
      if (status.phase === 'Succeeded') return;
    }
    if (Date.now() > deadline)
      throw new BerthFailure('deploy.timeout', `Hook ${describe(r.object)} did not complete within ${Math.round(timeoutMs / 1000)} s.`);
    await new Promise((ok) => setTimeout(ok, 1000));
  }
}

/** helm's deleteHookByPolicy (CustomResourceDefinitions are never deleted). */
async function deleteByPolicy(session: ClusterSession, hook: HelmHook, policy: string, namespace: string, timeoutMs: number): Promise<void> {
  if (hook.kind === 'CustomResourceDefinition' || !hook.delete_policies?.includes(policy)) return;
  await deleteAndWait(session, resourceOf(session, hook, namespace), timeoutMs);
}

/**
 * helm's execHook: each hook created and awaited in turn. A failed one has its logs output
 * (hook-failed) at once, then is deleted by its hook-failed policy and the ones before it by
 * hook-succeeded; when all pass, each — last first — has its logs output (hook-succeeded) and
 * is deleted by its hook-succeeded policy.
 */
export async function runHooks(session: ClusterSession, hooks: HelmHook[] | undefined, event: HookEvent, namespace: string, timeoutMs: number): Promise<void> {
  const executing = (hooks ?? [])
    .filter((h) => h.events.includes(event))
    .map((h, i) => ({ h, i }))
    .sort((a, b) => (a.h.weight ?? 0) - (b.h.weight ?? 0) || a.h.name.localeCompare(b.h.name) || a.i - b.i)
    .map((x) => x.h);
  for (const [i, hook] of executing.entries()) {
    // helm's execHook records the default policy on the hook it runs, so the release keeps it
    if (!hook.delete_policies?.length) hook.delete_policies = ['before-hook-creation'];
    const r = resourceOf(session, hook, namespace);
    if (hook.delete_policies.includes('before-hook-creation')) await deleteAndWait(session, r, timeoutMs);
    hook.last_run = { started_at: helmTime(), phase: 'Running' };
    try {
      await applyResource(session.client, r);
    } catch (e) {
      hook.last_run = { ...hook.last_run, completed_at: helmTime(), phase: 'Failed' };
      if (e instanceof BerthFailure) throw e;
      throw new BerthFailure('deploy.failed', `The ${event} hook ${describe(r.object)} failed: ${(e as Error).message}`);
    }
    try {
      await waitForHook(session, r, timeoutMs);
    } catch (e) {
      hook.last_run = { ...hook.last_run, completed_at: helmTime(), phase: 'Failed' };
      await outputLogsByPolicy(session, hook, namespace, 'hook-failed');
      await deleteByPolicy(session, hook, 'hook-failed', namespace, timeoutMs).catch(() => undefined);
      for (const before of executing.slice(0, i)) await deleteByPolicy(session, before, 'hook-succeeded', namespace, timeoutMs).catch(() => undefined);
      if (e instanceof BerthFailure) throw e;
      throw new BerthFailure('deploy.failed', `The ${event} hook ${describe(r.object)} failed: ${(e as Error).message}`);
    }
    hook.last_run = { ...hook.last_run, completed_at: helmTime(), phase: 'Succeeded' };
  }
  for (const hook of [...executing].reverse()) {
    await outputLogsByPolicy(session, hook, namespace, 'hook-succeeded');
    await deleteByPolicy(session, hook, 'hook-succeeded', namespace, timeoutMs).catch(() => undefined);
  }
}
