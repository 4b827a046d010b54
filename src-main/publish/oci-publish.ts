/**
 * Publishing to an OCI registry: each active version is pushed as `helm push` would, and a
 * version Berth pushed earlier that is no longer active has its tag removed, so the registry
 * offers what the store offers. What Berth pushed is remembered per target.
 */
import type { PublishedChart } from '../../shared/types/distribution';
import type { PublishedRecord } from './distribution-settings';
import type { PublishProgress } from './helm-repo-folder';
import { pushChart } from './oci/helm-chart-artifact';
import { chartRepository, type OciLocation } from './oci/reference';
import type { RegistryClient } from './oci/registry-client';

export interface OciPublishable {
  name: string;
  version: string;
  bytes: Uint8Array;
  sha256: string;
  provenance?: string;
}

export interface OciPlan {
  add: PublishedChart[];
  replace: PublishedChart[];
  remove: PublishedChart[];
  keep: PublishedChart[];
}

const key = (r: PublishedChart) => `${r.name}@${r.version}`;

/** Versions are compared by package digest, recorded as `sha256` beside the manifest digest. */
export function planOciPublish(record: PublishedRecord, packages: readonly OciPublishable[], signed: boolean): OciPlan {
  const plan: OciPlan = { add: [], replace: [], remove: [], keep: [] };
  const wanted = new Set(packages.map(key));
  for (const p of packages) {
    const was = record.charts[key(p)];
    const ref = { name: p.name, version: p.version };
    if (!was) plan.add.push(ref);
    else if (!was.startsWith(`${p.sha256}|`) || (signed && !was.endsWith('|signed'))) plan.replace.push(ref);
    else plan.keep.push(ref);
  }
  for (const k of Object.keys(record.charts)) {
    if (wanted.has(k)) continue;
    const at = k.lastIndexOf('@');
    plan.remove.push({ name: k.slice(0, at), version: k.slice(at + 1) });
  }
  return plan;
}

export async function publishToOci(
  client: RegistryClient,
  location: OciLocation,
  record: PublishedRecord,
  packages: readonly OciPublishable[],
  options: { onProgress?: (p: PublishProgress) => void; cosign?: (repository: string, manifestDigest: string, p: OciPublishable) => Promise<void> } = {},
): Promise<{ plan: OciPlan; record: PublishedRecord }> {
  const signed = packages.some((p) => p.provenance !== undefined) || options.cosign !== undefined;
  const plan = planOciPublish(record, packages, signed);
  const next: PublishedRecord = { charts: { ...record.charts } };
  const todo = new Set([...plan.add, ...plan.replace].map(key));
  let done = 0;
  const total = todo.size + plan.remove.length;
  for (const p of packages) {
    if (!todo.has(key(p))) continue;
    options.onProgress?.({ done, total, current: `${p.name} ${p.version}` });
    const pushed = await pushChart(client, location, p.bytes, { provenance: p.provenance });
    await options.cosign?.(chartRepository(location, p.name), pushed.digest, p);
    next.charts[key(p)] = `${p.sha256}|${pushed.digest}${p.provenance || options.cosign ? '|signed' : ''}`;
    done++;
  }
  for (const r of plan.remove) {
    options.onProgress?.({ done, total, current: `${r.name} ${r.version}` });
    const manifestDigest = next.charts[key(r)].split('|')[1];
    if (manifestDigest) await client.deleteManifest(chartRepository(location, r.name), manifestDigest);
    delete next.charts[key(r)];
    done++;
  }
  options.onProgress?.({ done, total });
  return { plan, record: next };
}
