/** Form fields inferred from default values and what values.yaml's comments say about them. */
import type { FieldKind, FormField, JsonValue } from '../../shared/types/values';
import { isObject } from './json-value';
import { pathText } from './paths';
import { looksLikeSecretKey } from './secrets';
import type { ValuesDocs } from './values-docs';

export function kindOfValue(v: JsonValue | undefined): FieldKind | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return 'array';
  if (isObject(v)) return Object.keys(v).length > 0 ? 'object' : 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v as 'string' | 'boolean';
}

function itemKindOf(list: JsonValue[]): FieldKind | undefined {
  const kinds = new Set(list.map(kindOfValue));
  if (kinds.size !== 1) return undefined;
  const [only] = kinds;
  return only === 'map' ? 'object' : only;
}

/**
 * `docsPath` is where the docs know the value from: for a subchart's values seen from the
 * parent, the same key path without the subchart prefix.
 */
export function inferField(key: string, path: string[], value: JsonValue, docs: ValuesDocs, docsPath: string[] = path): FormField {
  const doc = docs.byPath.get(pathText(docsPath));
  const kind = kindOfValue(value) ?? doc?.kind ?? 'any';
  const field: FormField = {
    key,
    path,
    kind,
    nullable: value === null || doc?.nullable === true,
    origin: 'values',
    required: false,
    secret: kind === 'string' && looksLikeSecretKey(key),
    default: value,
  };
  if (doc?.description) field.description = doc.description;
  if (doc?.section) field.section = doc.section;
  if (doc?.skip) field.hidden = true;
  if (Array.isArray(value)) {
    const itemKind = itemKindOf(value);
    if (itemKind) field.itemKind = itemKind;
  }
  if (kind === 'object' && isObject(value)) {
    field.children = Object.entries(value).map(([k, v]) => inferField(k, [...path, k], v, docs, [...docsPath, k]));
  }
  return field;
}

export function inferFields(values: Record<string, JsonValue>, docs: ValuesDocs, prefix: string[] = [], docsPrefix: string[] = prefix): FormField[] {
  return Object.entries(values).map(([k, v]) => inferField(k, [...prefix, k], v, docs, [...docsPrefix, k]));
}
