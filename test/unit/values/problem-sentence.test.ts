/**
 * The values form says each failed schema check in the reader's language: the problem's sentence
 * words in English exactly as its message, and in 简体中文 with no English left but names and values.
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../shared/types/values';
import type { ValuesChart } from '../../../src-main/values/chart-values';
import { validateValues } from '../../../src-main/values/validate';
import { inEnglish } from '../../../src-main/sentences';
import { resources } from '../../../src-renderer/i18n/resources';
import { sayInLanguage } from '../../../src-renderer/components/sentence';

const chart: ValuesChart = {
  name: 'demo',
  version: '1.0.0',
  type: 'application',
  valuesYaml: '',
  values: {},
  dependencies: [],
  schema: {
    type: 'object',
    required: ['image'],
    additionalProperties: false,
    properties: {
      image: { type: 'object' },
      replicas: { type: 'integer', minimum: 1, maximum: 9 },
      ratio: { type: 'number', exclusiveMinimum: 0, multipleOf: 0.5 },
      pullPolicy: { enum: ['Always', 'IfNotPresent'] },
      name: { type: 'string', minLength: 3, maxLength: 5, pattern: '^[a-z]+$' },
      tags: { type: 'array', minItems: 1, maxItems: 2, uniqueItems: true },
      port: { oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^[0-9]+$' }] },
    },
  },
};

const LATIN_SENTENCE = /[A-Za-z][A-Za-z’']+(?:[ ,]+[A-Za-z][A-Za-z’']*){2,}/;

describe('values problems as sentences', () => {
  it('words every problem in English as its message, and in Chinese', async () => {
    const zh = i18next.createInstance();
    await zh.init({ resources, lng: 'zh-CN', fallbackLng: false, interpolation: { escapeValue: false } });
    const cases: JsonObject[] = [
      { replicas: 'many' },
      { image: {}, replicas: 0, ratio: 0.3 },
      { image: {}, replicas: 12, ratio: -1, pullPolicy: 'Never' },
      { image: {}, name: 'AB', tags: [], port: 'x' },
      { image: {}, name: 'abcdefg', tags: ['a', 'a', 'b'], extra: true },
      { image: 'nginx' },
    ];
    const keywords = new Set<string>();
    for (const values of cases) {
      for (const p of validateValues(chart, values).problems) {
        keywords.add(p.keyword);
        expect(p.say, p.message).toBeDefined();
        expect(inEnglish(p.say!)).toBe(p.message);
        const chinese = sayInLanguage(zh, p.say);
        expect(chinese, p.message).toMatch(/[\u4e00-\u9fff]/);
        expect(chinese, p.message).not.toMatch(LATIN_SENTENCE);
      }
    }
    expect([...keywords].sort()).toEqual(
      ['additionalProperties', 'enum', 'exclusiveMinimum', 'maxItems', 'maxLength', 'maximum', 'minItems', 'minLength', 'minimum', 'multipleOf', 'oneOf', 'pattern', 'required', 'type', 'uniqueItems'].sort(),
    );
  });

  it('says a wrong type with the value given, in Chinese', async () => {
    const zh = i18next.createInstance();
    await zh.init({ resources, lng: 'zh-CN', fallbackLng: false, interpolation: { escapeValue: false } });
    const [problem] = validateValues(chart, { image: {}, replicas: 'many' }).problems;
    expect(problem.message).toBe('replicas must be an integer, not a string ("many").');
    expect(sayInLanguage(zh, problem.say)).toBe('“replicas”必须是整数，而不是字符串（"many"）。');
  });
});
