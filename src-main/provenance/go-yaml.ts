/**
 * A small YAML emitter for JSON-shaped data that writes what go-yaml v2 (behind
 * sigs.k8s.io/yaml, which Helm uses) writes: map keys sorted, sequences flush with their key,
 * strings plain when they read back as the same string, double-quoted when they would read back
 * as another type (or hold unprintable characters), else single-quoted; multi-line strings as
 * literal blocks; long plain and single-quoted strings folded past column 80. For Helm's
 * index.yaml it writes the same bytes as `helm repo index`, and is much faster than a general
 * YAML library on large indexes.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue | undefined };

// Plain scalars that YAML 1.1 (go-yaml v2) would read as something other than a string.
const NOT_A_STRING =
  /^(?:~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0x[0-9a-fA-F_]+|0o?[0-7_]+|[-+]?0b[01_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?|<<|=)$/;
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\ufffe\uffff]/;

function plainOk(s: string): boolean {
  if (s === '' || NOT_A_STRING.test(s)) return false;
  if (/^\s|\s$/.test(s) || /[\n\r\t]/.test(s)) return false;
  if (INDICATOR_START.test(s) && !/^[-?:][^\s]/.test(s)) return false;
  if (/^[-?:](?:\s|$)/.test(s)) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (/^---|^\.\.\./.test(s)) return false;
  return !UNPRINTABLE.test(s);
}

const BEST_WIDTH = 80;

/** go-yaml breaks a plain or single-quoted scalar at the first single space past column 80. */
function fold(s: string, column: number, indent: string): string {
  let out = '';
  let col = column;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === ' ' && col > BEST_WIDTH && s[i - 1] !== ' ' && s[i + 1] !== ' ' && i + 1 < s.length) {
      out += `\n${indent}`;
      col = indent.length;
      continue;
    }
    out += ch;
    col++;
  }
  return out;
}

function scalar(s: string, indent: string, column = 0): string {
  if (plainOk(s)) return fold(s, column, indent);
  // a string that would read back as another type is double-quoted, as go-yaml does
  if (s === '' || NOT_A_STRING.test(s) || UNPRINTABLE.test(s)) return JSON.stringify(s);
  if (s.includes('\n') && !/[ \t]\n|\n[ \t]*\n[ \t]*$|^\s/.test(s)) {
    const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
    const body = (s.endsWith('\n') ? s.slice(0, -1) : s).split('\n');
    return `|${chomp}\n${body.map((l) => (l ? `${indent}${l}` : '')).join('\n')}`;
  }
  if (s.includes('\n')) return JSON.stringify(s);
  return fold(`'${s.replace(/'/g, "''")}'`, column, indent);
}

/** Keys are written inline: never as a block. */
function keyScalar(k: string): string {
  if (plainOk(k)) return k;
  return UNPRINTABLE.test(k) || /[\n\r]/.test(k) ? JSON.stringify(k) : `'${k.replace(/'/g, "''")}'`;
}

function isMap(v: unknown): v is Record<string, YamlValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function column(out: string[]): number {
  for (let i = out.length - 1, n = 0; i >= 0; i--) {
    const nl = out[i].lastIndexOf('\n');
    if (nl >= 0) return n + out[i].length - nl - 1;
    n += out[i].length;
  }
  return out.join('').length;
}

function emit(value: YamlValue, indent: string, out: string[]): void {
  // called for the value of a key or item; writes from the current line position
  if (typeof value === 'string') out.push(` ${scalar(value, indent + '  ', column(out) + 1)}\n`);
  else if (typeof value === 'number' || typeof value === 'boolean' || value === null) out.push(` ${value === null ? 'null' : String(value)}\n`);
  else if (Array.isArray(value)) {
    if (value.length === 0) out.push(' []\n');
    else {
      out.push('\n');
      items(value, indent, out);
    }
  } else if (Object.keys(value).filter((k) => value[k] !== undefined).length === 0) out.push(' {}\n');
  else {
    out.push('\n');
    entries(value, indent + '  ', out);
  }
}

function entries(map: Record<string, YamlValue | undefined>, indent: string, out: string[], first = ''): void {
  const keys = Object.keys(map)
    .filter((k) => map[k] !== undefined)
    .sort();
  keys.forEach((k, i) => {
    out.push(`${i === 0 && first ? first : indent}${keyScalar(k)}:`);
    emit(map[k] as YamlValue, indent, out);
  });
}

function items(list: YamlValue[], indent: string, out: string[]): void {
  for (const item of list) {
    if (isMap(item) && Object.keys(item).some((k) => item[k] !== undefined)) entries(item, indent + '  ', out, `${indent}- `);
    else if (Array.isArray(item) && item.length) {
      out.push(`${indent}-\n`);
      items(item, indent + '  ', out);
    } else {
      out.push(`${indent}-`);
      emit(item, indent, out);
    }
  }
}

export function goYaml(value: YamlValue): string {
  const out: string[] = [];
  if (isMap(value)) entries(value, '', out);
  else if (Array.isArray(value)) items(value, '', out);
  else out.push(`${typeof value === 'string' ? scalar(value, '  ') : String(value)}\n`);
  return out.join('');
}
