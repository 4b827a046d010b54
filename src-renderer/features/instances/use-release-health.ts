import { useEffect, useState } from 'react';
import type { ClusterTarget, ReleaseHealth } from '../../../shared/types/deploy';
import type { BerthError } from '../../../shared/result';
import { call, onEvent } from '../../api';

/**
 * The live health of one release: `deploy.watch` answers with the health now and the main
 * side pushes `deploy.status` on every change (also while an upgrade or rollback waits).
 * The watch ends when the view goes away.
 */
export function useReleaseHealth(target: ClusterTarget, namespace: string, release: string, enabled = true): { health?: ReleaseHealth; error?: BerthError } {
  const [health, setHealth] = useState<ReleaseHealth>();
  const [error, setError] = useState<BerthError>();
  const key = JSON.stringify([target, namespace, release]);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setHealth(undefined);
    setError(undefined);
    const off = onEvent((name, payload) => {
      if (name !== 'deploy.status') return;
      const h = payload as ReleaseHealth;
      if (live && h.release === release && h.namespace === namespace) setHealth(h);
    });
    void call('deploy.watch', { target, namespace, release }).then((r) => {
      if (!live) return;
      if (r.ok) setHealth((h) => (h && h.checkedAt > r.value.checkedAt ? h : r.value));
      else setError(r.error);
    });
    return () => {
      live = false;
      off();
      void call('deploy.unwatch', { namespace, release });
    };
    // the key covers target, namespace and release
  }, [key, enabled]);

  return { health, error };
}
