import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../src-renderer/i18n/en.json';
import zhCN from '../../../src-renderer/i18n/zh-CN.json';
import { flatten, sourceFiles, type Tree } from './i18n-files';

const rendererDir = join(__dirname, '..', '..', '..', 'src-renderer');

/** i18next plural forms: `count_one`/`count_other` are used in code as `count`. */
function baseKey(key: string): string {
  return key.replace(/_(zero|one|two|few|many|other)$/, '');
}

interface UsedKey {
  key: string;
  file: string;
  /** A template literal key: `${…}` parts match any single segment text. */
  pattern?: RegExp;
}

function usedKeys(): UsedKey[] {
  const found: UsedKey[] = [];
  // t('a.b'), t("a.b"), t(`a.${x}.b`), i18nKey="a.b", and keys passed around as tk('a.b')
  const call = /(?<![\w.])(?:t|tk|i18n\.t)\(\s*(['"`])((?:(?!\1).)+)\1/g;
  const attr = /i18nKey=(['"])([^'"]+)\1/g;
  for (const file of sourceFiles(rendererDir)) {
    const text = readFileSync(file, 'utf8');
    const rel = relative(rendererDir, file);
    for (const re of [call, attr]) {
      for (const m of text.matchAll(re)) {
        const key = m[2];
        if (key.includes('${')) {
          const source = key
            .split(/\$\{[^}]+\}/)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('[^.]+');
          found.push({ key, file: rel, pattern: new RegExp(`^${source}$`) });
        } else found.push({ key, file: rel });
      }
    }
  }
  return found;
}

describe('translations', () => {
  const languages = { en: flatten(en as Tree), 'zh-CN': flatten(zhCN as Tree) };

  it('has the same keys in English and Simplified Chinese', () => {
    const enKeys = [...languages.en.keys()].sort();
    const zhKeys = [...languages['zh-CN'].keys()].sort();
    expect(zhKeys.filter((k) => !languages.en.has(k)), 'keys only in zh-CN').toEqual([]);
    expect(enKeys.filter((k) => !languages['zh-CN'].has(k)), 'keys only in en').toEqual([]);
  });

  it('has no empty translations and the same placeholders in both languages', () => {
    const problems: string[] = [];
    for (const [key, value] of languages.en) {
      const other = languages['zh-CN'].get(key) ?? '';
      if (!value.trim()) problems.push(`en:${key} is empty`);
      if (!other.trim()) problems.push(`zh-CN:${key} is empty`);
      const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort().join(',');
      if (vars(value) !== vars(other)) problems.push(`${key}: placeholders differ (${vars(value)} vs ${vars(other)})`);
    }
    expect(problems).toEqual([]);
  });

  it('has every key used in the renderer code in both languages', () => {
    const used = usedKeys();
    expect(used.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const [lang, keys] of Object.entries(languages)) {
      const bases = new Set([...keys.keys()].map(baseKey));
      for (const u of used) {
        const present = u.pattern ? [...bases].some((k) => u.pattern!.test(k)) : bases.has(u.key);
        if (!present) missing.push(`${lang}: "${u.key}" used in ${u.file}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('detects a missing key (the check itself works)', () => {
    const bases = new Set([...languages.en.keys()].map(baseKey));
    expect(bases.has('settings.title')).toBe(true);
    expect(bases.has('settings.noSuchKey')).toBe(false);
  });
});
