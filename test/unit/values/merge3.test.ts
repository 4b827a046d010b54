import { describe, expect, it } from 'vitest';
import { chartValues } from '../../../src-main/values/coalesce';
import { merge3, settle } from '../../../src-main/values/merge3';
import { validateValues } from '../../../src-main/values/validate';
import { seedChart } from './charts';

const oldDefaults = () => chartValues(seedChart('v1.0.0-rc.1'), {});
const newDefaults = () => chartValues(seedChart('v4.0.2'), {});

describe('carrying overrides from emqx v1.0.0-rc.1 to v4.0.2', () => {
  const user = {
    replicas: 5,
    namespace: 'iot',
    imagePullPolicy: 'IfNotPresent', // equal to the old default: not an override
    emqxAddressType: 'dns',
    persistence: { enabled: true, size: '1Gi' },
    ingress: { annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
    emqxConfig: { EMQX_LOG__LEVEL: 'debug' },
  };

  it('carries unchanged settings and keys added to maps, and leaves values equal to the old defaults alone', () => {
    const merge = merge3(oldDefaults(), newDefaults(), user);
    expect(merge.carried.map((c) => c.pathText)).toEqual([
      'persistence.enabled',
      'persistence.size',
      'ingress.annotations.kubernetes\\.io/ingress\\.class',
      'emqxConfig.EMQX_LOG__LEVEL',
    ]);
    expect(merge.values).toEqual({
      persistence: { enabled: true, size: '1Gi' },
      ingress: { annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
      emqxConfig: { EMQX_LOG__LEVEL: 'debug' },
    });
  });

  it('shows renamed and removed keys as conflicts, with the new name guessed', () => {
    const merge = merge3(oldDefaults(), newDefaults(), user);
    const byId = Object.fromEntries(merge.conflicts.map((c) => [c.id, c]));
    expect(Object.keys(byId).sort()).toEqual(['removed:namespace', 'renamed:emqxAddressType', 'renamed:replicas']);
    expect(byId['renamed:replicas']).toMatchObject({
      userValue: 5,
      oldDefault: 3,
      renamedTo: ['replicaCount'],
      proposed: { choice: 'move', to: ['replicaCount'] },
    });
    expect(byId['renamed:emqxAddressType']).toMatchObject({
      renamedTo: ['emqxConfig', 'EMQX_CLUSTER__K8S__ADDRESS_TYPE'],
      oldDefault: 'ip',
      newDefault: 'hostname',
    });
    expect(byId['removed:namespace']).toMatchObject({ userValue: 'iot', proposed: { choice: 'drop' } });
  });

  it('settles conflicts with the person’s choices into values the new chart accepts', () => {
    const merge = merge3(oldDefaults(), newDefaults(), user);
    const settled = settle(merge, {
      'renamed:replicas': { choice: 'move', to: ['replicaCount'] },
      'renamed:emqxAddressType': { choice: 'move', to: ['emqxConfig', 'EMQX_CLUSTER__K8S__ADDRESS_TYPE'] },
      'removed:namespace': { choice: 'drop' },
    });
    expect(settled.unresolved).toEqual([]);
    expect(settled.values).toMatchObject({ replicaCount: 5, emqxConfig: { EMQX_LOG__LEVEL: 'debug', EMQX_CLUSTER__K8S__ADDRESS_TYPE: 'dns' } });
    expect(settled.values).not.toHaveProperty('namespace');
    expect(validateValues(seedChart('v4.0.2'), settled.values).valid).toBe(true);
  });

  it('lists conflicts left unsettled and refuses a choice the conflict does not offer', () => {
    const merge = merge3(oldDefaults(), newDefaults(), user);
    expect(settle(merge, {}).unresolved).toHaveLength(3);
    expect(() => settle(merge, { 'removed:namespace': { choice: 'suggestion' } })).toThrow(/not a way to settle/);
  });

  it('flags an image reference where the new version expects an image map, suggesting the split', () => {
    const merge = merge3(oldDefaults(), newDefaults(), { image: 'registry.example.com/emqx/emqx:v3.2.0' });
    const [c] = merge.conflicts;
    expect(c).toMatchObject({ kind: 'type-changed', path: ['image'], proposed: { choice: 'suggestion' } });
    expect(c.suggestion).toEqual([{ path: ['image', 'repository'], value: 'registry.example.com/emqx/emqx' }]);
    expect(settle(merge, { [c.id]: { choice: 'suggestion' } }).values).toEqual({ image: { repository: 'registry.example.com/emqx/emqx' } });
  });
});

describe('the 3-way merge rules', () => {
  it('reports a default that changed under an override, and lets go of overrides the new default now equals', () => {
    const merge = merge3({ a: 1, b: 'x', c: 'old' }, { a: 2, b: 'y', c: 'new' }, { a: 5, b: 'y' });
    expect(merge.conflicts).toEqual([
      expect.objectContaining({
        id: 'default-changed:a',
        userValue: 5,
        oldDefault: 1,
        newDefault: 2,
        choices: ['keep', 'new-default', 'custom'],
        proposed: { choice: 'keep' },
      }),
    ]);
    expect(merge.converged.map((c) => c.pathText)).toEqual(['b']);
    expect(merge.values).toEqual({});
    expect(settle(merge, { 'default-changed:a': { choice: 'new-default' } }).values).toEqual({});
    expect(settle(merge, { 'default-changed:a': { choice: 'custom', value: 7 } }).values).toEqual({ a: 7 });
  });

  it('carries a null that removes a default, and ignores an empty map over a map', () => {
    const merge = merge3(
      { tolerations: [{ key: 'a' }], labels: { x: '1' } },
      { tolerations: [{ key: 'a' }], labels: { x: '1' } },
      { tolerations: null, labels: {} },
    );
    expect(merge.values).toEqual({ tolerations: null });
  });

  it('follows a map that moved when the person had added keys to it', () => {
    const merge = merge3({ podAnnotations: {} }, { pod: { podAnnotations: {} } }, { podAnnotations: { team: 'iot' } });
    expect(merge.conflicts[0]).toMatchObject({ kind: 'renamed', renamedTo: ['pod', 'podAnnotations', 'team'] });
  });
});
