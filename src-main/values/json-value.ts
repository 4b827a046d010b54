/** Small operations on JSON-shaped values (what a values file is once parsed). */
import type { JsonObject, JsonValue } from '../../shared/types/values';

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

export function clone<T extends JsonValue | undefined>(v: T): T {
  return v === undefined ? v : (structuredClone(v) as T);
}

/** The JSON type name, as Helm's schema errors say it (`got string, want integer`). */
export function typeName(v: unknown): 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object' {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  return 'object';
}

/** Whether two values differ in kind, with integers and numbers counted as one kind. */
export function sameKind(a: unknown, b: unknown): boolean {
  const ka = typeName(a).replace('integer', 'number');
  const kb = typeName(b).replace('integer', 'number');
  return ka === kb;
}

/**
 * Turns what a YAML parser returns into plain JSON, as Helm's YAML→JSON step does:
 * timestamps become strings, map keys become strings, undefined becomes null.
 */
export function toJsonValue(v: unknown): JsonValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().replace('.000Z', 'Z');
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v instanceof Map) {
    const out: JsonObject = {};
    for (const [k, val] of v) out[String(k)] = toJsonValue(val);
    return out;
  }
  if (v instanceof Set) return [...v].map(toJsonValue);
  if (typeof v === 'object') {
    const out: JsonObject = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) out[k] = toJsonValue(val);
    return out;
  }
  return String(v);
}
