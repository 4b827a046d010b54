import { describe, expect, it } from 'vitest';
import { isReleaseName, releaseNameFor } from './release-name';

describe('release names (Helm’s rule)', () => {
  it('accepts DNS-1123 labels up to 53 characters', () => {
    expect(isReleaseName('emqx')).toBe(true);
    expect(isReleaseName('emqx-test-2')).toBe(true);
    expect(isReleaseName('a'.repeat(53))).toBe(true);
  });

  it('refuses capitals, dots, underscores, edge dashes and names over 53 characters', () => {
    for (const bad of ['EMQX', 'emqx.io', 'emqx_test', '-emqx', 'emqx-', '', 'a'.repeat(54)]) expect(isReleaseName(bad)).toBe(false);
  });

  it('makes a valid default from any chart name', () => {
    expect(releaseNameFor('emqx')).toBe('emqx');
    expect(releaseNameFor('My_Chart.v2')).toBe('my-chart-v2');
    expect(releaseNameFor('--x--')).toBe('x');
    expect(releaseNameFor('___')).toBe('release');
    expect(isReleaseName(releaseNameFor(`${'n'.repeat(52)}-z`))).toBe(true);
  });
});
