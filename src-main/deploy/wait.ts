/** Waiting for a release to turn green, reporting each change of its health on the way. */
import type { ReleaseHealth } from '../../shared/types/deploy';
import type { ClusterSession } from './cluster';
import { readHealth, type HealthInput } from './health';

export const DEFAULT_TIMEOUT_SECONDS = 300;
// Poll quickly at first (10 a second), when most releases turn ready, then every second (helm watches instead).
const FIRST_POLL_MS = 100;
const POLL_MS = 1000;
const QUICK_POLLS_MS = 5000;

function fingerprint(h: ReleaseHealth): string {
  return JSON.stringify([h.health, h.reason, h.workloads, h.pods, h.events.map((e) => [e.reason, e.count, e.object])]);
}

/**
 * Polls until the release is green, red with a terminal reason, or the timeout passes; then
 * returns the last health (red and `timedOut` on timeout, with what was still not ready).
 */
export async function waitForRelease(
  session: ClusterSession,
  input: HealthInput,
  timeoutMs: number,
  onUpdate?: (h: ReleaseHealth) => void,
  signal?: AbortSignal,
): Promise<ReleaseHealth> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let last = '';
  for (;;) {
    const h = await readHealth(session, input);
    const fp = fingerprint(h);
    if (fp !== last) {
      last = fp;
      onUpdate?.(h);
    }
    if (h.health !== 'pending') return h;
    if (Date.now() >= deadline || signal?.aborted) {
      const seconds = Math.round(timeoutMs / 1000);
      const timedOut: ReleaseHealth = {
        ...h,
        health: 'red',
        timedOut: true,
        reason:
          `Timed out after ${seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`} waiting for release ${input.release} to become ready. ${h.reason ?? ''}`.trim(),
        reasonSay: [{ key: 'health.timedOut', values: { seconds, release: input.release } }, ...(h.reasonSay ?? [])],
      };
      onUpdate?.(timedOut);
      return timedOut;
    }
    const interval = Date.now() - started < QUICK_POLLS_MS ? FIRST_POLL_MS : POLL_MS;
    await new Promise((r) => setTimeout(r, Math.min(interval, Math.max(0, deadline - Date.now()))));
  }
}
