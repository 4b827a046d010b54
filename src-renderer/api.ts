/**
 * The only place in the renderer that talks to the main side. It picks the transport:
 * Electron's preload bridge when present, otherwise the loopback HTTP bridge with the
 * token handed over in the URL fragment. Callers never know which one is used.
 */
import type { CallName, ContractEvents, EventName, RequestOf, ResultOf } from '../shared/contract';
import type { Result } from '../shared/result';

interface PreloadBridge {
  call(name: string, request: unknown): Promise<unknown>;
  on(listener: (m: { name: string; payload: unknown }) => void): () => void;
}

declare global {
  interface Window {
    berth?: PreloadBridge;
  }
}

const TOKEN_KEY = 'berth.token';

function bridgeToken(): string {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromHash = hash.get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    // keep the token out of the address bar, history and screenshots
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

let token: string | undefined;

async function httpCall(name: string, request: unknown): Promise<Result<unknown>> {
  token ??= bridgeToken();
  try {
    const res = await fetch(`/api/call/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(request ?? {}),
    });
    return (await res.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'internal', message: 'Berth’s background service is not reachable. Is it still running?' } };
  }
}

export async function call<K extends CallName>(name: K, request: RequestOf<K>): Promise<Result<ResultOf<K>>> {
  const result = window.berth ? ((await window.berth.call(name, request)) as Result<unknown>) : await httpCall(name, request);
  return result as Result<ResultOf<K>>;
}

/** Like `call`, but throws an Error carrying the plain-language message (for use with try/catch UIs). */
export async function callOrThrow<K extends CallName>(name: K, request: RequestOf<K>): Promise<ResultOf<K>> {
  const r = await call(name, request);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value;
}

type Listener = <E extends EventName>(name: E, payload: ContractEvents[E]) => void;
const listeners = new Set<Listener>();
let started = false;

function startEvents(): void {
  if (started) return;
  started = true;
  const deliver = (m: { name: string; payload: unknown }) => {
    for (const l of listeners) l(m.name as EventName, m.payload as ContractEvents[EventName]);
  };
  if (window.berth) {
    window.berth.on(deliver);
    return;
  }
  // NDJSON stream over fetch, so the token stays in a header; reconnects after a pause.
  const connect = async (): Promise<void> => {
    token ??= bridgeToken();
    try {
      const res = await fetch('/api/events', { headers: { Authorization: `Bearer ${token}` } });
      if (!res.ok || !res.body) throw new Error('events unavailable');
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          if (line) deliver(JSON.parse(line) as { name: string; payload: unknown });
        }
      }
    } catch {
      // the service went away or restarted; try again shortly
    }
    setTimeout(() => void connect(), 3000);
  };
  void connect();
}

export function onEvent(listener: Listener): () => void {
  listeners.add(listener);
  startEvents();
  return () => listeners.delete(listener);
}
