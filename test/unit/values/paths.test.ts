import { describe, expect, it } from 'vitest';
import { deleteAt, getAt, leaves, parsePathText, pathText, setAt } from '../../../src-main/values/paths';

describe('value paths', () => {
  it('writes and reads back keys with dots and list positions as --set does', () => {
    const path = ['podAnnotations', 'prometheus.io/scrape'];
    expect(pathText(path)).toBe('podAnnotations.prometheus\\.io/scrape');
    expect(parsePathText(pathText(path))).toEqual(path);
    expect(pathText(['ingress', 'hosts', 0, 'name'])).toBe('ingress.hosts[0].name');
    expect(parsePathText('ingress.hosts[0].name')).toEqual(['ingress', 'hosts', 0, 'name']);
  });

  it('sets into new maps and deletes the maps it leaves empty', () => {
    const v = { a: { keep: 1 } };
    setAt(v, ['b', 'c', 'd'], 2);
    expect(getAt(v, ['b', 'c', 'd'])).toBe(2);
    deleteAt(v, ['b', 'c', 'd']);
    expect(v).toEqual({ a: { keep: 1 } });
  });

  it('walks maps into settable values, keeping lists and empty maps whole', () => {
    expect(leaves({ a: { b: [1, 2], c: {} }, d: null })).toEqual([
      { path: ['a', 'b'], value: [1, 2] },
      { path: ['a', 'c'], value: {} },
      { path: ['d'], value: null },
    ]);
  });
});
