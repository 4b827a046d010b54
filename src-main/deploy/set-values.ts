/**
 * Helm's --set / --set-string syntax (pkg/strvals) for the CLI: `a.b=c,list[0]=x,tags={a,b}`,
 * with `\` escaping `,` `.` `=` `[`, and Helm's value typing (true/false/null, base-10 integers
 * not starting with 0). Values land in a plain object merged over the -f files.
 */
import { BerthFailure } from '../../shared/result';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function typed(raw: string, asString: boolean): Json {
  if (asString) return raw;
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (raw === '0') return 0;
  if (raw !== '' && raw[0] !== '0' && /^[+-]?\d+$/.test(raw)) {
    const n = Number(raw);
    if (Number.isSafeInteger(n)) return n;
  }
  return raw;
}

/** Splits on an unescaped separator, honouring `{…}` lists; escapes are kept for the next stage. */
function splitUnescaped(text: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      cur += c + text[++i];
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') depth = Math.max(0, depth - 1);
    if (c === sep && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

const unescape = (s: string) => s.replace(/\\(.)/g, '$1');

type Step = { key: string } | { index: number };

function parsePath(key: string, expr: string): Step[] {
  const steps: Step[] = [];
  for (const part of splitUnescaped(key, '.')) {
    const m = /^(.*?)((?:\[\d+\])*)$/.exec(part)!;
    if (m[1] === '' && steps.length === 0) throw new BerthFailure('input.invalid', `--set ${expr}: the key is empty.`);
    if (m[1] !== '') steps.push({ key: unescape(m[1]) });
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) steps.push({ index: Number(idx[1]) });
  }
  return steps;
}

function assign(root: { [k: string]: Json }, steps: Step[], value: Json): void {
  let node: Json = root;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const last = i === steps.length - 1;
    const next = steps[i + 1];
    const empty = (): Json => (next && 'index' in next ? [] : {});
    if ('key' in step) {
      const obj = node as { [k: string]: Json };
      if (last) obj[step.key] = value;
      else {
        const cur = obj[step.key];
        if (cur === null || typeof cur !== 'object' || Array.isArray(cur) !== Boolean(next && 'index' in next)) obj[step.key] = empty();
        node = obj[step.key];
      }
    } else {
      const list = node as Json[];
      while (list.length <= step.index) list.push(null);
      if (last) list[step.index] = value;
      else {
        const cur = list[step.index];
        if (cur === null || typeof cur !== 'object' || Array.isArray(cur) !== Boolean(next && 'index' in next)) list[step.index] = empty();
        node = list[step.index];
      }
    }
  }
}

/** Applies one --set (or --set-string) argument to `values`. */
export function applySet(values: { [k: string]: Json }, expr: string, asString = false): void {
  for (const pair of splitUnescaped(expr, ',')) {
    if (pair === '') continue;
    const eq = splitUnescaped(pair, '=');
    if (eq.length < 2) throw new BerthFailure('input.invalid', `--set ${pair}: expected key=value.`);
    const key = eq[0];
    const rawValue = eq.slice(1).join('=');
    let value: Json;
    if (!asString && rawValue.startsWith('{') && rawValue.endsWith('}')) {
      const inner = rawValue.slice(1, -1);
      value = inner === '' ? [] : splitUnescaped(inner, ',').map((v) => typed(unescape(v), false));
    } else {
      value = typed(unescape(rawValue), asString);
    }
    assign(values, parsePath(key, pair), value);
  }
}
