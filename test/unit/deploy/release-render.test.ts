/**
 * Deploy renders as `helm install|upgrade` does, not as `helm template`: .Release.Revision,
 * .Release.IsInstall/IsUpgrade and .Capabilities (the cluster's version and API versions, kinds
 * included) match what the real helm stores for the same steps on the same cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS } from '../../cluster/harness';
import { chartPackage, deleteNamespaces, deployWorld, namesGiven, uniqueName, type DeployWorld } from './cluster-fixtures';

let w: DeployWorld;
// the releases' running pods would fill the harness's nodes for every later test
afterAll(() => deleteNamespaces(w?.harness, namesGiven()));
let chart: string;

// Only built-in groups: other test files may add CRDs to the shared cluster meanwhile.
const TEMPLATE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: release-facts
data:
  revision: {{ .Release.Revision | quote }}
  isInstall: {{ .Release.IsInstall | quote }}
  isUpgrade: {{ .Release.IsUpgrade | quote }}
  kubeVersion: {{ .Capabilities.KubeVersion.Version | quote }}
  kubeMajor: {{ .Capabilities.KubeVersion.Major | quote }}
  kubeMinor: {{ .Capabilities.KubeVersion.Minor | quote }}
  helmVersion: {{ .Capabilities.HelmVersion.Version | quote }}
  hasDeploymentKind: {{ .Capabilities.APIVersions.Has "apps/v1/Deployment" | quote }}
  hasScaleSubresource: {{ .Capabilities.APIVersions.Has "apps/v1/Scale" | quote }}
  apiVersions: |
{{- range sortAlpha .Capabilities.APIVersions }}
{{- $group := index (splitList "/" .) 0 }}
{{- if or (not (contains "." $group)) (hasSuffix ".k8s.io" $group) }}
    {{ . }}
{{- end }}
{{- end }}
`;

const VALUES_TEMPLATE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: carried-values
data:
  values: {{ toJson .Values | quote }}
`;

beforeAll(async () => {
  w = await deployWorld();
  chart = chartPackage(w.work, 'facts', { 'Chart.yaml': 'apiVersion: v2\nname: facts\nversion: 0.1.0\n', 'templates/facts.yaml': TEMPLATE });
}, CLUSTER_START_TIMEOUT_MS);

async function helmManifest(release: string, ns: string): Promise<string> {
  const out = await w.helm(['get', 'manifest', release, '-n', ns]);
  expect(out.stderr).toBe('');
  return out.stdout;
}

describe('release rendering', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it('renders installs and upgrades exactly as helm install and helm upgrade do', async () => {
    const berthNs = uniqueName('facts-b');
    const helmNs = uniqueName('facts-h');
    const chartRef = { path: chart };

    await w.service.install({ target: w.target, release: 'facts', namespace: berthNs, createNamespace: true, chart: chartRef });
    expect((await w.helm(['install', 'facts', chart, '-n', helmNs, '--create-namespace'])).status).toBe(0);
    const installed = await helmManifest('facts', berthNs);
    expect(installed).toContain('revision: "1"\n  isInstall: "true"\n  isUpgrade: "false"');
    expect(installed).toContain(`kubeVersion: "${w.harness.version}"`);
    expect(installed).toContain('hasScaleSubresource: "true"');
    expect(installed).toContain('\n    apps/v1/Deployment\n');
    expect(installed).toBe(await helmManifest('facts', helmNs));

    for (const revision of [2, 3]) {
      const up = await w.service.upgrade({ target: w.target, release: 'facts', namespace: berthNs, chart: chartRef });
      expect(up.manifest).toContain(`revision: "${revision}"\n  isInstall: "false"\n  isUpgrade: "true"`);
      expect((await w.helm(['upgrade', 'facts', chart, '-n', helmNs])).status).toBe(0);
      expect(await helmManifest('facts', berthNs)).toBe(await helmManifest('facts', helmNs));
    }

    // helm upgrading Berth's release and Berth upgrading after it agree on the revision too
    expect((await w.helm(['upgrade', 'facts', chart, '-n', berthNs])).status).toBe(0);
    const after = await w.service.upgrade({ target: w.target, release: 'facts', namespace: berthNs, chart: chartRef });
    expect(after.release.revision).toBe(5);
    expect(after.manifest).toContain('revision: "5"');
  });

  it.each([
    ['--reuse-values', { reuseValues: true }],
    ['--reset-then-reuse-values', { resetThenReuseValues: true }],
    ['--reset-values', { resetValues: true }],
  ] as const)('carries values over on upgrade with %s exactly as helm upgrade does', async (flag, mode) => {
    const files = (values: string) => ({
      'Chart.yaml': 'apiVersion: v2\nname: carried\nversion: 0.1.0\n',
      'values.yaml': values,
      'templates/values.yaml': VALUES_TEMPLATE,
    });
    // "y" is YAML 1.1's true to Helm's loader: the stored chart values must keep its reading
    const v1 = chartPackage(w.work, 'carried', files('a: 1\nb: 1\nnested:\n  x: 1\n  y: 1\n'));
    const v2 = chartPackage(w.work, 'carried', files('a: 10\nb: 10\nc: 10\nnested:\n  x: 10\n  z: 10\n'));
    const berthNs = uniqueName('carry-b');
    const helmNs = uniqueName('carry-h');

    await w.service.install({
      target: w.target,
      release: 'carried',
      namespace: berthNs,
      createNamespace: true,
      chart: { path: v1 },
      values: { a: 2, nested: { y: 2 } },
    });
    expect((await w.helm(['install', 'carried', v1, '-n', helmNs, '--create-namespace', '--set', 'a=2,nested.y=2'])).status).toBe(0);
    // an override, a removal (null) and then an upgrade that gives nothing
    for (const [values, set] of [
      [{ b: 3, nested: { x: null } }, ['--set', 'b=3,nested.x=null']],
      [{}, []],
    ] as const) {
      await w.service.upgrade({ target: w.target, release: 'carried', namespace: berthNs, chart: { path: v2 }, values, ...mode });
      const helm = await w.helm(['upgrade', 'carried', v2, '-n', helmNs, flag, ...set]);
      expect(helm.stderr).toBe('');
      expect(await helmManifest('carried', berthNs)).toBe(await helmManifest('carried', helmNs));
      for (const all of [[], ['--all']]) {
        const berth = await w.helm(['get', 'values', 'carried', '-n', berthNs, '-o', 'json', ...all]);
        const oracle = await w.helm(['get', 'values', 'carried', '-n', helmNs, '-o', 'json', ...all]);
        expect(JSON.parse(berth.stdout)).toEqual(JSON.parse(oracle.stdout));
      }
    }
  });
});
