import { ipcMain, type WebContents } from 'electron';
import type { EventBus } from '../events';
import { dispatch, type HandlerMap } from '../handlers/registry';
import { err } from '../../shared/result';

export const CALL_CHANNEL = 'berth:call';
export const EVENT_CHANNEL = 'berth:event';

/** The IPC transport: generic over the contract, no domain knowledge. */
export function registerIpc(handlers: HandlerMap, events: EventBus, isTrustedSender: (wc: WebContents) => boolean): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, name: unknown, request: unknown) => {
    if (!isTrustedSender(event.sender)) return err('bridge.forbidden-origin', 'This window may not call Berth.');
    if (typeof name !== 'string') return err('contract.invalid-request', 'A call needs a name.');
    return dispatch(handlers, name, request);
  });
  const targets = new Set<WebContents>();
  ipcMain.on('berth:subscribe', (event) => {
    if (!isTrustedSender(event.sender)) return;
    targets.add(event.sender);
    event.sender.once('destroyed', () => targets.delete(event.sender));
  });
  const unsubscribe = events.subscribe((name, payload) => {
    for (const wc of targets) if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, { name, payload });
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(CALL_CHANNEL);
  };
}
