import { create } from 'zustand';
import type { AppInfo, Settings } from '../../shared/types/core';
import { call, onEvent } from '../api';
import { callOrTakeEarly } from '../early-calls';
import { switchLanguage } from '../i18n';
import { systemLanguage } from '../i18n/strings';

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
  const [settings, info] = await Promise.all([callOrTakeEarly('settings.get', {}), callOrTakeEarly('app.info', {})]);
  const value = spoken(settings.ok ? settings.value : useSettings.getState().settings);
  useSettings.setState({ settings: value, info: info.ok ? info.value : null });
  onEvent((name, payload) => {
    if (name !== 'settings.changed') return;
    // another setting saved (the theme) carries the language too: still the system's until picked
    const next = spoken(payload as Settings);
    if (next.language !== useSettings.getState().settings.language) void switchLanguage(next.language);
    useSettings.setState({ settings: next });
  });
  return value;
}

/** Until someone picks a language, Berth speaks the system's: a zh browser or desktop gets 简体中文. */
function spoken(saved: Settings): Settings {
  return saved.languageChosen ? saved : { ...saved, language: systemLanguage(navigator.languages) };
}
