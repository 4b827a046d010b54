/**
 * A release's live health: its workloads (ready/desired), their pods (phase, restarts, why they
 * wait) and recent events, judged green, pending or red the way `helm install --wait` judges
 * readiness (pkg/kube/ready.go), with the reason in plain words.
 */
import type { EventInfo, Health, PodStatus, ReleaseHealth, ReleaseStatus, WorkloadStatus } from '../../shared/types/deploy';
import type { Sentence } from '../../shared/result';
import type { ClusterSession } from './cluster';
import { KubeApiError } from './kube-client';
import { getResource, type KubeObject, type ReleaseResource } from './resources';

type Obj = KubeObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };

const num = (x: unknown, fallback = 0): number => (typeof x === 'number' ? x : fallback);
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'Pod', 'PersistentVolumeClaim']);

function generationObserved(o: Obj): boolean {
  const gen = num(o.metadata.generation as number | undefined, 0);
  return gen === 0 || num(o.status?.observedGeneration, 0) >= gen;
}

function conditions(o: Obj): { type: string; status: string; reason?: string; message?: string }[] {
  const c = o.status?.conditions;
  return Array.isArray(c) ? (c as { type: string; status: string; reason?: string; message?: string }[]) : [];
}

/** Ready/desired for one workload, per kind. */
/** A one-of-one object (a pod, a volume claim): ready or not, and when not, why. */
function oneOfOne(base: Pick<WorkloadStatus, 'kind' | 'name' | 'namespace'>, isReady: boolean, message: string, messageSay: Sentence): WorkloadStatus {
  return { ...base, desired: 1, ready: isReady ? 1 : 0, isReady, ...(isReady ? {} : { message, messageSay }) };
}

export function workloadStatus(o: Obj): WorkloadStatus {
  const base = { kind: o.kind, name: o.metadata.name ?? '', namespace: o.metadata.namespace ?? '' };
  const s = o.status ?? {};
  const spec = o.spec ?? {};
  switch (o.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet': {
      const desired = num(spec.replicas, 1);
      const ready = num(s.readyReplicas);
      const updated = o.kind === 'ReplicaSet' ? ready : num(s.updatedReplicas);
      let isReady = generationObserved(o) && ready >= desired && updated >= desired;
      if (o.kind === 'StatefulSet' && isReady) {
        const strategy = (spec.updateStrategy as { type?: string } | undefined)?.type ?? 'RollingUpdate';
        if (strategy === 'RollingUpdate' && s.updateRevision && s.currentRevision !== s.updateRevision && desired > 0) isReady = false;
      }
      const message = isReady
        ? undefined
        : !generationObserved(o)
          ? 'the controller has not seen the latest change yet'
          : `${ready} of ${desired} pods ready${updated < desired ? `, ${updated} updated` : ''}`;
      const messageSay: Sentence | undefined = isReady
        ? undefined
        : !generationObserved(o)
          ? { key: 'workload.notObserved' }
          : updated < desired
            ? { key: 'workload.podsReadyUpdated', values: { ready, desired, updated } }
            : { key: 'workload.podsReady', values: { ready, desired } };
      return { ...base, desired, ready, updated, isReady, ...(message ? { message, messageSay } : {}) };
    }
    case 'DaemonSet': {
      const desired = num(s.desiredNumberScheduled);
      const ready = num(s.numberReady);
      const updated = num(s.updatedNumberScheduled);
      const isReady = generationObserved(o) && ready >= desired && updated >= desired;
      return {
        ...base,
        desired,
        ready,
        updated,
        isReady,
        ...(isReady ? {} : { message: `${ready} of ${desired} pods ready`, messageSay: { key: 'workload.podsReady', values: { ready, desired } } }),
      };
    }
    case 'Job': {
      const desired = num(spec.completions, 1);
      const ready = num(s.succeeded);
      const failed = conditions(o).find((c) => c.type === 'Failed' && c.status === 'True');
      const isReady = ready >= desired;
      const message = failed ? `failed: ${failed.message ?? failed.reason ?? ''}`.trim() : isReady ? undefined : `${ready} of ${desired} completions`;
      const messageSay: Sentence | undefined = failed
        ? { key: 'workload.jobFailed', values: { reason: failed.message ?? failed.reason ?? '' } }
        : isReady
          ? undefined
          : { key: 'workload.completions', values: { ready, desired } };
      return { ...base, desired, ready, isReady, ...(message ? { message, messageSay } : {}) };
    }
    case 'Pod': {
      const ready = conditions(o).some((c) => c.type === 'Ready' && c.status === 'True') || s.phase === 'Succeeded';
      const phase = String(s.phase ?? 'Pending');
      return oneOfOne(base, ready, `pod is ${phase}`, { key: 'workload.podPhase', values: { phase } });
    }
    case 'PersistentVolumeClaim': {
      const bound = s.phase === 'Bound';
      const phase = String(s.phase ?? 'Pending');
      return oneOfOne(base, bound, `volume claim is ${phase}`, { key: 'workload.claimPhase', values: { phase } });
    }
    default:
      return { ...base, desired: 1, ready: 1, isReady: true };
  }
}

/** A pod's phase and, when it is not ready, the most telling reason. */
export function podStatus(p: Obj): PodStatus {
  const s = p.status ?? {};
  const containers = (Array.isArray(s.containerStatuses) ? s.containerStatuses : []) as {
    restartCount?: number;
    ready?: boolean;
    state?: { waiting?: { reason?: string; message?: string }; terminated?: { reason?: string; exitCode?: number } };
  }[];
  const restarts = containers.reduce((n, c) => n + num(c.restartCount), 0);
  const ready = conditions(p).some((c) => c.type === 'Ready' && c.status === 'True');
  let reason: string | undefined;
  const waiting = containers.find((c) => c.state?.waiting?.reason && c.state.waiting.reason !== 'ContainerCreating');
  const unschedulable = conditions(p).find((c) => c.type === 'PodScheduled' && c.status === 'False');
  if (waiting) reason = `${waiting.state!.waiting!.reason}${waiting.state!.waiting!.message ? `: ${waiting.state!.waiting!.message}` : ''}`;
  else if (unschedulable) reason = `${unschedulable.reason ?? 'Unschedulable'}: ${unschedulable.message ?? ''}`.trim();
  else if (!ready && typeof s.reason === 'string') reason = `${s.reason}${typeof s.message === 'string' ? `: ${s.message}` : ''}`;
  const status: PodStatus = { name: p.metadata.name ?? '', namespace: p.metadata.namespace ?? '', phase: String(s.phase ?? 'Pending'), ready, restarts };
  const node = (p.spec as { nodeName?: string } | undefined)?.nodeName;
  if (node) status.node = node;
  if (reason && !ready) status.reason = reason;
  return status;
}

function selectorOf(o: Obj): string | undefined {
  const sel = (o.spec?.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels;
  if (!sel || Object.keys(sel).length === 0) return undefined;
  return Object.entries(sel)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

interface EventObj {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  involvedObject?: { kind?: string; name?: string; namespace?: string };
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  metadata: { creationTimestamp?: string };
}

async function podsOf(session: ClusterSession, o: Obj): Promise<Obj[]> {
  if (o.kind === 'Pod') return [o];
  const selector = selectorOf(o);
  if (!selector || !o.metadata.namespace) return [];
  const list = await session.client.request<{ items: Obj[] }>({
    method: 'GET',
    path: `/api/v1/namespaces/${encodeURIComponent(o.metadata.namespace)}/pods`,
    query: { labelSelector: selector },
  });
  return list.items;
}

async function eventsIn(session: ClusterSession, namespace: string, names: Set<string>, limit: number): Promise<EventInfo[]> {
  try {
    const list = await session.client.request<{ items: EventObj[] }>({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/events` });
    return list.items
      .filter((e) => names.has(`${e.involvedObject?.kind}/${e.involvedObject?.name}`))
      .map((e) => ({
        type: e.type ?? 'Normal',
        reason: e.reason ?? '',
        message: (e.message ?? '').trim(),
        object: `${e.involvedObject?.kind} ${namespace}/${e.involvedObject?.name}`,
        count: e.series?.count ?? e.count ?? 1,
        lastSeen: e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '',
      }))
      .sort((a, b) => (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0))
      .slice(0, limit);
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 403) return [];
    throw e;
  }
}

export interface HealthInput {
  release: string;
  namespace: string;
  revision: number;
  status: ReleaseStatus;
  resources: ReleaseResource[];
}

/** Reads the release's objects and judges it. */
export async function readHealth(session: ClusterSession, input: HealthInput, eventLimit = 20): Promise<ReleaseHealth> {
  const workloads: WorkloadStatus[] = [];
  const pods: PodStatus[] = [];
  const names = new Set<string>();
  const namespaces = new Set<string>([input.namespace]);
  const missing: string[] = [];
  for (const r of input.resources) {
    if (!r.info || !WORKLOAD_KINDS.has(r.object.kind)) continue;
    const live = (await getResource(session.client, r)) as Obj | undefined;
    if (!live) {
      missing.push(`${r.object.kind} ${r.object.metadata.name}`);
      continue;
    }
    names.add(`${live.kind}/${live.metadata.name}`);
    if (live.metadata.namespace) namespaces.add(live.metadata.namespace);
    workloads.push(workloadStatus(live));
    if (live.kind === 'PersistentVolumeClaim') continue;
    for (const p of await podsOf(session, live)) {
      if (live.kind !== 'Pod') names.add(`Pod/${p.metadata.name}`);
      pods.push(podStatus(p));
    }
  }
  const events: EventInfo[] = [];
  for (const ns of namespaces) events.push(...(await eventsIn(session, ns, names, eventLimit)));
  events.sort((a, b) => (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0));

  const { health, reason, reasonSay } = judgeHealth(input.status, workloads, pods, missing);
  const out: ReleaseHealth = {
    release: input.release,
    namespace: input.namespace,
    revision: input.revision,
    status: input.status,
    health,
    workloads,
    pods,
    events: events.slice(0, eventLimit),
    checkedAt: new Date().toISOString(),
  };
  if (reason) out.reason = reason;
  if (reasonSay) out.reasonSay = reasonSay;
  return out;
}

/** Green, pending or red for a release, and why (exported for the sentence tests). */
export function judgeHealth(
  status: ReleaseStatus,
  workloads: WorkloadStatus[],
  pods: PodStatus[],
  missing: string[],
): { health: Health; reason?: string; reasonSay?: Sentence[] } {
  const red = (reason: string, key: string, values?: Sentence['values']) => ({
    health: 'red' as const,
    reason,
    reasonSay: [{ key: `health.${key}`, ...(values ? { values } : {}) }],
  });
  if (status === 'failed') return red('The last deploy of this release failed.', 'releaseFailed');
  if (status === 'uninstalled' || status === 'uninstalling') return red('The release is uninstalled.', 'uninstalled');
  const failedJob = workloads.find((w) => w.kind === 'Job' && w.message?.startsWith('failed'));
  if (failedJob) {
    const job = `${failedJob.namespace}/${failedJob.name}`;
    return red(`Job ${job} ${failedJob.message}.`, 'jobFailed', { job, reason: failedJob.message!.replace(/^failed:?\s*/, '') });
  }
  const failedPod = pods.find((p) => p.phase === 'Failed');
  if (failedPod) {
    const pod = `${failedPod.namespace}/${failedPod.name}`;
    const reason = `Pod ${pod} failed${failedPod.reason ? `: ${failedPod.reason}` : ''}.`;
    return failedPod.reason ? red(reason, 'podFailedWhy', { pod, reason: failedPod.reason }) : red(reason, 'podFailed', { pod });
  }
  if (missing.length)
    return red(`${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing from the cluster.`, 'missing', {
      objects: missing.join(', '),
      count: missing.length,
    });
  const waiting = workloads.filter((w) => !w.isReady);
  if (waiting.length === 0) return { health: 'green' };
  const w = waiting[0];
  const stuck = pods.find((p) => !p.ready && p.reason && p.namespace === w.namespace);
  const podWhy = stuck ? ` Pod ${stuck.name} is ${stuck.phase}: ${stuck.reason}` : '';
  const workload = `${w.kind} ${w.namespace}/${w.name}`;
  const reasonSay: Sentence[] = [{ key: 'health.waiting', values: { workload, ready: w.ready, desired: w.desired } }];
  if (stuck) reasonSay.push({ key: 'health.podStuck', values: { pod: stuck.name, phase: stuck.phase, reason: stuck.reason! } });
  return { health: 'pending', reason: `${workload}: ${w.message ?? 'not ready'}.${podWhy}`.trim(), reasonSay };
}
