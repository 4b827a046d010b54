/**
 * Chart hooks (helm.sh/hook), run as Helm's execHook does: by weight then name, each created and —
 * for Jobs and Pods — awaited to completion, with helm's delete policies (hook-deletion.ts)
 * honoured and the outcome recorded on the hook.
 */
import { BerthFailure } from '../../shared/result';
import type { ClusterSession } from './cluster';
import type { HookEvent, HelmHook } from './manifests';
import { deleteAfterFailure, deleteHookByPolicy, finishAfterSuccess, hookResource, hooksFor, setDefaultDeletePolicy, type HookDeletion } from './hook-deletion';
import { outputLogsByPolicy } from './hook-logs';
import { helmTime } from './release-record';
import { applyResource, describe, getResource, type ReleaseResource } from './resources';

/** A hook that failed or timed out, with the words helm's waiter uses for it (uninstall reports those). */
export class HookFailure extends BerthFailure {
  constructor(
    code: 'deploy.failed' | 'deploy.timeout',
    message: string,
    readonly helmMessage: string,
  ) {
    super(code, message);
  }
}

const helmNotReady = (r: ReleaseResource, status: string, message: string) =>
  `resource ${r.object.kind}/${r.object.metadata.namespace ?? ''}/${r.object.metadata.name} not ready. status: ${status}, message: ${message}`;

interface LiveHook {
  spec?: { parallelism?: number; completions?: number };
  status?: { succeeded?: number; failed?: number; phase?: string; conditions?: { type: string; status: string; message?: string }[] };
}

/** Jobs must complete and Pods succeed; anything else counts as done once created. */
async function waitForHook(session: ClusterSession, r: ReleaseResource, timeoutMs: number): Promise<void> {
  if (r.object.kind !== 'Job' && r.object.kind !== 'Pod') return;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = (await getResource(session.client, r)) as LiveHook | undefined;
    // A hook created a moment ago and gone now was removed after it finished: a Job with
    // ttlSecondsAfterFinished: 0 (ingress-nginx's admission Jobs) is deleted as it completes.
    if (!live) return;
    const status = live.status ?? {};
    if (r.object.kind === 'Job') {
      const failed = status.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
      if (failed) {
        const completions = live.spec?.completions ?? live.spec?.parallelism ?? 1;
        const helm = helmNotReady(r, 'Failed', `Job Failed. failed: ${status.failed ?? 0}/${completions}`);
        throw new HookFailure('deploy.failed', `Hook ${describe(r.object)} failed: ${failed.message ?? 'the job failed'}.`, helm);
      }
      if (status.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') || (status.succeeded ?? 0) > 0) return;
    } else {
      if (status.phase === 'Failed')
        throw new HookFailure('deploy.failed', `Hook ${describe(r.object)} failed.`, helmNotReady(r, 'Failed', `pod ${r.object.metadata.name} failed`));
      if (status.phase === 'Succeeded') return;
    }
    if (Date.now() > deadline) {
      const inProgress = r.object.kind === 'Job' ? 'Job in progress' : 'Pod in progress';
      const helm = `${helmNotReady(r, 'InProgress', inProgress)}\ncontext deadline exceeded`;
      throw new HookFailure('deploy.timeout', `Hook ${describe(r.object)} did not complete within ${Math.round(timeoutMs / 1000)} s.`, helm);
    }
    await new Promise((ok) => setTimeout(ok, 1000));
  }
}

/**
 * helm's execHook: each hook created and awaited in turn, after its before-hook-creation
 * deletion. A failed one has its logs output (hook-failed) at once, then is deleted by its
 * hook-failed policy and the ones before it by hook-succeeded; when all pass, each — last
 * first — has its logs output (hook-succeeded) and is deleted by its hook-succeeded policy.
 * Deletions follow helm's waiter (hook-deletion.ts): waited for only with --wait.
 */
export async function runHooks(session: ClusterSession, hooks: HelmHook[] | undefined, event: HookEvent, d: HookDeletion): Promise<void> {
  const executing = hooksFor(hooks, event);
  for (const [i, hook] of executing.entries()) {
    // helm's execHook records the default policy on the hook it runs, so the release keeps it
    setDefaultDeletePolicy(hook);
    await deleteHookByPolicy(session, hook, 'before-hook-creation', d);
    const r = hookResource(session, hook, d.namespace, `${event} hook`);
    hook.last_run = { started_at: helmTime(), phase: 'Running' };
    try {
      await applyResource(session.client, r);
    } catch (e) {
      hook.last_run = { ...hook.last_run, completed_at: helmTime(), phase: 'Failed' };
      if (e instanceof BerthFailure) throw e;
      throw new BerthFailure('deploy.failed', `The ${event} hook ${describe(r.object)} failed: ${(e as Error).message}`);
    }
    try {
      await waitForHook(session, r, d.timeoutMs);
    } catch (e) {
      hook.last_run = { ...hook.last_run, completed_at: helmTime(), phase: 'Failed' };
      await outputLogsByPolicy(session, hook, d.namespace, 'hook-failed');
      await deleteAfterFailure(session, hook, executing.slice(0, i), d);
      if (e instanceof BerthFailure) throw e;
      throw new BerthFailure('deploy.failed', `The ${event} hook ${describe(r.object)} failed: ${(e as Error).message}`);
    }
    hook.last_run = { ...hook.last_run, completed_at: helmTime(), phase: 'Succeeded' };
  }
  await finishAfterSuccess(session, executing, d);
}
