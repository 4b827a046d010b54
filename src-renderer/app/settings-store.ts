import { create } from 'zustand';
import type { AppInfo, Settings } from '../../shared/types/core';
import { call, onEvent } from '../api';
import { switchLanguage } from '../i18n';

interface SettingsState {
  settings: Settings;
  info: AppInfo | null;
  /** Applies the change at once and saves it; reverts and returns the message when saving fails. */
  update(patch: Partial<Settings>): Promise<string | undefined>;
}

export const useSettings = create<SettingsState>((set, get) => ({
  settings: { language: 'en', theme: 'auto' },
  info: null,
  async update(patch) {
    const before = get().settings;
    const next = { ...before, ...patch };
    set({ settings: next });
    if (patch.language) await switchLanguage(patch.language);
    const r = await call('settings.update', patch);
    if (r.ok) return undefined;
    set({ settings: before });
    if (patch.language) await switchLanguage(before.language);
    return r.error.message;
  },
}));

/** Loads settings and app info before the first paint, and follows changes made elsewhere. */
export async function loadSettings(): Promise<Settings> {
  const [settings, info] = await Promise.all([call('settings.get', {}), call('app.info', {})]);
  const value = settings.ok ? settings.value : useSettings.getState().settings;
  useSettings.setState({ settings: value, info: info.ok ? info.value : null });
  onEvent((name, payload) => {
    if (name !== 'settings.changed') return;
    const next = payload as Settings;
    if (next.language !== useSettings.getState().settings.language) void switchLanguage(next.language);
    useSettings.setState({ settings: next });
  });
  return value;
}
