/**
 * Every container image a chart's rendered manifests run: containers, init containers and
 * ephemeral containers of pods, wherever a pod template sits (Deployment, StatefulSet,
 * DaemonSet, Job, CronJob, ReplicaSet, Pod, and custom resources that embed a pod spec).
 */
import { parseAllDocuments } from 'yaml';
import type { ImageUse } from '../../shared/types/review-tools';
import { parseImageRef } from '../values/image-ref';

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];

function collect(node: unknown, found: Set<string>, depth = 0): void {
  if (depth > 40 || typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const n of node) collect(n, found, depth + 1);
    return;
  }
  const obj = node as Record<string, unknown>;
  for (const key of CONTAINER_LISTS) {
    const list = obj[key];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      const image = (c as { image?: unknown } | null)?.image;
      if (typeof image === 'string' && image.trim()) found.add(image.trim());
    }
  }
  for (const v of Object.values(obj)) collect(v, found, depth + 1);
}

/** `manifests`: template path → rendered text, as the chart engine returns them. */
export function inventoryImages(manifests: Record<string, string>): ImageUse[] {
  const byImage = new Map<string, ImageUse>();
  for (const [source, text] of Object.entries(manifests)) {
    if (!/\.(ya?ml|tpl|json)$/i.test(source) && !text.includes('kind:')) continue;
    const found = new Set<string>();
    for (const doc of parseAllDocuments(text, { version: '1.1' })) {
      if ('errors' in doc && doc.errors.length > 0) continue;
      collect(doc.toJS({ maxAliasCount: 100 }), found);
    }
    for (const image of found) {
      const use = byImage.get(image) ?? { image, ...(parseImageRef(image) ?? { repository: image }), sources: [] };
      if (!use.sources.includes(source)) use.sources.push(source);
      byImage.set(image, use);
    }
  }
  return [...byImage.values()].sort((a, b) => a.image.localeCompare(b.image));
}
