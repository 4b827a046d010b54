/**
 * Form fields from a values.schema.json: `$ref` within the file (`#/definitions/…`,
 * `#/$defs/…`), `allOf` merged, `anyOf`/`oneOf` reduced to what a form can offer, and the
 * constraints a person needs to see while typing. Recursive schemas stop where they repeat.
 */
import type { FieldKind, FormField, JsonObject, JsonValue } from '../../shared/types/values';
import { isObject } from './json-value';
import { kindOfValue } from './infer-form';
import { looksLikeSecretKey } from './secrets';

/** Deep enough for real charts (kube-prometheus-stack nests ~10 levels); stops runaway schemas. */
const MAX_DEPTH = 24;

function pointer(root: JsonObject, ref: string): JsonValue | undefined {
  if (!ref.startsWith('#')) return undefined;
  const parts = ref
    .slice(1)
    .split('/')
    .filter((p, i) => i > 0 || p !== '');
  let cur: JsonValue | undefined = root;
  for (const raw of parts) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = cur[Number(key)];
    else if (isObject(cur)) cur = cur[key];
    else return undefined;
  }
  return cur;
}

/** The node with `$ref`s followed and `allOf` folded in; `{}` (anything) where a ref repeats. */
export function resolveSchema(node: JsonValue | undefined, root: JsonObject, seen: ReadonlySet<string> = new Set()): JsonObject {
  if (node === true || node === undefined || !isObject(node)) return {};
  let out: JsonObject = node;
  const visiting = new Set(seen);
  for (let hops = 0; typeof out.$ref === 'string' && hops < 32; hops++) {
    const ref = out.$ref;
    if (visiting.has(ref)) return { $recursive: true };
    visiting.add(ref);
    const target = pointer(root, ref);
    const { $ref: _drop, ...rest } = out;
    out = { ...(isObject(target) ? target : {}), ...rest };
  }
  if (Array.isArray(out.allOf)) {
    const { allOf, ...rest } = out;
    let merged: JsonObject = rest;
    for (const part of allOf) merged = mergeSchemas(merged, resolveSchema(part, root, visiting));
    out = merged;
  }
  if (visiting.size > seen.size) out = { ...out, $seen: [...visiting] };
  return out;
}

function mergeSchemas(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a, ...b };
  if (isObject(a.properties) && isObject(b.properties)) out.properties = { ...a.properties, ...b.properties };
  if (Array.isArray(a.required) && Array.isArray(b.required)) out.required = [...new Set([...a.required, ...b.required])];
  return out;
}

function seenOf(node: JsonObject, seen: ReadonlySet<string>): Set<string> {
  const out = new Set(seen);
  if (Array.isArray(node.$seen)) for (const s of node.$seen) if (typeof s === 'string') out.add(s);
  return out;
}

/** `anyOf`/`oneOf`: the object option when there is one, and whether null is allowed. */
function pickAlternative(node: JsonObject, root: JsonObject, seen: ReadonlySet<string>): { node: JsonObject; nullable: boolean; kinds: Set<string> } {
  const options = (Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : []).map((o) => resolveSchema(o, root, seen));
  const kinds = new Set<string>();
  let nullable = false;
  let objectOption: JsonObject | undefined;
  for (const o of options) {
    for (const t of typesOf(o)) {
      if (t === 'null') nullable = true;
      else kinds.add(t);
    }
    if (isObject(o.properties)) objectOption ??= o;
  }
  const { anyOf: _a, oneOf: _o, ...rest } = node;
  return { node: objectOption ? mergeSchemas(rest, objectOption) : rest, nullable, kinds };
}

function typesOf(node: JsonObject): string[] {
  if (typeof node.type === 'string') return [node.type];
  if (Array.isArray(node.type)) return node.type.filter((t): t is string => typeof t === 'string');
  if (isObject(node.properties)) return ['object'];
  if (node.items !== undefined) return ['array'];
  const values = Array.isArray(node.enum) ? node.enum : 'const' in node ? [node.const] : [];
  return [...new Set(values.map((v) => (v === null ? 'null' : (kindOfValue(v) ?? 'null')).replace('map', 'object')))];
}

function kindFor(types: Iterable<string>, node: JsonObject): FieldKind {
  const list = [...types];
  if (list.length === 2 && list.includes('integer') && list.includes('number')) return 'number';
  if (list.length !== 1) return 'any';
  const [t] = list;
  if (t === 'object') return isObject(node.properties) && Object.keys(node.properties).length > 0 ? 'object' : 'map';
  if (t === 'array' || t === 'string' || t === 'integer' || t === 'number' || t === 'boolean') return t;
  return 'any';
}

function num(v: JsonValue | undefined): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function str(v: JsonValue | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function schemaField(
  raw: JsonValue | undefined,
  root: JsonObject,
  key: string,
  path: string[],
  required: boolean,
  seen: ReadonlySet<string> = new Set(),
  depth = 0,
): FormField {
  let node = resolveSchema(raw, root, seen);
  let nextSeen = seenOf(node, seen);
  let nullable = false;
  let types = new Set(typesOf(node));
  if (types.size === 0 && (Array.isArray(node.anyOf) || Array.isArray(node.oneOf))) {
    const alt = pickAlternative(node, root, nextSeen);
    node = alt.node;
    nextSeen = seenOf(node, nextSeen);
    nullable = alt.nullable;
    types = isObject(node.properties) ? new Set(['object']) : alt.kinds;
  }
  if (types.delete('null')) nullable = true;
  const kind = node.$recursive ? 'any' : kindFor(types, node);
  const format = str(node.format);
  const field: FormField = {
    key,
    path,
    kind,
    nullable,
    origin: 'schema',
    required,
    secret: format === 'password' || node.writeOnly === true || (kind === 'string' && looksLikeSecretKey(key)),
  };
  const title = str(node.title);
  const description = str(node.description);
  if (title) field.title = title;
  if (description) field.description = description;
  if (node.default !== undefined) field.default = node.default;
  if (Array.isArray(node.enum)) field.enum = node.enum;
  else if (node.const !== undefined) field.enum = [node.const];
  // draft-04 wrote exclusive bounds as booleans next to minimum/maximum
  if (node.exclusiveMinimum === true && num(node.minimum) !== undefined) field.exclusiveMinimum = num(node.minimum);
  else if (num(node.minimum) !== undefined) field.minimum = num(node.minimum);
  if (node.exclusiveMaximum === true && num(node.maximum) !== undefined) field.exclusiveMaximum = num(node.maximum);
  else if (num(node.maximum) !== undefined) field.maximum = num(node.maximum);
  if (num(node.exclusiveMinimum) !== undefined) field.exclusiveMinimum = num(node.exclusiveMinimum);
  if (num(node.exclusiveMaximum) !== undefined) field.exclusiveMaximum = num(node.exclusiveMaximum);
  for (const k of ['multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
    const v = num(node[k]);
    if (v !== undefined) field[k] = v;
  }
  const pattern = str(node.pattern);
  if (pattern) field.pattern = pattern;
  if (format) field.format = format;
  if (node.deprecated === true) field.deprecated = true;
  if (node.readOnly === true) field.readOnly = true;
  if (kind === 'array' && node.items !== undefined) {
    const items = resolveSchema(node.items, root, nextSeen);
    const itemKind = kindFor(new Set(typesOf(items).filter((t) => t !== 'null')), items);
    if (itemKind !== 'any') field.itemKind = itemKind === 'map' ? 'object' : itemKind;
  }
  if (kind === 'object' && isObject(node.properties) && depth < MAX_DEPTH) {
    const requiredKeys = new Set(Array.isArray(node.required) ? node.required.filter((r): r is string => typeof r === 'string') : []);
    field.children = Object.entries(node.properties).map(([k, v]) => schemaField(v, root, k, [...path, k], requiredKeys.has(k), nextSeen, depth + 1));
  }
  return field;
}
