/**
 * Everything the UI can ask of the main side: call name → request → result.
 * Both transports (Electron IPC and the loopback HTTP bridge) are generic over this
 * record; adding a call means adding a line here and a handler in src-main/handlers/.
 * Types only — no runtime code lives in this file except the list of call names.
 */
import type { AppInfo, Settings } from './types/core';

export interface Contract {
  // ── app shell ──────────────────────────────────────────────────────────────
  'app.info': { request: Record<string, never>; result: AppInfo };
  'settings.get': { request: Record<string, never>; result: Settings };
  'settings.update': { request: Partial<Settings>; result: Settings };

  // ── chart toolkit (load, lint, package, render) ────────────────────────────

  // ── catalog (identity, apps, versions, review, categories, audit, sync) ────

  // ── deploy (kubeconfig, releases) ──────────────────────────────────────────
}

export type CallName = keyof Contract;
export type RequestOf<K extends CallName> = Contract[K]['request'];
export type ResultOf<K extends CallName> = Contract[K]['result'];

/** Events the main side pushes to the UI: name → payload. */
export interface ContractEvents {
  'settings.changed': Settings;
}
export type EventName = keyof ContractEvents;
