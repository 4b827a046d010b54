import { contextBridge, ipcRenderer } from 'electron';

/**
 * Exposes exactly the contract transport to the page: one `call` and one `on`.
 * No Node, no ipcRenderer, no channel names reach the renderer.
 */
const CALL_CHANNEL = 'berth:call';
const EVENT_CHANNEL = 'berth:event';

type EventMessage = { name: string; payload: unknown };
const listeners = new Set<(m: EventMessage) => void>();
let subscribed = false;

contextBridge.exposeInMainWorld('berth', {
  call: (name: string, request: unknown): Promise<unknown> => ipcRenderer.invoke(CALL_CHANNEL, name, request),
  on: (listener: (m: EventMessage) => void): (() => void) => {
    if (!subscribed) {
      subscribed = true;
      ipcRenderer.on(EVENT_CHANNEL, (_e, m: EventMessage) => listeners.forEach((l) => l(m)));
      ipcRenderer.send('berth:subscribe');
    }
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
});
