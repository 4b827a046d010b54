export type Language = 'en' | 'zh-CN';
export type ThemePreference = 'light' | 'dark' | 'auto';

export interface Settings {
  language: Language;
  theme: ThemePreference;
  /** Set once the person picked a language; until then the UI follows the system's (a zh locale picks 简体中文). */
  languageChosen?: boolean;
  /** How long one render, lint or package may take before Berth stops Helm's engine (default 30). */
  engineTimeoutSeconds?: number;
}

export interface AppInfo {
  name: 'Berth';
  version: string;
  /** Folder holding this person's local state (keys, local view, settings). */
  dataDir: string;
  /** Which shell hosts the UI; informative only — the renderer never branches on it. */
  host: 'electron' | 'browser';
  platform: string;
}
