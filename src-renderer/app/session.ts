/**
 * Who is using Berth and what the catalog looks like from here: the session (identity,
 * roles, connection), the sync status, and a revision counter that views watch to refetch
 * when the catalog changes (a command, a sync, an import).
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import type { Session, SyncStatus } from '../../shared/types/catalog';
import type { Sentence } from '../../shared/result';
import { call, onEvent } from '../api';
import { callOrTakeEarly } from '../early-calls';
import { visibleWorkspaces, type Role, type Workspace } from './pages';

interface SessionState {
  session: Session | null;
  /** Set when session.get itself failed (e.g. the service is unreachable). */
  loadError?: string;
  sync: SyncStatus;
  syncing: boolean;
  revision: number;
  /** `changed` false: only who we are and the sync status are fetched; views keep their data (the first load). */
  refresh(changed?: boolean): Promise<void>;
  /** `offline`: the store was unreachable (the UI words that itself); otherwise `message` says what failed. */
  /** `findings`: what the sync found wrong in the store (and put right where it could). */
  syncNow(): Promise<{ ok: true; findings: number; repaired: number } | { ok: false; offline: boolean; message: string; say?: Sentence }>;
}

export const useSession = create<SessionState>((set, get) => ({
  session: null,
  sync: { state: 'not-connected', pending: 0 },
  syncing: false,
  revision: 0,
  async refresh(changed = true) {
    // the first load takes the answers asked as the page started (boot.ts)
    const ask = changed ? call : callOrTakeEarly;
    const [session, status] = await Promise.all([ask('session.get', {}), ask('catalog.status', {})]);
    if (session.ok) set({ session: session.value, loadError: undefined });
    // only a failing transport is a service problem; anything else means "no catalog yet"
    else set({ session: null, loadError: session.error.code === 'internal' ? session.error.message : undefined });
    if (status.ok) set({ sync: status.value.sync });
    if (changed) set({ revision: get().revision + 1 });
  },
  async syncNow() {
    if (get().syncing) return { ok: true, findings: 0, repaired: 0 };
    set({ syncing: true, sync: { ...get().sync, state: 'syncing' } });
    const r = await call('catalog.sync', {});
    set({ syncing: false });
    if (r.ok) {
      set({ sync: r.value.status });
      await get().refresh();
      // an unreachable store is not an error of the call: the report says offline, with why
      if (r.value.status.state === 'offline') return { ok: false, offline: true, message: r.value.status.message ?? '', say: r.value.status.say };
      return { ok: true, findings: r.value.findings.length, repaired: r.value.findings.filter((f) => f.repaired).length };
    }
    const status = await call('catalog.status', {});
    if (status.ok) set({ sync: status.value.sync });
    return { ok: false, offline: r.error.code === 'sync.unreachable', message: r.error.message, say: r.error.say };
  },
}));

/** The roles shown workspaces depend on: platform roles plus `isv` from any workspace. */
export function rolesOf(session: Session | null): Role[] | undefined {
  if (!session || !session.connected) return undefined;
  const roles: Role[] = [...session.platformRoles];
  if (session.workspaces.some((w) => w.role === 'isv')) roles.push('isv');
  return roles;
}

export function useRoles(): Role[] | undefined {
  const session = useSession((s) => s.session);
  return useMemo(() => rolesOf(session), [session]);
}

export function useHasRole(...wanted: Role[]): boolean {
  const roles = useRoles();
  return roles !== undefined && wanted.some((r) => roles.includes(r));
}

/** The workspaces the current identity may open. Until the catalog knows who we are, all of them. */
export function useVisibleWorkspaces(): Workspace[] {
  const roles = useRoles();
  return useMemo(() => visibleWorkspaces(roles), [roles]);
}

/** Bumps on every catalog change so views refetch; call once at start. */
export function startSession(): void {
  // nothing changed yet: a view that asked before the session came keeps its answer (the
  // store's first list is not asked twice)
  void useSession.getState().refresh(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onEvent((name, payload) => {
    if (name === 'sync.status') useSession.setState({ sync: payload as SyncStatus });
    if (name === 'catalog.changed') {
      // coalesce bursts (a sync applies many events) into one refetch
      clearTimeout(timer);
      timer = setTimeout(() => void useSession.getState().refresh(), 150);
    }
  });
}
