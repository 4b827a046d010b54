import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallName, RequestOf, ResultOf } from '../../shared/contract';
import type { BerthError, Result } from '../../shared/result';
import { call } from '../api';
import { useSession } from '../app/session';

/** Calls asked before the view that shows them mounted (prefetch), by name and request. */
const early = new Map<string, { revision: number; answer: Promise<Result<unknown>> }>();

/**
 * Asks a call before the view that shows it is rendered (the store's first list, asked while
 * the page's code, settings and session still load): the view's first ask of the same call
 * takes this answer, unless the catalog changed meanwhile.
 */
export function prefetch<K extends CallName>(name: K, request: RequestOf<K>): void {
  early.set(`${name} ${JSON.stringify(request)}`, { revision: useSession.getState().revision, answer: call(name, request) });
}

function ask<K extends CallName>(name: K, key: string, revision: number): Promise<Result<ResultOf<K>>> {
  const ahead = early.get(`${name} ${key}`);
  early.delete(`${name} ${key}`);
  if (ahead && ahead.revision === revision) return ahead.answer as Promise<Result<ResultOf<K>>>;
  return call(name, JSON.parse(key) as RequestOf<K>);
}

export interface Query<T> {
  data: T | undefined;
  error: BerthError | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Runs one contract call and runs it again whenever the catalog changes (a command,
 * a sync, an import) or the request changes. Keeps showing the last data while reloading.
 * Pass `null` as the request to skip the call.
 */
export function useCatalogQuery<K extends CallName>(name: K, request: RequestOf<K> | null): Query<ResultOf<K>> {
  const revision = useSession((s) => s.revision);
  const [state, setState] = useState<{ data?: ResultOf<K>; error?: BerthError; loading: boolean }>({ loading: request !== null });
  const [nonce, setNonce] = useState(0);
  const key = request === null ? null : JSON.stringify(request);
  const latest = useRef(0);

  useEffect(() => {
    if (key === null) return;
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    void ask(name, key, revision).then((r) => {
      if (ticket !== latest.current) return;
      setState(r.ok ? { data: r.value, loading: false } : { error: r.error, loading: false, data: undefined });
    });
  }, [name, key, revision, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Like useCatalogQuery for composed loads (several calls, or the chart helpers). `key` null skips. */
export function useCatalogResult<T>(key: string | null, load: () => Promise<Result<T>>): Query<T> {
  const revision = useSession((s) => s.revision);
  const [state, setState] = useState<{ data?: T; error?: BerthError; loading: boolean; key?: string | null }>({ loading: key !== null });
  const [nonce, setNonce] = useState(0);
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    if (key === null) return;
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    void loader.current().then((r) => {
      if (ticket !== latest.current) return;
      setState(r.ok ? { data: r.value, loading: false, key } : { error: r.error, loading: false, key });
    });
  }, [key, revision, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  // data of another key is never shown
  const fresh = state.key === key;
  return { data: fresh ? state.data : undefined, error: fresh ? state.error : undefined, loading: state.loading || !fresh, reload };
}
