/** What install, upgrade and rollback share: names, values, record bookkeeping, waiting. */
import { BerthFailure } from '../../shared/result';
import { refusal } from '../sentences';
import type { ReleaseHealth, ReleaseOutcome } from '../../shared/types/deploy';
import type { ClusterSession } from './cluster';
import type { Values } from './helm-chart';
import { releaseResources } from './apply-release';
import type { ReleaseResource } from './resources';
import type { HelmRelease } from './release-record';
import type { StoredRelease } from './release-store';
import { summarizeRelease } from './summaries';
import { DEFAULT_TIMEOUT_SECONDS, waitForRelease } from './wait';
import type { ChartRenderer, CrdLister } from './render-release';

export interface FlowOptions {
  renderer: ChartRenderer;
  /** The chart's CRD files, created before an install renders. */
  crds: CrdLister;
  /** Called with each change of health while waiting. */
  onHealth?: (h: ReleaseHealth) => void;
}

// Helm's ValidateReleaseName (pkg/chart/common/util): a DNS-1123 subdomain of at most 53 characters.
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function validateReleaseName(name: string): void {
  if (!name || name.length > 53 || !RELEASE_NAME.test(name)) {
    throw refusal('input.invalid', 'release.badName', { name }, { field: 'release' });
  }
}

export function timeoutMs(seconds: number | undefined): number {
  return Math.max(1, seconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
}

export function asValues(x: Record<string, unknown> | undefined): Values {
  if (x === undefined || x === null) return {};
  if (typeof x !== 'object' || Array.isArray(x)) throw refusal('input.invalid', 'release.valuesNotMap', undefined, { field: 'values' });
  return JSON.parse(JSON.stringify(x)) as Values;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Waits for a freshly applied release (--wait) and gives its health; a red result is thrown
 * (deploy.timeout when the wait ran out, else deploy.failed), for the caller to record the
 * release failed. `applied` are the objects just applied (their manifest is not parsed again).
 */
export async function waitOrFail(
  session: ClusterSession,
  rel: HelmRelease,
  seconds: number | undefined,
  options: FlowOptions,
  applied?: ReleaseResource[],
): Promise<ReleaseHealth> {
  const resources = applied ?? releaseResources(session, rel.manifest ?? '', rel.name, rel.namespace);
  const health = await waitForRelease(
    session,
    { release: rel.name, namespace: rel.namespace, revision: rel.version, status: rel.info.status ?? 'unknown', resources },
    timeoutMs(seconds),
    options.onHealth,
  );
  if (health.health === 'red')
    {
    const code = health.timedOut ? 'deploy.timeout' : 'deploy.failed';
    throw health.reason ? new BerthFailure(code, health.reason) : refusal(code, 'release.notReady');
  }
  return health;
}

export function outcome(stored: StoredRelease, health?: ReleaseHealth): ReleaseOutcome {
  const o: ReleaseOutcome = { release: summarizeRelease(stored), notes: stored.release.info.notes ?? '', manifest: stored.release.manifest ?? '' };
  if (health) o.health = health;
  return o;
}
