/**
 * Check findings and report sentences reach the reader in their language: every sentence the
 * main side gives a key to is said in English exactly as the main side wrote it, and in Chinese
 * without English words other than names (Helm, Kubernetes, file names, API and kind names).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Sentence } from '../../../shared/result';
import { buildReport } from '../../../src-main/review/build-report';
import { reviewChart } from '../../../src-main/review/chart-review';
import { chartToolkit } from '../../../src-main/review/toolkit';
import { resources } from '../../../src-renderer/i18n/resources';
import { sayInLanguage } from '../../../src-renderer/components/sentence';
import { testEngine } from '../../services/engine';

const FIXTURES = resolve(__dirname, '../../../../shared/fixtures/charts');

async function i18n(lng: 'en' | 'zh-CN') {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng, fallbackLng: false, interpolation: { escapeValue: false }, initAsync: false });
  return instance;
}

/** Words allowed in a Chinese sentence: names of things, not English prose. */
const NAMES = /\b(Chart|Helm|Kubernetes|README|NOTES|CRDs?|API|Lint|Berth|schema|values|json|yaml|txt|latest|crds|templates)\b/gi;

/** What is left of a sentence once the values it names (files, images, kinds) are taken out. */
function prose(text: string, say: Sentence): string {
  let out = text;
  const values = Object.values(say.values ?? {})
    .map(String)
    .filter(Boolean);
  for (const v of values.sort((a, b) => b.length - a.length)) out = out.split(v).join(' ');
  return out.replace(NAMES, ' ');
}

describe('check and report sentences in both languages', () => {
  it('says every review check of the EMQ X seed charts in English as written and in Chinese without English prose', async () => {
    const [en, zh] = [await i18n('en'), await i18n('zh-CN')];
    const said: { say: Sentence; english: string }[] = [];
    for (const file of ['emqx-v1.0.0-rc.1.tgz', 'emqx-v4.0.2.tgz']) {
      const review = await reviewChart(readFileSync(`${FIXTURES}/${file}`), {}, testEngine());
      for (const c of review.checks) {
        said.push({ say: c.say!, english: c.message });
        for (const f of c.findings) said.push({ say: f.say!, english: f.message });
      }
    }
    expect(said.length).toBeGreaterThan(12);
    for (const { say, english } of said) {
      expect(say, english).toBeDefined();
      expect(sayInLanguage(en, say)).toBe(english);
      const chinese = sayInLanguage(zh, say);
      expect(chinese, say.key).toBeDefined();
      expect(prose(chinese!, say), `${say.key}: ${chinese}`).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it('says the pre-submission report of v1.0.0-rc.1 in Chinese, keeping only Helm’s own lint messages in English', async () => {
    const zh = await i18n('zh-CN');
    const pkg = readFileSync(`${FIXTURES}/emqx-v1.0.0-rc.1.tgz`);
    const report = await buildReport(
      { app: 'a', version: 'v', versionName: 'v1.0.0-rc.1', package: pkg, builtBy: 'k', kubeVersions: ['1.21', '1.29'] },
      await chartToolkit(testEngine()),
    );
    const lint = report.checks.find((c) => c.id === 'lint')!;
    expect(sayInLanguage(zh, lint.summarySay)).toMatch(/^Lint 与审核检查发现 \d+ 个错误、\d+ 个警告。$/);
    for (const c of report.checks) {
      expect(c.summarySay, c.id).toBeDefined();
      expect(prose(sayInLanguage(zh, c.summarySay)!, c.summarySay!)).not.toMatch(/[A-Za-z]{3,}/);
      for (const f of c.findings) {
        if (f.rule === 'helm.lint') continue; // Helm's words, marked as Helm's in the UI
        expect(f.say, f.message).toBeDefined();
        expect(prose(sayInLanguage(zh, f.say)!, f.say!), f.message).not.toMatch(/[A-Za-z]{3,}/);
      }
    }
    expect(sayInLanguage(zh, report.checks.find((c) => c.id === 'api-scan')!.findings[0].say)).toContain('请改用 rbac.authorization.k8s.io/v1');
  });
});
