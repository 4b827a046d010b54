/** On first run Berth speaks the system's language; once someone picks one, that choice stays. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../src-main/settings';
import { systemLanguage } from '../../../src-renderer/i18n/strings';

describe('the language on first run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-settings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('picks 简体中文 for a Chinese locale and English otherwise', () => {
    expect(systemLanguage(['zh-CN', 'zh', 'en'])).toBe('zh-CN');
    expect(systemLanguage(['zh-Hans-CN'])).toBe('zh-CN');
    expect(systemLanguage(['fr-FR', 'zh-TW'])).toBe('zh-CN');
    expect(systemLanguage(['en-US', 'zh-CN'])).toBe('en');
    expect(systemLanguage(['de-DE'])).toBe('en');
    expect(systemLanguage([])).toBe('en');
  });

  it('keeps following the system after a theme change, and stops once a language is picked', () => {
    const store = new SettingsStore(dir);
    expect(store.get().languageChosen).toBeUndefined();
    store.update({ theme: 'dark' });
    expect(new SettingsStore(dir).get().languageChosen).toBeFalsy();
    store.update({ language: 'en' });
    expect(new SettingsStore(dir).get()).toMatchObject({ language: 'en', languageChosen: true, theme: 'dark' });
  });
});
