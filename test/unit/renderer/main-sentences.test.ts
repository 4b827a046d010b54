/**
 * The main side's sentences (refusals, sync and store errors, check findings) are keys under
 * `sentences.` that the UI says in the reader's language: each key the main side uses must be in
 * both languages with the same placeholders, and the Chinese must use Chinese punctuation.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../../src-renderer/i18n/en.json';
import zhCN from '../../../src-renderer/i18n/zh-CN.json';
import { resources } from '../../../src-renderer/i18n/resources';
import { sayInLanguage } from '../../../src-renderer/components/sentence';
import { commaList, inEnglish, orList, refusal, sentence } from '../../../src-main/sentences';
import { storePlace } from '../../../src-main/sync/store-location';
import { flatten, sourceFiles, type Tree } from './i18n-files';

const mainDir = join(__dirname, '..', '..', '..', 'src-main');

interface UsedKey {
  key: string;
  file: string;
  /** A template literal key (`state.${s}`, `wrongState.${type}`): `${…}` matches one or more segments. */
  pattern?: RegExp;
}

/**
 * Keys the main side says: the first key argument of sentence(), refusal(), ctx.refuse() and the
 * validation helpers, field names passed to validateLength/validateRequired, and `{ key, values }`
 * literals (health, checks, lookups).
 */
function usedKeys(): UsedKey[] {
  const patterns = [
    /\bsentence\(\s*(['`])([^'`]+)\1/g,
    /\b(?:invalid|tooLong)\(\s*(['`])((?:input|field)\.[^'`]+)\1/g,
    /\b(?:refusal|refuse)\(\s*'[^']+',\s*(['`])([^'`]+)\1/g,
    /\bvalidate(?:Length|Required)\([^;]*?,\s*(['`])(field\.[^'`]+)\1/g,
    /\{\s*key:\s*(['`])([^'`]+)\1,\s*values\b/g,
    /(['`])((?:wrongState|file|place|kept|rule|field|state|role|thing|list)\.[A-Za-z.${}]+)\1/g,
  ];
  const found: UsedKey[] = [];
  for (const file of sourceFiles(mainDir)) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) {
      for (const m of text.matchAll(re)) {
        const key = m[2];
        const rel = relative(mainDir, file);
        if (!key.includes('${')) found.push({ key, file: rel });
        else {
          const source = key
            .split(/\$\{[^}]+\}/)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('.+');
          found.push({ key, file: rel, pattern: new RegExp(`^${source}$`) });
        }
      }
    }
  }
  return found;
}

const placeholders = (s: string) => [...new Set([...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]))].sort().join(',');
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

/** ASCII punctuation standing in for Chinese punctuation: after a CJK character, or before one. */
const ASCII_IN_CHINESE = /[\u3400-\u9FFF][.,;:!?](?=\s|[\u3400-\u9FFF]|$)|[,;:!?]\s*[\u3400-\u9FFF]/;

describe('main-side sentences', () => {
  const languages = { en: flatten((en as unknown as Tree).sentences as Tree), 'zh-CN': flatten((zhCN as unknown as Tree).sentences as Tree) };
  const used = usedKeys();

  it('finds the keys the main side says (the scan itself works)', () => {
    expect(used.length).toBeGreaterThan(150);
    expect(used.some((u) => u.key === 'store.notConnected' && u.file.endsWith('sync-service.ts'))).toBe(true);
    expect(used.some((u) => u.pattern?.test('wrongState.version.approve'))).toBe(true);
  });

  it('has every key the main side uses in English and Chinese, with the same placeholders', () => {
    const problems: string[] = [];
    for (const u of used) {
      const matches = (lang: 'en' | 'zh-CN') => [...languages[lang].keys()].filter((k) => (u.pattern ? u.pattern.test(base(k)) : base(k) === u.key));
      const enKeys = matches('en');
      const zhKeys = matches('zh-CN');
      if (!enKeys.length) problems.push(`en: "${u.key}" used in ${u.file}`);
      if (!zhKeys.length) problems.push(`zh-CN: "${u.key}" used in ${u.file}`);
      for (const k of enKeys) {
        const zh = languages['zh-CN'].get(k) ?? languages['zh-CN'].get(`${base(k)}_other`);
        if (zh !== undefined && placeholders(languages.en.get(k)!) !== placeholders(zh)) problems.push(`${k}: placeholders differ`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('writes Chinese with Chinese punctuation (no “已同步. 点击” or “目录,应用”)', () => {
    const all = flatten(zhCN as unknown as Tree);
    // placeholders (names, numbers) and addresses (oci://主机[:端口]) are not sentence punctuation
    const words = (text: string) => text.replace(/\{\{[^}]+\}\}/g, 'x').replace(/\S*:\/\/\S*/g, 'x');
    const bad = [...all].filter(([, text]) => ASCII_IN_CHINESE.test(words(text))).map(([key, text]) => `${key}: ${text}`);
    expect(bad).toEqual([]);
    expect(ASCII_IN_CHINESE.test('已同步. 点击立即同步')).toBe(true);
  });

  it('words a refusal in English once, from en.json, phrases included', () => {
    const place = storePlace({ kind: 's3', bucket: 'team', prefix: 'acme/', endpoint: 'http://minio:9000' });
    const failure = refusal('storage.failed', 'file.readOnly', { place, kept: sentence('kept.untilNextSync') });
    expect(failure.message).toBe(
      'The S3 bucket “team” (prefix acme/) at http://minio:9000 is read-only. Make it writable (or ask whoever shares it), then try again. Your work is kept on this computer and sent at the next sync.',
    );
    expect(failure.say?.key).toBe('file.readOnly');
    expect(inEnglish(sentence('rule.appHasVersions', { app: 'emqx', count: 1, versions: commaList(['1.0: draft']) }))).toBe(
      'emqx still has 1 version (1.0: draft). Delete every version first.',
    );
    expect(inEnglish(sentence('rule.imageType', { what: sentence('field.icon'), types: orList(['PNG', 'JPEG', 'SVG']) }))).toBe('An icon must be a PNG, JPEG or SVG image.');
  });

  it('says the same refusal in Chinese in the UI, phrases and lists in Chinese too', async () => {
    const zh = i18next.createInstance();
    await zh.init({ resources, lng: 'zh-CN', fallbackLng: false, interpolation: { escapeValue: false } });
    const states = orList([sentence('state.draft'), sentence('state.rejected')]);
    const wrong = refusal('catalog.wrong-state', 'wrongState.version.submit', { version: '1.0', state: sentence('state.active'), allowed: states });
    expect(sayInLanguage(zh, wrong.say)).toBe('版本 1.0 的状态是已上架；只有开发中或已拒绝的版本可以提交审核。');
    const full = refusal('storage.failed', 'file.diskFull', {
      place: storePlace({ kind: 'folder', path: '/mnt/team' }),
      kept: sentence('kept.untilNextSync'),
    });
    expect(sayInLanguage(zh, full.say)).toBe('共享文件夹 /mnt/team 所在的磁盘已满。请腾出一些空间后重试。您的修改已保存在本机，将在下次同步时发送。');
    // a phrase this Berth does not know keeps the whole sentence in the English it came with
    expect(sayInLanguage(zh, sentence('rule.appDeleted', { app: { key: 'no.such.phrase' } }))).toBeUndefined();
  });
});
