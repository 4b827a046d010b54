/**
 * JSON as Go's encoding/json writes it, for output that must equal helm's byte for byte:
 * `<`, `>`, `&`, U+2028 and U+2029 escaped as \u003c…, objects written in the order given
 * (callers put struct fields in Go's order and map keys sorted, see sortedKeys).
 */

const GO_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** JSON text written as it is where it stands in a value (e.g. a release's config as Go marshalled it). */
export class RawJson {
  constructor(readonly text: string) {}
}

// what stands in for a RawJson while JSON.stringify runs (the control character cannot occur unescaped in JSON text)
const RAW_MARK = '\u0001berth-raw-json:';
const RAW_PLACE = /"\\u0001berth-raw-json:(\d+)"/g;

/** json.Marshal's text for a value; json.Encoder adds the newline. */
export function goJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof RawJson ? `${RAW_MARK}${raws.push(v.text) - 1}` : v));
  const escaped = text.replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c]);
  return raws.length ? escaped.replace(RAW_PLACE, (_m, i: string) => raws[Number(i)]) : escaped;
}

/** Go marshals map keys sorted by their bytes; every object below is taken for a map. */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))) out[k] = sortedKeys((value as Record<string, unknown>)[k]);
  return out;
}

/** Copies `fields` of a struct-shaped object in Go's field order; fields absent stay absent. */
export function inOrder(
  value: Record<string, unknown> | null | undefined,
  fields: readonly string[],
  maps: readonly string[] = [],
): Record<string, unknown> | null | undefined {
  if (!value) return value;
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f in value) out[f] = maps.includes(f) ? sortedKeys(value[f]) : value[f];
  for (const f of Object.keys(value)) if (!(f in out)) out[f] = value[f];
  return out;
}
