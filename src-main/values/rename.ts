/**
 * Guessing that a key of the old values became another key in the new ones
 * (`replicas` → `replicaCount`, `imagePullPolicy` → `image.pullPolicy`,
 * `apiserver` → `emqxConfig.EMQX_CLUSTER__K8S__APISERVER`): the old key's words must
 * reappear in the new path, its own name counting double; an unchanged, non-trivial
 * default value makes a weaker name match enough.
 */
import type { JsonValue } from '../../shared/types/values';
import { deepEqual, sameKind } from './json-value';

/** Words of a key: camelCase, snake_case, kebab-case and dots split; plurals folded. */
export function words(segment: string): string[] {
  return segment
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase())
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

function weightedWords(path: string[]): Map<string, number> {
  const out = new Map<string, number>();
  path.forEach((seg, i) => {
    const weight = i === path.length - 1 ? 2 : 1;
    for (const w of words(seg)) out.set(w, Math.max(out.get(w) ?? 0, weight));
  });
  return out;
}

function nonTrivial(v: JsonValue): boolean {
  if (typeof v === 'string') return v.length >= 4;
  if (typeof v === 'number') return v !== 0 && v !== 1;
  if (Array.isArray(v)) return v.length > 0;
  return false;
}

/** Share of the old key's (weighted) words found in the new path for a rename by name alone. */
const ACCEPT = 0.75;

export interface Candidate {
  path: string[];
  value: JsonValue;
}

/** How well `to` looks like the new name of `from`, 0…~1.6; below ACCEPT it is no rename. */
export function renameScore(from: Candidate, to: Candidate): number {
  const old = weightedWords(from.path);
  const next = new Set(weightedWords(to.path).keys());
  let total = 0;
  let matched = 0;
  for (const [w, weight] of old) {
    total += weight;
    if (next.has(w)) matched += weight;
  }
  if (total === 0 || matched === 0) return 0;
  const coverage = matched / total;
  const sameValue = deepEqual(from.value, to.value) && nonTrivial(from.value);
  if (coverage < ACCEPT && !(sameValue && coverage >= 0.3)) return 0;
  return coverage + (sameValue ? 0.5 : 0) + (sameKind(from.value, to.value) ? 0.1 : 0);
}


/** Best one-to-one pairing of removed keys with added keys, highest scores first. */
export function matchRenames(removed: Candidate[], added: Candidate[]): Map<Candidate, Candidate> {
  const pairs: { from: Candidate; to: Candidate; score: number }[] = [];
  for (const from of removed) {
    for (const to of added) {
      const score = renameScore(from, to);
      if (score > 0) pairs.push({ from, to, score });
    }
  }
  pairs.sort((a, b) => b.score - a.score);
  const out = new Map<Candidate, Candidate>();
  const taken = new Set<Candidate>();
  for (const p of pairs) {
    if (out.has(p.from) || taken.has(p.to)) continue;
    out.set(p.from, p.to);
    taken.add(p.to);
  }
  return out;
}
