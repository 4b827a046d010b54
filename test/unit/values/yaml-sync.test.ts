import { describe, expect, it } from 'vitest';
import { parseOverrides, setOverride } from '../../../src-renderer/components/values-form/yaml-sync';

describe('the values editor’s YAML side', () => {
  it('sets a value from the form without losing the person’s comments or layout', () => {
    const text = '# my values\nreplicaCount: 5 # five\nimage:\n  repository: x\n';
    const next = setOverride(text, ['image', 'pullPolicy'], 'Always');
    expect(next).toBe('# my values\nreplicaCount: 5 # five\nimage:\n  repository: x\n  pullPolicy: Always\n');
  });

  it('drops an override set back to the chart default, and the maps it leaves empty', () => {
    const text = setOverride('', ['persistence', 'enabled'], true);
    expect(text).toBe('persistence:\n  enabled: true\n');
    expect(setOverride(text, ['persistence', 'enabled'], false, false)).toBe('');
  });

  it('reads YAML 1.1 as Helm does and reports a broken line', () => {
    expect(parseOverrides('enabled: yes\n')).toEqual({ ok: true, values: { enabled: true } });
    const broken = parseOverrides('a: 1\nb: [\n');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.line).toBeGreaterThan(1);
  });
});
