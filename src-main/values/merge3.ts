/**
 * Carrying a person's overrides to another chart version: a 3-way merge of the old
 * version's defaults (the base), the new version's defaults and the person's values.
 * Values equal to the old defaults are not overrides and simply follow the new defaults.
 * Everything that cannot be carried as it is becomes a typed conflict for the person to
 * settle; nothing is guessed silently.
 */
import { BerthFailure } from '../../shared/result';
import type { JsonObject, JsonValue, Merge3Result, Resolution, SettledValues, ValuesConflict } from '../../shared/types/values';
import { clone, deepEqual, isObject, sameKind } from './json-value';
import { parseImageRef } from './image-ref';
import { getAt, leaves, pathText, setAt, type Leaf } from './paths';
import { matchRenames, type Candidate } from './rename';

interface Override {
  path: string[];
  value: JsonValue;
  /** undefined: the key had no default (the person added it). */
  oldDefault?: JsonValue;
}

/** The person's values that differ from the old defaults, one per settable value. */
function overridesOf(user: JsonValue, base: JsonValue | undefined, path: string[], out: Override[]): Override[] {
  if (isObject(user) && Object.keys(user).length === 0 && isObject(base)) return out; // `{}` over a map changes nothing in Helm
  if (isObject(user) && Object.keys(user).length > 0 && (isObject(base) || base === undefined)) {
    for (const [k, v] of Object.entries(user)) overridesOf(v, isObject(base) ? base[k] : undefined, [...path, k], out);
    return out;
  }
  if (path.length > 0 && !deepEqual(user, base)) out.push(base === undefined ? { path, value: user } : { path, value: user, oldDefault: base });
  return out;
}

function objectPaths(root: JsonValue, prefix: string[] = []): Leaf[] {
  if (!isObject(root)) return [];
  const here = prefix.length > 0 ? [{ path: prefix, value: root }] : [];
  return [...here, ...Object.entries(root).flatMap(([k, v]) => objectPaths(v, [...prefix, k]))];
}

/** The deepest ancestor of `path` that `root` has, and its value. */
function deepestExisting(root: JsonObject, path: string[]): { depth: number; value: JsonValue } {
  let cur: JsonValue = root;
  let depth = 0;
  for (const key of path) {
    if (!isObject(cur) || !Object.prototype.hasOwnProperty.call(cur, key)) break;
    cur = cur[key];
    depth++;
  }
  return { depth, value: cur };
}

/** A string image reference split into the keys a new image map has. */
function imageSuggestion(path: string[], user: JsonValue, next: JsonValue): ValuesConflict['suggestion'] {
  if (typeof user !== 'string' || !isObject(next) || !('repository' in next)) return undefined;
  const ref = parseImageRef(user);
  if (!ref) return undefined;
  const out: { path: string[]; value: JsonValue }[] = [];
  const repository = ref.registry && !('registry' in next) ? `${ref.registry}/${ref.repository}` : ref.repository;
  if (ref.registry && 'registry' in next) out.push({ path: [...path, 'registry'], value: ref.registry });
  out.push({ path: [...path, 'repository'], value: repository });
  if (ref.tag && 'tag' in next) out.push({ path: [...path, 'tag'], value: ref.tag });
  if (ref.digest && 'digest' in next) out.push({ path: [...path, 'digest'], value: ref.digest });
  return out.filter((s) => !deepEqual(getAt(next, s.path.slice(path.length)), s.value)).length > 0 ? out : undefined;
}

function conflict(c: Omit<ValuesConflict, 'id' | 'pathText'>): ValuesConflict {
  const text = pathText(c.path);
  const out: ValuesConflict = { id: `${c.kind}:${text}`, pathText: text, ...c };
  if (out.oldDefault === undefined) delete out.oldDefault;
  if (out.newDefault === undefined) delete out.newDefault;
  return out;
}

export function merge3(oldDefaults: JsonObject, newDefaults: JsonObject, user: JsonObject): Merge3Result {
  const overrides = overridesOf(user, oldDefaults, [], []);
  const result: Merge3Result = { values: {}, carried: [], converged: [], conflicts: [] };
  const carry = (o: Override) => {
    setAt(result.values, o.path, clone(o.value));
    result.carried.push({ path: o.path, pathText: pathText(o.path), value: o.value });
  };

  const gone = overrides.filter((o) => getAt(newDefaults, o.path) === undefined);
  const addedLeaves = leaves(newDefaults).filter((l) => getAt(oldDefaults, l.path) === undefined);
  const goneDefaults: Candidate[] = gone.filter((o) => o.oldDefault !== undefined).map((o) => ({ path: o.path, value: o.oldDefault as JsonValue }));
  const renames = matchRenames(goneDefaults, addedLeaves);
  const renamedTo = new Map<Override, string[]>();
  gone.forEach((o) => {
    const cand = goneDefaults.find((c) => c.path === o.path);
    const to = cand && renames.get(cand);
    if (to) renamedTo.set(o, to.path);
  });
  // Keys the person added under a map that moved: follow the map.
  const addedMaps = objectPaths(newDefaults).filter((l) => getAt(oldDefaults, l.path) === undefined);
  for (const o of gone) {
    if (o.oldDefault !== undefined || renamedTo.has(o)) continue;
    const { depth } = deepestExisting(oldDefaults, o.path);
    if (depth === 0 || depth >= o.path.length) continue;
    const ancestor = o.path.slice(0, depth);
    if (getAt(newDefaults, ancestor) !== undefined) continue;
    const moved = matchRenames([{ path: ancestor, value: getAt(oldDefaults, ancestor) as JsonValue }], addedMaps);
    const target = [...moved.values()][0];
    if (target) renamedTo.set(o, [...target.path, ...o.path.slice(depth)]);
  }

  for (const o of overrides) {
    const next = getAt(newDefaults, o.path);
    if (next === undefined) {
      const to = renamedTo.get(o);
      if (to) {
        result.conflicts.push(
          conflict({
            kind: 'renamed',
            path: o.path,
            userValue: o.value,
            oldDefault: o.oldDefault,
            newDefault: getAt(newDefaults, to),
            renamedTo: to,
            choices: ['move', 'keep', 'drop', 'custom'],
            proposed: { choice: 'move', to },
          }),
        );
        continue;
      }
      const { depth, value: nearest } = deepestExisting(newDefaults, o.path);
      const parentIsMap = depth > 0 && depth === o.path.length - 1 && isObject(nearest);
      if (o.oldDefault === undefined && parentIsMap) {
        carry(o); // a key the person added to a map that is still there (labels, env, annotations)
        continue;
      }
      if (depth > 0 && !isObject(nearest)) {
        const at = o.path.slice(0, depth);
        result.conflicts.push(
          conflict({
            kind: 'type-changed',
            path: o.path,
            userValue: o.value,
            oldDefault: o.oldDefault,
            newDefault: getAt(newDefaults, at),
            choices: ['drop', 'keep', 'custom'],
            proposed: { choice: 'drop' },
          }),
        );
        continue;
      }
      result.conflicts.push(
        conflict({
          kind: 'removed',
          path: o.path,
          userValue: o.value,
          oldDefault: o.oldDefault,
          choices: ['drop', 'keep', 'move', 'custom'],
          proposed: parentIsMap ? { choice: 'keep' } : { choice: 'drop' },
        }),
      );
      continue;
    }
    const typeChanged = o.value !== null && next !== null && (!sameKind(o.value, next) || (isObject(next) && !isObject(o.value)));
    if (typeChanged) {
      const suggestion = imageSuggestion(o.path, o.value, next);
      result.conflicts.push(
        conflict({
          kind: 'type-changed',
          path: o.path,
          userValue: o.value,
          oldDefault: o.oldDefault,
          newDefault: next,
          suggestion,
          choices: suggestion ? ['suggestion', 'new-default', 'keep', 'custom'] : ['new-default', 'keep', 'custom'],
          proposed: suggestion ? { choice: 'suggestion' } : { choice: 'new-default' },
        }),
      );
      continue;
    }
    if (deepEqual(o.value, next)) {
      result.converged.push({ path: o.path, pathText: pathText(o.path) });
      continue;
    }
    if (o.oldDefault === undefined || deepEqual(o.oldDefault, next)) {
      carry(o);
      continue;
    }
    result.conflicts.push(
      conflict({
        kind: 'default-changed',
        path: o.path,
        userValue: o.value,
        oldDefault: o.oldDefault,
        newDefault: next,
        choices: ['keep', 'new-default', 'custom'],
        proposed: { choice: 'keep' },
      }),
    );
  }
  return result;
}

function refuse(message: string, id: string): BerthFailure {
  return new BerthFailure('input.invalid', message, { conflict: id });
}

/** Applies the person's resolutions; conflicts without one stay out of the values and are listed. */
export function settle(merge: Merge3Result, resolutions: Record<string, Resolution>): SettledValues {
  const values = clone(merge.values);
  const unresolved: string[] = [];
  for (const c of merge.conflicts) {
    const r = resolutions[c.id];
    if (!r) {
      unresolved.push(c.id);
      continue;
    }
    if (!c.choices.includes(r.choice)) throw refuse(`“${r.choice}” is not a way to settle the conflict at ${c.pathText}.`, c.id);
    switch (r.choice) {
      case 'keep':
        setAt(values, c.path, clone(c.userValue));
        break;
      case 'custom':
        setAt(values, c.path, clone(r.value));
        break;
      case 'move':
        if (!Array.isArray(r.to) || r.to.length === 0 || r.to.some((k) => typeof k !== 'string' || k === ''))
          throw refuse(`Say which key the value of ${c.pathText} should move to.`, c.id);
        setAt(values, r.to, clone(c.userValue));
        break;
      case 'suggestion':
        for (const s of c.suggestion ?? []) setAt(values, s.path, clone(s.value));
        break;
      case 'new-default':
      case 'drop':
        break;
    }
  }
  return { values, unresolved };
}
