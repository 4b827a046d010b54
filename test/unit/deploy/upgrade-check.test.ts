/**
 * Cluster-upgrade readiness on the Kubernetes harness: a release whose stored manifest still
 * says policy/v1beta1 (as a 1.24 cluster would have left it) makes the real `helm upgrade` fail;
 * Berth finds it and repairs the record as helm-mapkubeapis does, and the same upgrade succeeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectForRecords } from '../../../src-main/deploy/cluster';
import { removedApiUses, repairManifest, repairRelease, REPAIR_DESCRIPTION, upgradeReadiness } from '../../../src-main/deploy/upgrade-check';
import { chartPackage, deployWorld, kubectl, uniqueName, type DeployWorld } from './cluster-fixtures';

const PDB =
  'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: ledger\n';
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  v: {{ .Values.v | quote }}\n';

describe('upgrade-check and the release-record repair (helm-mapkubeapis)', () => {
  let world: DeployWorld;
  const ns = uniqueName('upcheck');

  beforeAll(async () => {
    world = await deployWorld();
    kubectl(world.harness, ['create', 'namespace', ns]);
  }, 20 * 60_000);
  afterAll(() => {
    if (world) kubectl(world.harness, ['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
  });

  it('reads removed APIs from a manifest and repairs it: successors replace them, what has none goes', () => {
    const manifest =
      '---\n# Source: a/templates/pdb.yaml\napiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: a\n---\n# Source: a/templates/psp.yaml\napiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: a\n---\n# Source: a/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
    expect(removedApiUses(manifest, '1.25')).toEqual([
      { kind: 'PodDisruptionBudget', name: 'a', apiVersion: 'policy/v1beta1', removedIn: '1.25', replacement: 'policy/v1' },
      { kind: 'PodSecurityPolicy', name: 'a', apiVersion: 'policy/v1beta1', removedIn: '1.25' },
    ]);
    expect(removedApiUses(manifest, '1.24')).toEqual([]);
    const repaired = repairManifest(manifest, '1.25');
    expect(repaired).toContain('apiVersion: policy/v1\nkind: PodDisruptionBudget');
    expect(repaired).not.toContain('PodSecurityPolicy');
    expect(repaired).toContain('kind: ConfigMap');
    expect(() => removedApiUses(manifest, 'soon')).toThrow('is not a Kubernetes version like 1.25');
  });

  it(
    'helm upgrade fails on a record carrying a removed API, and succeeds once Berth repaired it',
    async () => {
      const chart = chartPackage(world.work, 'ledger', {
        'Chart.yaml': 'apiVersion: v2\nname: ledger\nversion: 1.0.0\n',
        'values.yaml': 'v: one\n',
        'templates/pdb.yaml': PDB,
        'templates/cm.yaml': CM,
      });
      const install = await world.helm(['install', 'ledger', chart, '-n', ns]);
      expect(install.status, install.stderr).toBe(0);

      // the record as a 1.24 cluster would have left it: the PDB stored as policy/v1beta1
      const { releases } = connectForRecords(world.target);
      const stored = (await releases.latest('ledger', ns))!;
      const old = { ...stored.release, manifest: stored.release.manifest!.replace('apiVersion: policy/v1\n', 'apiVersion: policy/v1beta1\n') };
      await releases.update(old, {});

      const found = upgradeReadiness(await releases.list(ns), '1.25');
      expect(found).toEqual([
        {
          release: 'ledger',
          namespace: ns,
          revision: 1,
          chart: 'ledger-1.0.0',
          uses: [{ kind: 'PodDisruptionBudget', name: 'ledger', apiVersion: 'policy/v1beta1', removedIn: '1.25', replacement: 'policy/v1' }],
        },
      ]);

      const before = await world.helm(['upgrade', 'ledger', chart, '-n', ns, '--set', 'v=two']);
      expect(before.status).not.toBe(0);
      expect(before.stderr).toContain('unable to build kubernetes objects from current release manifest');

      const repaired = await repairRelease(releases, 'ledger', ns, '1.25');
      expect(repaired?.revision).toBe(2);
      const history = await releases.history('ledger', ns);
      expect(history.map((h) => [h.release.version, h.release.info.status])).toEqual([
        [1, 'superseded'],
        [2, 'deployed'],
      ]);
      expect(history[1].release.info.description).toBe(REPAIR_DESCRIPTION);
      expect(upgradeReadiness(await releases.list(ns), '1.25')).toEqual([]);

      const after = await world.helm(['upgrade', 'ledger', chart, '-n', ns, '--set', 'v=two']);
      expect(after.status, after.stderr).toBe(0);
      expect(kubectl(world.harness, ['get', 'configmap', 'ledger', '-n', ns, '-o', 'jsonpath={.data.v}'])).toBe('two');
    },
    6 * 60_000,
  );
});
