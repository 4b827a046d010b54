import { describe, expect, it } from 'vitest';
import { chartValues } from '../../../src-main/values/coalesce';
import { diffValues } from '../../../src-main/values/diff';
import { seedChart } from './charts';

describe('structural values diff', () => {
  it('compares the EMQ X versions key by key and sees the moved keys', () => {
    const diff = diffValues(chartValues(seedChart('v1.0.0-rc.1'), {}), chartValues(seedChart('v4.0.2'), {}));
    expect(diff.counts).toEqual({ added: 4, removed: 6, changed: 0, 'type-changed': 1 });
    expect(diff.changes.find((c) => c.pathText === 'image')).toMatchObject({
      kind: 'type-changed',
      before: 'emqx/emqx:latest',
      after: { repository: 'emqx/emqx', pullPolicy: 'IfNotPresent' },
    });
    expect(diff.moved.map((m) => `${m.fromText} → ${m.toText}`).sort()).toEqual([
      'apiserver → emqxConfig.EMQX_CLUSTER__K8S__APISERVER',
      'emqxAddressType → emqxConfig.EMQX_CLUSTER__K8S__ADDRESS_TYPE',
      'replicas → replicaCount',
    ]);
  });

  it('compares lists position by position and ignores formatting', () => {
    const diff = diffValues({ hosts: ['a', 'b'], n: 1 }, { hosts: ['a', 'c', 'd'], n: 1.0 });
    expect(diff.changes).toEqual([
      { kind: 'changed', path: ['hosts', 1], pathText: 'hosts[1]', before: 'b', after: 'c' },
      { kind: 'added', path: ['hosts', 2], pathText: 'hosts[2]', after: 'd' },
    ]);
  });
});
