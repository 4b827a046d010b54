/**
 * Cluster-upgrade readiness: which releases' stored manifests use APIs a Kubernetes version
 * removed, and the repair helm-mapkubeapis makes (github.com/helm/helm-mapkubeapis): a new
 * revision whose manifest has each removed apiVersion replaced by its successor and the objects
 * with no successor dropped, the old revision marked superseded. Without it, the next
 * `helm upgrade` fails with "unable to build kubernetes objects from current release manifest",
 * because Helm must read the old manifest through APIs the cluster no longer serves.
 */
import { parse } from 'yaml';
import { BerthFailure } from '../../shared/result';
import type { ClusterTarget } from '../../shared/types/deploy';
import { apiStatusIn, findApiChange, kubeMinor } from '../chart/kube-apis';
import { customLabelsOf, helmTime, type HelmRelease } from './release-record';
import type { ReleaseStore, StoredRelease } from './release-store';

import type { ReleaseReadiness, RemovedApiUse } from '../../shared/types/deploy';

export type { ReleaseReadiness, RemovedApiUse };

/** mapkubeapis writes this, and so does Berth: rolling back past it brings the removed APIs back. */
export const REPAIR_DESCRIPTION = 'Kubernetes deprecated API upgrade - DO NOT rollback from this version';

function docs(manifest: string): string[] {
  return manifest.split(/^---[ \t]*$/m);
}

function head(doc: string): { apiVersion?: string; kind?: string; name?: string } {
  try {
    const obj = parse(doc) as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } } | null;
    if (!obj || typeof obj !== 'object') return {};
    return {
      apiVersion: typeof obj.apiVersion === 'string' ? obj.apiVersion : undefined,
      kind: typeof obj.kind === 'string' ? obj.kind : undefined,
      name: typeof obj.metadata?.name === 'string' ? obj.metadata.name : undefined,
    };
  } catch {
    return {};
  }
}

function checkVersion(kubeVersion: string): string {
  if (kubeMinor(kubeVersion) === undefined) throw new BerthFailure('input.invalid', `“${kubeVersion}” is not a Kubernetes version like 1.25.`);
  return kubeVersion;
}

/** The objects of a manifest whose apiVersion the given Kubernetes version no longer serves. */
export function removedApiUses(manifest: string, kubeVersion: string): RemovedApiUse[] {
  checkVersion(kubeVersion);
  const out: RemovedApiUse[] = [];
  for (const doc of docs(manifest)) {
    const h = head(doc);
    if (!h.apiVersion || !h.kind) continue;
    const change = findApiChange(h.apiVersion, h.kind);
    if (!change?.removedIn || apiStatusIn(change, kubeVersion) !== 'removed') continue;
    out.push({
      kind: h.kind,
      name: h.name ?? '',
      apiVersion: h.apiVersion,
      removedIn: change.removedIn,
      ...(change.replacement ? { replacement: change.replacement } : {}),
    });
  }
  return out;
}

/** The latest revision of every release, with what it uses that the version removed (only releases that do). */
export function upgradeReadiness(stored: readonly StoredRelease[], kubeVersion: string): ReleaseReadiness[] {
  const latest = new Map<string, HelmRelease>();
  for (const { release } of stored) {
    const key = `${release.namespace}/${release.name}`;
    if ((latest.get(key)?.version ?? -1) < release.version) latest.set(key, release);
  }
  const out: ReleaseReadiness[] = [];
  for (const r of latest.values()) {
    if (r.info.status === 'uninstalled') continue;
    const uses = removedApiUses(r.manifest ?? '', kubeVersion);
    if (uses.length)
      out.push({
        release: r.name,
        namespace: r.namespace,
        revision: r.version,
        chart: r.chart ? `${r.chart.metadata.name}-${r.chart.metadata.version}` : '',
        uses,
      });
  }
  return out.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.release.localeCompare(b.release));
}

/** The manifest with removed apiVersions replaced (only the object's own top-level line) and successor-less objects dropped. */
export function repairManifest(manifest: string, kubeVersion: string): string {
  const kept: string[] = [];
  for (const doc of docs(manifest)) {
    const h = head(doc);
    const change = h.apiVersion && h.kind ? findApiChange(h.apiVersion, h.kind) : undefined;
    if (!change?.removedIn || apiStatusIn(change, kubeVersion) !== 'removed') {
      kept.push(doc);
      continue;
    }
    if (!change.replacement) continue; // mapkubeapis removes what has no successor
    kept.push(doc.replace(/^apiVersion:[ \t]*["']?([^\s"']+)["']?[ \t]*$/m, `apiVersion: ${change.replacement}`));
  }
  return kept.join('---');
}

/**
 * Repairs one release as helm-mapkubeapis does: a new revision with the repaired manifest
 * (status deployed), the previous one marked superseded. Returns the new revision, or
 * undefined when there was nothing to repair.
 */
export async function repairRelease(
  store: ReleaseStore,
  name: string,
  namespace: string,
  kubeVersion: string,
): Promise<{ revision: number; uses: RemovedApiUse[] } | undefined> {
  const latest = await store.latest(name, namespace);
  if (!latest) throw new BerthFailure('not-found', `There is no release “${name}” in namespace ${namespace}.`);
  const current = latest.release;
  const uses = removedApiUses(current.manifest ?? '', kubeVersion);
  if (uses.length === 0) return undefined;
  const now = helmTime();
  const labels = customLabelsOf(latest.labels);
  const repaired: HelmRelease = {
    ...current,
    version: current.version + 1,
    manifest: repairManifest(current.manifest ?? '', kubeVersion),
    info: { ...current.info, status: 'deployed', last_deployed: now, description: REPAIR_DESCRIPTION },
  };
  await store.update({ ...current, info: { ...current.info, status: 'superseded' } }, labels);
  await store.create(repaired, labels);
  return { revision: repaired.version, uses };
}

/** The readiness of every release on the cluster of a kubeconfig context (or of one namespace). */
export async function checkCluster(target: ClusterTarget, kubeVersion: string, namespace?: string): Promise<ReleaseReadiness[]> {
  const { connectForRecords } = await import('./cluster');
  return upgradeReadiness(await connectForRecords(target).releases.list(namespace), kubeVersion);
}

/** Repairs one release's record on the cluster of a kubeconfig context. */
export async function repairOnCluster(
  target: ClusterTarget,
  release: string,
  namespace: string,
  kubeVersion: string,
): Promise<{ revision: number; uses: RemovedApiUse[] } | null> {
  const { connectForRecords } = await import('./cluster');
  return (await repairRelease(connectForRecords(target).releases, release, namespace, kubeVersion)) ?? null;
}
