/**
 * The YAML side of the values editor: the person's overrides as YAML text, edited key by key
 * from the form without losing their comments or layout, and read back into values.
 */
import { isMap, parseDocument, type Document } from 'yaml';
import type { FormField, JsonObject, JsonValue } from '../../../shared/types/values';

export type ParsedOverrides = { ok: true; values: JsonObject } | { ok: false; message: string; line?: number };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseOverrides(text: string): ParsedOverrides {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false });
  const first = doc.errors[0];
  if (first) return { ok: false, message: first.message.split('\n')[0], line: text.slice(0, first.pos[0]).split('\n').length };
  const js: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (js === null || js === undefined) return { ok: true, values: {} };
  if (!isObject(js)) return { ok: false, message: 'The values must be a map of keys and values.' };
  return { ok: true, values: js };
}

export function getAt(root: JsonValue | undefined, path: readonly string[]): JsonValue | undefined {
  let cur: JsonValue | undefined = root;
  for (const key of path) {
    if (!isObject(cur) || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Drops maps left empty by a delete, from the deepest up. */
function pruneEmpty(doc: Document, path: readonly string[]): void {
  for (let i = path.length - 1; i > 0; i--) {
    const parent = doc.getIn(path.slice(0, i));
    if (isMap(parent) && parent.items.length === 0) doc.deleteIn(path.slice(0, i));
    else break;
  }
}

/**
 * Sets one value in the YAML text. `undefined` (or a value equal to the chart's default)
 * removes the override, so the text keeps only what the person changed.
 */
export function setOverride(text: string, path: readonly string[], value: JsonValue | undefined, chartDefault?: JsonValue): string {
  // YAML 1.2 for editing: new maps are plain maps (1.1 would make them !!omap); reading stays 1.1 as in Helm
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: false });
  if (doc.errors.length > 0) return text;
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  if (value === undefined || (chartDefault !== undefined && deepEqual(value, chartDefault))) {
    if (doc.hasIn(path)) {
      doc.deleteIn(path);
      pruneEmpty(doc, path);
    }
  } else {
    // a scalar standing where a map is needed is replaced, as Helm's coalescing would
    for (let i = 1; i < path.length; i++) {
      const at = doc.getIn(path.slice(0, i), true);
      if (at !== undefined && !isMap(at)) doc.setIn(path.slice(0, i), doc.createNode({}));
    }
    doc.setIn(path, doc.createNode(value));
  }
  const out = doc.toString();
  return out.trim() === '{}' ? '' : out;
}

/** What the form shows for a field: the person's value, else the chart's default. */
export function effectiveValue(field: FormField, overrides: JsonObject): JsonValue | undefined {
  const mine = getAt(overrides, field.path);
  return mine !== undefined ? mine : field.default;
}

export function isOverridden(field: FormField, overrides: JsonObject): boolean {
  return getAt(overrides, field.path) !== undefined;
}

/** Does the field (or anything under it) match the filter text? */
export function matches(field: FormField, filter: string): boolean {
  if (!filter) return true;
  const f = filter.toLowerCase();
  if (field.path.join('.').toLowerCase().includes(f) || field.title?.toLowerCase().includes(f) || field.description?.toLowerCase().includes(f)) return true;
  return (field.children ?? []).some((c) => matches(c, filter));
}

export function pathKey(path: readonly (string | number)[]): string {
  return path.map(String).join('\u0000');
}
