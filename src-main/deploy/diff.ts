/** The preview of an upgrade: per object, whether it is added, removed or changed, with a unified diff. */
import { createTwoFilesPatch } from 'diff';
import type { ManifestChange } from '../../shared/types/deploy';
import { manifestsOf, type Manifest } from './manifests';

function keyOf(m: Manifest, namespace: string): { key: string; label: string } {
  const ns = /^\s*namespace:\s*["']?([^"'\s]+)/m.exec(m.content.split(/^spec:/m)[0] ?? '')?.[1] ?? namespace;
  const group = m.head.apiVersion.includes('/') ? m.head.apiVersion.split('/')[0] : '';
  return { key: `${group}/${m.head.kind}/${ns}/${m.head.name}`, label: `${m.head.kind} ${ns}/${m.head.name}` };
}

export function changesBetween(before: string, after: string, namespace: string): ManifestChange[] {
  const old = new Map<string, { label: string; text: string }>();
  for (const m of manifestsOf(before)) {
    const k = keyOf(m, namespace);
    old.set(k.key, { label: k.label, text: m.content });
  }
  const changes: ManifestChange[] = [];
  const seen = new Set<string>();
  for (const m of manifestsOf(after)) {
    const k = keyOf(m, namespace);
    seen.add(k.key);
    const prev = old.get(k.key);
    if (!prev) {
      changes.push({ resource: k.label, change: 'added', diff: createTwoFilesPatch(k.label, k.label, '', `${m.content}\n`, '', '') });
    } else if (prev.text.trim() === m.content.trim()) {
      changes.push({ resource: k.label, change: 'unchanged' });
    } else {
      changes.push({
        resource: k.label,
        change: 'changed',
        diff: createTwoFilesPatch(k.label, k.label, `${prev.text}\n`, `${m.content}\n`, 'deployed', 'upgrade'),
      });
    }
  }
  for (const [key, prev] of old) {
    if (!seen.has(key))
      changes.push({ resource: prev.label, change: 'removed', diff: createTwoFilesPatch(prev.label, prev.label, `${prev.text}\n`, '', '', '') });
  }
  return changes;
}
