import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { goYaml } from '../../../src-main/provenance/go-yaml';

const TRICKY = [
  '',
  ' lead',
  'trail ',
  'yes',
  'No',
  'off',
  'null',
  '~',
  '1.0',
  '0x1F',
  '1e3',
  '012',
  '2024-01-01',
  '>=1.25.0-0',
  '- item',
  '-dash',
  ':colon',
  'a: b',
  'a #b',
  'a#b',
  "it's",
  '"quoted"',
  '[x]',
  '{x}',
  '*ref',
  '&anchor',
  '!tag',
  '%pct',
  '@at',
  '`tick`',
  'multi\nline\n',
  'multi\nline',
  'ends\n\n',
  'tab\there',
  'bell\u0007',
  '中文 描述',
  'https://example.com/a?b=c#d',
  '---',
  '...',
  'v1.0.0-rc.1',
  'a:',
  '=',
];

describe('the go-yaml style emitter', () => {
  it('writes strings that read back exactly, with keys sorted', () => {
    const doc = { z: TRICKY, a: Object.fromEntries(TRICKY.filter(Boolean).map((s, i) => [s, `${i}`])), m: { list: [{ b: 1, a: true }, [], {}], empty: '' } };
    const text = goYaml(doc);
    expect(parse(text, { version: '1.1' })).toEqual(doc);
    expect(parse(text)).toEqual(doc);
    expect(text.indexOf('a:')).toBeLessThan(text.indexOf('m:'));
  });

  it('writes what go-yaml writes for the common shapes', () => {
    expect(
      goYaml({
        kubeVersion: '>=1.25.0-0',
        keywords: ['mqtt', 'iot'],
        version: 'v4.0.2',
        num: '1.0',
        annotations: { 'artifacthub.io/links': '- name: x\n  url: y\n' },
      }),
    ).toBe(
      'annotations:\n  artifacthub.io/links: |\n    - name: x\n      url: y\nkeywords:\n- mqtt\n- iot\nkubeVersion: \'>=1.25.0-0\'\nnum: "1.0"\nversion: v4.0.2\n',
    );
  });
});
