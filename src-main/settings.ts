import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language, Settings, ThemePreference } from '../shared/types/core';
import { refusal } from './sentences';
import { writeFileAtomic } from './atomic-file';

const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];
const THEMES: readonly ThemePreference[] = ['light', 'dark', 'auto'];
export const DEFAULT_SETTINGS: Settings = { language: 'en', theme: 'auto' };

function validTimeout(s: unknown): s is number {
  return Number.isInteger(s) && (s as number) >= 5 && (s as number) <= 600;
}

/** Per-person UI preferences, kept as settings.json in the data dir. */
export class SettingsStore {
  private readonly file: string;
  private current: Settings;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'settings.json');
    this.current = this.read();
  }

  get(): Settings {
    return { ...this.current };
  }

  update(patch: Partial<Settings>): Settings {
    const next = { ...this.current };
    if (patch.language !== undefined) {
      if (!LANGUAGES.includes(patch.language))
        throw refusal('input.invalid', 'settings.language', { language: String(patch.language) });
      next.language = patch.language;
      next.languageChosen = true;
    }
    if (patch.theme !== undefined) {
      if (!THEMES.includes(patch.theme)) throw refusal('input.invalid', 'settings.theme', { theme: String(patch.theme) });
      next.theme = patch.theme;
    }
    if (patch.engineTimeoutSeconds !== undefined) {
      if (!validTimeout(patch.engineTimeoutSeconds))
        throw refusal('input.invalid', 'settings.engineTimeout');
      next.engineTimeoutSeconds = patch.engineTimeoutSeconds;
    }
    // written out, so a later read does not take the default language for a chosen one
    if (!next.languageChosen) next.languageChosen = false;
    writeFileAtomic(this.file, JSON.stringify(next, null, 2) + '\n');
    this.current = next;
    return { ...next };
  }

  private read(): Settings {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Settings>;
      const language = LANGUAGES.includes(parsed.language as Language) ? (parsed.language as Language) : undefined;
      const settings: Settings = {
        language: language ?? DEFAULT_SETTINGS.language,
        theme: THEMES.includes(parsed.theme as ThemePreference) ? (parsed.theme as ThemePreference) : DEFAULT_SETTINGS.theme,
      };
      // files written before the flag existed always name the language someone used: count it as chosen
      if (parsed.languageChosen === true || (parsed.languageChosen === undefined && language)) settings.languageChosen = true;
      if (validTimeout(parsed.engineTimeoutSeconds)) settings.engineTimeoutSeconds = parsed.engineTimeoutSeconds;
      return settings;
    } catch {
      // a missing or unreadable settings file simply means defaults
      return { ...DEFAULT_SETTINGS };
    }
  }
}
