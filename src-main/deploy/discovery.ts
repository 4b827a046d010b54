/**
 * What the cluster serves: its version and, for every group/version/kind, the resource path and
 * whether it is namespaced. Uses aggregated discovery (two requests, Kubernetes 1.27+) and falls
 * back to per-group discovery on older servers.
 */
import type { KubeClient } from './kube-client';

export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  /** Plural path segment, e.g. "statefulsets". */
  resource: string;
  namespaced: boolean;
}

export interface ServerVersion {
  major: string;
  minor: string;
  gitVersion: string;
}

export interface ClusterApis {
  version: ServerVersion;
  /** Every served group/version, e.g. "apps/v1", "v1". */
  groupVersions: string[];
  /**
   * `.Capabilities.APIVersions` as helm install computes it (pkg/action GetVersionSet): every
   * group/version and every "group/version/Kind" served, subresources' kinds included.
   */
  versionSet: string[];
  /** Lookup by "group/version/Kind" (core group = ""). */
  find(apiVersion: string, kind: string): ResourceInfo | undefined;
  /** The versions served for a group, preferred first. */
  versionsOf(group: string): string[];
  /** Every kind the cluster serves under that name, in any group. */
  byKind(kind: string): ResourceInfo[];
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

const AGGREGATED =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

interface DiscoveryList {
  kind?: string;
  items?: {
    metadata?: { name?: string };
    versions?: {
      version: string;
      resources?: { resource: string; scope?: string; responseKind?: { kind?: string }; subresources?: { responseKind?: { kind?: string } }[] }[];
    }[];
  }[];
}

interface LegacyResourceList {
  groupVersion?: string;
  resources?: { name: string; kind: string; namespaced: boolean }[];
}

interface LegacyGroupList {
  groups?: { name: string; versions: { groupVersion: string; version: string }[]; preferredVersion?: { version: string } }[];
}

export async function discover(client: KubeClient): Promise<ClusterApis> {
  const version = await client.request<ServerVersion>({ method: 'GET', path: '/version' });
  const resources: ResourceInfo[] = [];
  const groupOrder = new Map<string, string[]>();
  const kindIds = new Set<string>();
  const gvOf = (group: string, v: string) => (group ? `${group}/${v}` : v);

  const core = await client.request<DiscoveryList | { versions?: string[] }>({ method: 'GET', path: '/api', accept: AGGREGATED });
  if ((core as DiscoveryList).kind === 'APIGroupDiscoveryList') {
    const apis = await client.request<DiscoveryList>({ method: 'GET', path: '/apis', accept: AGGREGATED });
    for (const list of [core as DiscoveryList, apis]) {
      for (const g of list.items ?? []) {
        const group = g.metadata?.name ?? '';
        groupOrder.set(
          group,
          (g.versions ?? []).map((v) => v.version),
        );
        for (const v of g.versions ?? []) {
          for (const r of v.resources ?? []) {
            for (const k of [r.responseKind?.kind, ...(r.subresources ?? []).map((sr) => sr.responseKind?.kind)])
              kindIds.add(`${gvOf(group, v.version)}/${k ?? ''}`.replace(/\/$/, ''));
            if (!r.responseKind?.kind) continue;
            resources.push({ group, version: v.version, kind: r.responseKind.kind, resource: r.resource, namespaced: r.scope === 'Namespaced' });
          }
        }
      }
    }
  } else {
    const legacyCore = await client.request<LegacyResourceList>({ method: 'GET', path: '/api/v1' });
    groupOrder.set('', ['v1']);
    addLegacy(resources, kindIds, '', 'v1', legacyCore);
    const groups = await client.request<LegacyGroupList>({ method: 'GET', path: '/apis' });
    for (const g of groups.groups ?? []) {
      const preferred = g.preferredVersion?.version;
      const versions = g.versions.map((v) => v.version).sort((a, b) => (a === preferred ? -1 : b === preferred ? 1 : 0));
      groupOrder.set(g.name, versions);
      for (const v of g.versions) {
        const list = await client.request<LegacyResourceList>({ method: 'GET', path: `/apis/${v.groupVersion}` }).catch(() => ({}) as LegacyResourceList);
        addLegacy(resources, kindIds, g.name, v.version, list);
      }
    }
  }

  const index = new Map<string, ResourceInfo>();
  for (const r of resources) {
    const key = `${r.group}/${r.version}/${r.kind}`;
    if (!index.has(key)) index.set(key, r);
  }
  const groupVersions = [...groupOrder.entries()].flatMap(([g, vs]) => vs.map((v) => gvOf(g, v)));
  return {
    version,
    groupVersions,
    versionSet: [...new Set([...groupVersions, ...kindIds])],
    find(apiVersion, kind) {
      const { group, version: v } = splitApiVersion(apiVersion);
      return index.get(`${group}/${v}/${kind}`);
    },
    versionsOf: (group) => groupOrder.get(group) ?? [],
    byKind: (kind) => resources.filter((r) => r.kind === kind),
  };
}

function addLegacy(out: ResourceInfo[], kindIds: Set<string>, group: string, version: string, list: LegacyResourceList): void {
  for (const r of list.resources ?? []) {
    kindIds.add(`${group ? `${group}/${version}` : version}/${r.kind}`.replace(/\/$/, ''));
    if (r.name.includes('/')) continue; // subresources such as deployments/scale
    out.push({ group, version, kind: r.kind, resource: r.name, namespaced: r.namespaced });
  }
}

/** The REST path of one object (or of its collection when name is omitted). */
export function resourcePath(info: ResourceInfo, namespace: string | undefined, name?: string): string {
  const prefix = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const ns = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${prefix}${ns}/${info.resource}${name ? `/${encodeURIComponent(name)}` : ''}`;
}
