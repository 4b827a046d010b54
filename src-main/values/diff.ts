/**
 * Structural diff of two values trees (not of their text): which settings were added,
 * removed or changed, lists compared position by position, and removed keys that seem to
 * live on under a new name.
 */
import type { JsonValue, ValuePath, ValuesChange, ValuesChangeKind, ValuesDiff } from '../../shared/types/values';
import { deepEqual, isObject, typeName } from './json-value';
import { pathText } from './paths';
import { matchRenames, type Candidate } from './rename';

function kindOf(v: JsonValue): string {
  return isObject(v) ? 'object' : typeName(v).replace('integer', 'number');
}

function walk(before: JsonValue | undefined, after: JsonValue | undefined, path: ValuePath, out: ValuesChange[]): void {
  if (deepEqual(before, after)) return;
  const at = pathText(path);
  if (before === undefined) {
    out.push({ kind: 'added', path, pathText: at, after });
    return;
  }
  if (after === undefined) {
    out.push({ kind: 'removed', path, pathText: at, before });
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
    for (const k of keys) walk(before[k], after[k], [...path, k], out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) walk(before[i], after[i], [...path, i], out);
    return;
  }
  out.push({ kind: kindOf(before) === kindOf(after) ? 'changed' : 'type-changed', path, pathText: at, before, after });
}

export function diffValues(before: JsonValue, after: JsonValue): ValuesDiff {
  const changes: ValuesChange[] = [];
  walk(before, after, [], changes);
  const keyPath = (c: ValuesChange) => (c.path.every((p) => typeof p === 'string') ? (c.path as string[]) : undefined);
  const removed: (Candidate & { change: ValuesChange })[] = [];
  const added: (Candidate & { change: ValuesChange })[] = [];
  for (const c of changes) {
    const path = keyPath(c);
    if (!path || path.length === 0) continue;
    if (c.kind === 'removed') removed.push({ path, value: c.before as JsonValue, change: c });
    if (c.kind === 'added') added.push({ path, value: c.after as JsonValue, change: c });
  }
  const moved = [...matchRenames(removed, added)].map(([from, to]) => ({
    from: from.path,
    to: to.path,
    fromText: pathText(from.path),
    toText: pathText(to.path),
    before: from.value,
    after: to.value,
  }));
  const counts: Record<ValuesChangeKind, number> = { added: 0, removed: 0, changed: 0, 'type-changed': 0 };
  for (const c of changes) counts[c.kind]++;
  return { changes, moved, counts };
}
