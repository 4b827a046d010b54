/** The small pieces every machine must compute identically: canonical JSON, clock order, "latest". */
import { describe, expect, test } from 'vitest';
import { canonicalJson } from '../../../src-main/catalog/canonical-json';
import { formatHlc, nextHlc, parseHlc } from '../../../src-main/catalog/hlc';
import { compareVersionNames, highest } from '../../../src-main/catalog/semver';
import { checkSignature } from '../../../src-main/catalog/signing';
import { outsider } from './people';

describe('canonical JSON', () => {
  test('sorts keys at every level and drops undefined, so equal values sign equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: 'é' }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":"é","z":1}]},"b":1}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });
});

describe('hybrid logical clock', () => {
  test('a local event sorts after everything seen, even when this machine’s clock is behind', () => {
    const seen = formatHlc({ wall: 2_000_000, counter: 5 });
    const next = nextHlc(seen, 1_000_000);
    expect(next > seen).toBe(true);
    expect(parseHlc(next)).toEqual({ wall: 2_000_000, counter: 6 });
    expect(parseHlc(nextHlc(seen, 3_000_000))).toEqual({ wall: 3_000_000, counter: 0 });
  });
});

describe('latest version', () => {
  test('is the highest semantic version, a leading v allowed, pre-releases below releases', () => {
    const names = ['v1.0.0-rc.1', '1.0.0', 'v4.0.2', '4.0.10', 'nightly', '4.0.10-beta'];
    expect(highest(names, (n) => n)).toBe('4.0.10');
    expect([...names].sort(compareVersionNames)).toEqual(['nightly', 'v1.0.0-rc.1', '1.0.0', 'v4.0.2', '4.0.10-beta', '4.0.10']);
  });
});

describe('signatures', () => {
  test('hold for an untouched event and fail for any change', () => {
    const e = outsider().write('c'.repeat(64), 'member.join', { displayName: 'Ann' });
    expect(checkSignature(e)).toBeUndefined();
    expect(checkSignature({ ...e, body: { ...e.body, data: { displayName: 'Eve' } } })).toMatch(/altered/);
    expect(checkSignature({ ...e, sig: Buffer.alloc(64).toString('base64') })).toMatch(/forged/);
  });
});
