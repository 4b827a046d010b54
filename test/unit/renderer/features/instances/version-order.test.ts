import { describe, expect, it } from 'vitest';
import { compareChartVersions } from '../../../../../src-renderer/features/instances/version-order';

describe('which store versions count as newer than the running chart', () => {
  it('orders semantic versions numerically, a leading v allowed', () => {
    expect(compareChartVersions('v4.0.2', 'v1.0.0-rc.1')).toBeGreaterThan(0);
    expect(compareChartVersions('1.10.0', '1.9.3')).toBeGreaterThan(0);
    expect(compareChartVersions('v2.0.0', '2.0.0')).toBe(0);
  });

  it('puts a pre-release below its release, and orders pre-releases as semver does', () => {
    expect(compareChartVersions('v1.0.0-rc.1', 'v1.0.0')).toBeLessThan(0);
    expect(compareChartVersions('1.0.0-rc.2', '1.0.0-rc.10')).toBeLessThan(0);
    expect(compareChartVersions('1.0.0-alpha', '1.0.0-alpha.1')).toBeLessThan(0);
    expect(compareChartVersions('1.0.0-beta', '1.0.0-alpha.9')).toBeGreaterThan(0);
  });

  it('ignores build metadata', () => {
    expect(compareChartVersions('1.2.3+build.7', '1.2.3')).toBe(0);
  });
});
