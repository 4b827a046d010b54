import { describe, expect, it } from 'vitest';
import { applySet } from '../../../src-main/deploy/set-values';

describe('--set values, in Helm syntax', () => {
  it('sets nested keys, list items and typed values', () => {
    const v = {};
    applySet(v, 'namespace=demo,replicas=3,persistence.enabled=true,image.tag=0123,zero=0,none=null');
    applySet(v, 'servers[1].port=8080,tags={a,b,3}');
    applySet(v, 'annotations.kubernetes\\.io/name=x\\,y');
    expect(v).toEqual({
      namespace: 'demo',
      replicas: 3,
      persistence: { enabled: true },
      image: { tag: '0123' },
      zero: 0,
      none: null,
      servers: [null, { port: 8080 }],
      tags: ['a', 'b', 3],
      annotations: { 'kubernetes.io/name': 'x,y' },
    });
  });

  it('keeps strings with --set-string', () => {
    const v = {};
    applySet(v, 'replicas=3,flag=true', true);
    expect(v).toEqual({ replicas: '3', flag: 'true' });
  });

  it('refuses a pair without a value', () => {
    expect(() => applySet({}, 'novalue')).toThrow(/expected key=value/);
  });
});
