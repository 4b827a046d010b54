/**
 * Live status of watched releases: each is probed every few seconds and its health pushed when
 * it changes; a watched test deploy records its outcome once it settles green or red (once per
 * revision and outcome). A watch ends after 30 minutes, on unwatch, or when the release is gone.
 */
import type { ReleaseHealth } from '../../shared/types/deploy';
import type { TestSuiteRecord } from '../../shared/types/review-tools';

export interface WatchProbe {
  health: ReleaseHealth;
  /** The catalog version when the release is a test deploy. */
  testVersion?: string;
  context: string;
  kubeVersion: string;
  /** The chart's tests as the release records their last run. */
  tests?: TestSuiteRecord;
}

export interface SettledTestDeploy {
  version: string;
  health: ReleaseHealth;
  context: string;
  kubeVersion: string;
  tests?: TestSuiteRecord;
}

const INTERVAL_MS = 2_000;
const MAX_MS = 30 * 60_000;

interface Watch {
  timer: NodeJS.Timeout;
  last: string;
  until: number;
  recorded?: string;
}

const fingerprint = (h: ReleaseHealth) => JSON.stringify({ ...h, checkedAt: '' });

export class ReleaseWatches {
  private readonly watches = new Map<string, Watch>();

  constructor(
    private readonly onStatus: (h: ReleaseHealth) => void,
    private readonly onSettled: (s: SettledTestDeploy) => Promise<void>,
  ) {}

  /** Starts (or renews) a watch; `probe` reads the release's health now. */
  async watch(namespace: string, release: string, probe: () => Promise<WatchProbe>): Promise<ReleaseHealth> {
    const first = await probe();
    const key = `${namespace}/${release}`;
    const existing = this.watches.get(key);
    if (existing) {
      existing.until = Date.now() + MAX_MS;
      return first.health;
    }
    const watch: Watch = { last: fingerprint(first.health), until: Date.now() + MAX_MS, timer: setInterval(() => void tick(), INTERVAL_MS) };
    watch.timer.unref?.();
    const settle = async (p: WatchProbe) => {
      if (!p.testVersion || p.health.health === 'pending') return;
      const mark = `${p.health.revision}/${p.health.health}`;
      if (watch.recorded === mark) return;
      watch.recorded = mark;
      await this.onSettled({
        version: p.testVersion,
        health: p.health,
        context: p.context,
        kubeVersion: p.kubeVersion,
        ...(p.tests ? { tests: p.tests } : {}),
      });
    };
    const tick = async () => {
      if (Date.now() > watch.until) return this.unwatch(namespace, release);
      try {
        const p = await probe();
        const fp = fingerprint(p.health);
        if (fp !== watch.last) {
          watch.last = fp;
          this.onStatus(p.health);
        }
        await settle(p);
      } catch {
        // The release went away or the cluster is unreachable: stop; the UI asks again when it wants to.
        this.unwatch(namespace, release);
      }
    };
    this.watches.set(key, watch);
    await settle(first);
    return first.health;
  }

  /** Stops watching; without a namespace, the release in every namespace. */
  unwatch(namespace: string | undefined, release: string): { watching: number } {
    for (const [key, w] of this.watches) {
      if (key === `${namespace}/${release}` || (!namespace && key.endsWith(`/${release}`))) {
        clearInterval(w.timer);
        this.watches.delete(key);
      }
    }
    return { watching: this.watches.size };
  }

  close(): void {
    for (const w of this.watches.values()) clearInterval(w.timer);
    this.watches.clear();
  }
}
