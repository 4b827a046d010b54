/**
 * The chart's crds/ folders, as `helm install` treats them (pkg/action/install.go installCRDs):
 * the chart's and its enabled subcharts' (packed charts/*.tgz included; the engine lists them
 * as Helm's CRDObjects does), each CustomResourceDefinition created before anything is rendered,
 * left alone when it exists (Helm never upgrades or deletes CRDs), and awaited until Established,
 * so the chart's custom resources can be checked and applied.
 */
import { parse } from 'yaml';
import { BerthFailure } from '../../shared/result';
import type { ClusterSession } from './cluster';
import { discover } from './discovery';
import { KubeApiError } from './kube-client';
import { splitManifests } from './manifests';
import type { CrdFile } from './render-release';

interface Crd {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  status?: { conditions?: { type: string; status: string }[] };
}

export function crdsOf(files: CrdFile[]): { source: string; crd: Crd }[] {
  const out: { source: string; crd: Crd }[] = [];
  for (const f of files) {
    for (const doc of splitManifests(f.data)) {
      const crd = parse(doc) as Crd | null;
      if (crd?.kind === 'CustomResourceDefinition' && crd.metadata?.name) out.push({ source: f.filename, crd });
    }
  }
  return out;
}

/** Creates the missing CRDs and returns the session with refreshed discovery when any was made. */
export async function installCrds(session: ClusterSession, files: CrdFile[], timeoutMs = 60_000): Promise<ClusterSession> {
  const created: string[] = [];
  for (const { source, crd } of crdsOf(files)) {
    if (crd.apiVersion !== 'apiextensions.k8s.io/v1') {
      throw new BerthFailure(
        'deploy.preflight-failed',
        `${source} defines CustomResourceDefinition ${crd.metadata.name} with ${crd.apiVersion}, which Kubernetes stopped serving in 1.22; use apiextensions.k8s.io/v1.`,
        undefined,
        { key: 'crd.oldApi', values: { source, name: crd.metadata.name, api: crd.apiVersion } },
      );
    }
    try {
      await session.client.request({
        method: 'POST',
        path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
        query: { fieldManager: 'helm' },
        body: crd,
      });
      created.push(crd.metadata.name);
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 409) continue;
      if (e instanceof KubeApiError)
        throw new BerthFailure('deploy.failed', `Kubernetes refused CustomResourceDefinition ${crd.metadata.name} (${source}): ${e.message}`, undefined, {
          key: 'crd.refused',
          values: { name: crd.metadata.name, source, reason: e.message },
        });
      throw e;
    }
  }
  if (created.length === 0) return session;
  const deadline = Date.now() + timeoutMs;
  for (const name of created) {
    for (;;) {
      const live = await session.client.request<Crd>({
        method: 'GET',
        path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`,
      });
      if (live.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) break;
      if (Date.now() > deadline)
        throw new BerthFailure('deploy.timeout', `CustomResourceDefinition ${name} was not established within ${Math.round(timeoutMs / 1000)} s.`, undefined, {
          key: 'crd.notEstablished',
          values: { name, seconds: Math.round(timeoutMs / 1000) },
        });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return { ...session, apis: await discover(session.client) };
}
