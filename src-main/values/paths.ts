/**
 * Value paths: `['image', 'pullPolicy']` ⇄ `image.pullPolicy`, `['hosts', 0]` ⇄ `hosts[0]`.
 * Keys holding dots are escaped as Helm's `--set` reads them (`podAnnotations.prometheus\.io/scrape`).
 */
import type { JsonObject, JsonValue, ValuePath } from '../../shared/types/values';
import { isObject } from './json-value';

export function pathText(path: ValuePath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += (out === '' ? '' : '.') + seg.replace(/\\/g, '\\\\').replace(/\./g, '\\.').replace(/\[/g, '\\[');
  }
  return out;
}

/** Reads `a.b\.c[0].d` back into keys and positions. */
export function parsePathText(text: string): ValuePath {
  const out: ValuePath = [];
  let key = '';
  let pending = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      key += text[++i];
      pending = true;
    } else if (c === '.') {
      if (pending) out.push(key);
      key = '';
      pending = false;
    } else if (c === '[') {
      const close = text.indexOf(']', i);
      const index = close > i ? text.slice(i + 1, close) : '';
      if (!/^\d+$/.test(index)) {
        key += c;
        pending = true;
        continue;
      }
      if (pending) out.push(key);
      out.push(Number(index));
      key = '';
      pending = false;
      i = close;
    } else {
      key += c;
      pending = true;
    }
  }
  if (pending) out.push(key);
  return out;
}

export function getAt(root: JsonValue | undefined, path: ValuePath): JsonValue | undefined {
  let cur: JsonValue | undefined = root;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur) || seg >= cur.length) return undefined;
      cur = cur[seg];
    } else {
      if (!isObject(cur) || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
      cur = cur[seg];
    }
  }
  return cur;
}

export function hasAt(root: JsonValue | undefined, path: ValuePath): boolean {
  return getAt(root, path) !== undefined;
}

/** Sets a value at a key path, creating maps on the way (replacing non-maps in the way). */
export function setAt(root: JsonObject, path: string[], value: JsonValue): void {
  if (path.length === 0) throw new Error('setAt needs a non-empty path');
  let cur: JsonObject = root;
  for (const key of path.slice(0, -1)) {
    const next = cur[key];
    if (!isObject(next)) cur[key] = {};
    cur = cur[key] as JsonObject;
  }
  cur[path[path.length - 1]] = value;
}

/** Deletes the value at a key path and the maps it leaves empty. */
export function deleteAt(root: JsonObject, path: string[]): void {
  const trail: JsonObject[] = [root];
  let cur: JsonValue | undefined = root;
  for (const key of path.slice(0, -1)) {
    cur = isObject(cur) ? cur[key] : undefined;
    if (!isObject(cur)) return;
    trail.push(cur);
  }
  delete trail[trail.length - 1][path[path.length - 1]];
  for (let i = trail.length - 1; i > 0; i--) {
    if (Object.keys(trail[i]).length > 0) break;
    delete trail[i - 1][path[i - 1]];
  }
}

export interface Leaf {
  path: string[];
  value: JsonValue;
}

/**
 * The values a person can set one by one: scalars, lists (Helm replaces lists whole) and
 * empty maps. Non-empty maps are walked into.
 */
export function leaves(root: JsonValue, prefix: string[] = []): Leaf[] {
  if (!isObject(root) || (Object.keys(root).length === 0 && prefix.length > 0)) return [{ path: prefix, value: root }];
  return Object.entries(root).flatMap(([k, v]) => leaves(v, [...prefix, k]));
}
