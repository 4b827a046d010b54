/**
 * CRDs of subcharts packed as charts/*.tgz (even two levels down) are created before the chart
 * renders, and those of a subchart disabled by its condition are not — the same set the real
 * `helm install` creates on the same cluster.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS } from '../../cluster/harness';
import { deleteNamespaces, deployWorld, kubectl, namesGiven, uniqueName, type DeployWorld } from './cluster-fixtures';

let w: DeployWorld;
// the releases' running pods would fill the harness's nodes for every later test
afterAll(() => deleteNamespaces(w?.harness, namesGiven()));

beforeAll(async () => {
  w = await deployWorld();
}, CLUSTER_START_TIMEOUT_MS);

/** Writes a chart folder and packs it as <name>-0.1.0.tgz into `into` (a folder on disk). */
function packChart(into: string, name: string, files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(w.work, 'crd-chart-'));
  for (const [path, data] of Object.entries(files)) {
    const p = join(dir, name, path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, data);
  }
  mkdirSync(into, { recursive: true });
  const out = join(into, `${name}-0.1.0.tgz`);
  execFileSync('tar', ['czf', out, '-C', dir, name]);
  return out;
}

function crd(plural: string, kind: string, group: string): string {
  return stringify({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural, singular: kind.toLowerCase(), kind },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  });
}

const chartYaml = (name: string, deps: { name: string; condition?: string }[] = []) =>
  stringify({ apiVersion: 'v2', name, version: '0.1.0', ...(deps.length ? { dependencies: deps.map((d) => ({ version: '0.1.0', ...d })) } : {}) });

function crdNames(group: string): string[] {
  return kubectl(w.harness, ['get', 'crd', '-o', 'name'])
    .split('\n')
    .filter((n) => n.endsWith(`.${group}`))
    .sort();
}

describe('CRDs of packed subcharts', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it('creates the CRDs of enabled subcharts in charts/*.tgz, as helm install does', async () => {
    const ns = uniqueName('crd-nested');
    const group = `${ns}.example.com`;
    const tmp = mkdtempSync(join(w.work, 'crd-pack-'));
    const leaf = packChart(join(tmp, 'leaf'), 'leaf', { 'Chart.yaml': chartYaml('leaf'), 'crds/gadget.yaml': crd('gadgets', 'Gadget', group) });
    const mid = packChart(join(tmp, 'mid'), 'mid', {
      'Chart.yaml': chartYaml('mid', [{ name: 'leaf' }]),
      'crds/gizmo.yaml': crd('gizmos', 'Gizmo', group),
      'charts/leaf-0.1.0.tgz': execFileSync('cat', [leaf]),
    });
    const extra = packChart(join(tmp, 'extra'), 'extra', { 'Chart.yaml': chartYaml('extra'), 'crds/unused.yaml': crd('unuseds', 'Unused', group) });
    const parent = packChart(join(tmp, 'parent'), 'parent', {
      'Chart.yaml': chartYaml('parent', [{ name: 'mid' }, { name: 'extra', condition: 'extra.enabled' }]),
      'values.yaml': 'extra:\n  enabled: false\n',
      'charts/mid-0.1.0.tgz': execFileSync('cat', [mid]),
      'charts/extra-0.1.0.tgz': execFileSync('cat', [extra]),
      // custom resources of the nested CRDs: they apply only if the CRDs were created first
      'templates/gadget.yaml': `apiVersion: ${group}/v1\nkind: Gadget\nmetadata:\n  name: g1\n---\napiVersion: ${group}/v1\nkind: Gizmo\nmetadata:\n  name: z1\n`,
    });
    const expected = [`customresourcedefinition.apiextensions.k8s.io/gadgets.${group}`, `customresourcedefinition.apiextensions.k8s.io/gizmos.${group}`];

    const out = await w.service.install({ target: w.target, release: 'nested', namespace: ns, createNamespace: true, chart: { path: parent } });
    expect(out.release.status).toBe('deployed');
    expect(crdNames(group)).toEqual(expected);
    expect(kubectl(w.harness, ['get', `gadgets.${group}`, 'g1', '-n', ns, '-o', 'name'])).toBe(`gadget.${group}/g1\n`);
    await w.service.uninstall({ target: w.target, release: 'nested', namespace: ns });
    for (const name of crdNames(group)) kubectl(w.harness, ['delete', name]);

    // the oracle: helm creates the same CRDs from the same package
    const helm = await w.helm(['install', 'nested', parent, '-n', ns]);
    expect(helm.stderr).toBe('');
    expect(crdNames(group)).toEqual(expected);
    await w.helm(['uninstall', 'nested', '-n', ns]);
    for (const name of crdNames(group)) kubectl(w.harness, ['delete', name]);

    // --skip-crds: none is created, so the chart's custom resources cannot be applied
    await expect(w.service.install({ target: w.target, release: 'nested', namespace: ns, chart: { path: parent }, skipCrds: true })).rejects.toThrow(/Gadget/);
    expect(crdNames(group)).toEqual([]);

    // enabling the subchart brings its CRD along
    await w.service.install({ target: w.target, release: 'nested', namespace: ns, chart: { path: parent }, values: { extra: { enabled: true } } });
    expect(crdNames(group)).toContain(`customresourcedefinition.apiextensions.k8s.io/unuseds.${group}`);
    await w.service.uninstall({ target: w.target, release: 'nested', namespace: ns });
    for (const name of crdNames(group)) kubectl(w.harness, ['delete', name]);
  });
});
