import { useMemo } from 'react';
import { create } from 'zustand';
import type { ClusterTarget, KubeconfigInfo } from '../../../shared/types/deploy';
import type { BerthError } from '../../../shared/result';
import { call } from '../../api';

/**
 * The cluster this person deploys to: a kubeconfig file (or $KUBECONFIG / ~/.kube/config),
 * a context and a namespace. Shared by the deploy dialog and the instances page, so a choice
 * made in one is the default in the other. Defaults come from the kubeconfig's current
 * context and that context's namespace.
 */
export interface ClusterTargetState {
  /** A kubeconfig file chosen by the person; undefined = $KUBECONFIG or ~/.kube/config. */
  kubeconfig?: string;
  context?: string;
  namespace: string;
  /** What `deploy.kubeconfig` returned (undefined until loaded, or when it failed). */
  info?: KubeconfigInfo;
  /** Why the kubeconfig could not be read (missing, unreadable), for a plain message. */
  error?: BerthError;
  loading: boolean;
  /** Reads the kubeconfig; keeps the chosen context when it still exists, otherwise picks the current one. */
  load(): Promise<void>;
  setKubeconfig(path: string | undefined): Promise<void>;
  setContext(context: string): void;
  setNamespace(namespace: string): void;
}

export const useClusterTarget = create<ClusterTargetState>((set, get) => ({
  namespace: 'default',
  loading: false,
  async load() {
    set({ loading: true });
    const r = await call('deploy.kubeconfig', get().kubeconfig ? { kubeconfig: get().kubeconfig } : {});
    if (!r.ok) {
      set({ loading: false, info: undefined, error: r.error });
      return;
    }
    const info = r.value;
    const chosen = info.contexts.find((c) => c.name === get().context) ?? info.contexts.find((c) => c.current) ?? info.contexts[0];
    const keepNamespace = chosen && chosen.name === get().context;
    set({ loading: false, info, error: undefined, context: chosen?.name, namespace: keepNamespace ? get().namespace : (chosen?.namespace ?? 'default') });
  },
  async setKubeconfig(path) {
    set({ kubeconfig: path?.trim() || undefined, context: undefined });
    await get().load();
  },
  setContext(context) {
    const ctx = get().info?.contexts.find((c) => c.name === context);
    set({ context, namespace: ctx?.namespace ?? 'default' });
  },
  setNamespace(namespace) {
    set({ namespace });
  },
}));

/** The `target` every deploy.* call takes, from the current choice. */
export function clusterTargetOf(s: Pick<ClusterTargetState, 'kubeconfig' | 'context'>): ClusterTarget {
  return { ...(s.context ? { context: s.context } : {}), ...(s.kubeconfig ? { kubeconfig: s.kubeconfig } : {}) };
}

/** The current target as a hook value (stable for equal choices). */
export function useTarget(): ClusterTarget {
  const kubeconfig = useClusterTarget((s) => s.kubeconfig);
  const context = useClusterTarget((s) => s.context);
  return useMemo(() => clusterTargetOf({ kubeconfig, context }), [kubeconfig, context]);
}
