import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallName, RequestOf, ResultOf } from '../../shared/contract';
import type { BerthError, Result } from '../../shared/result';
import { call } from '../api';
import { settledEarly, takeEarly } from '../early-calls';
import { useSession } from '../app/session';

/**
 * The view's ask: a call asked at start (boot.ts, early-calls.ts) answers the view's first ask of
 * the same call and request, unless the catalog changed meanwhile (revision 0: nothing changed).
 */
function ask<K extends CallName>(name: K, key: string, revision: number): Promise<Result<ResultOf<K>>> {
  const request = JSON.parse(key) as RequestOf<K>;
  return (revision === 0 ? takeEarly(name, request) : undefined) ?? call(name, request);
}

/** The answer asked at start if it is already in and still current: the first render shows it, with no loading pass. */
function settled<K extends CallName>(name: K, key: string | null, revision: number): Result<ResultOf<K>> | undefined {
  return key === null || revision !== 0 ? undefined : settledEarly(name, JSON.parse(key) as RequestOf<K>);
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
  const key = request === null ? null : JSON.stringify(request);
  const [state, setState] = useState<{ data?: ResultOf<K>; error?: BerthError; loading: boolean }>(() => {
    const seed = settled(name, key, revision);
    if (!seed) return { loading: request !== null };
    return seed.ok ? { data: seed.value, loading: false } : { error: seed.error, loading: false };
  });
  const [nonce, setNonce] = useState(0);
  const latest = useRef(0);
  // the first render already shows the answer asked at start: the first effect only takes it
  const seeded = useRef(!state.loading && key !== null);

  useEffect(() => {
    if (key === null) return;
    if (seeded.current) {
      seeded.current = false;
      void takeEarly(name, JSON.parse(key) as RequestOf<K>);
      return;
    }
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
