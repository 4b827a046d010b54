/**
 * A Helm/cobra-style flag parser that reads flags as pflag (helm's flag library) does:
 * `--name value`, `--name=value`, `-n value`, `-nvalue`, `--` to end flags, flags before or
 * after positional arguments; booleans by Go's strconv.ParseBool, string slices split on commas
 * (StringSlice, e.g. `-f a.yaml,b.yaml`), string arrays kept whole (StringArray, e.g. `--set`),
 * integers and Go durations checked — each refused with pflag's own words.
 */
export type FlagKind = 'bool' | 'string' | 'strings' | 'slice' | 'int' | 'float' | 'duration';

export interface FlagSpec {
  /** `strings` is pflag's StringArray (repeatable, never split); `slice` is StringSlice (also split on commas). */
  kind: FlagKind;
  short?: string;
  description: string;
  /** pflag's NoOptDefVal: the value of the bare flag (`--wait` = `--wait=watcher`); it never takes the next argument. */
  noOptDefault?: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

export interface ParsedArgs {
  positional: string[];
  bools: Record<string, boolean>;
  /** string, int, float and duration flags, as given (already checked). */
  strings: Record<string, string>;
  lists: Record<string, string[]>;
}

export class UsageError extends Error {}

// strconv.ParseBool's accepted spellings (https://pkg.go.dev/strconv#ParseBool).
const GO_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const GO_FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

/** strconv.ParseBool; undefined when Go would refuse the text. */
export function goBool(text: string): boolean | undefined {
  if (GO_TRUE.includes(text)) return true;
  if (GO_FALSE.includes(text)) return false;
  return undefined;
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, μs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/**
 * time.ParseDuration: "300ms", "-1.5h", "2h45m"; seconds, or Go's error text.
 * A bare number other than 0 has no unit and is refused, as Go refuses it.
 */
export function goDuration(text: string): { seconds: number } | { error: string } {
  const quoted = JSON.stringify(text);
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return { seconds: 0 };
  if (s === '') return { error: `time: invalid duration ${quoted}` };
  let seconds = 0;
  while (s !== '') {
    const num = /^(\d*)(\.\d*)?/.exec(s);
    if (!num || num[0] === '' || num[0] === '.') return { error: `time: invalid duration ${quoted}` };
    s = s.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(s)?.[0] ?? '';
    if (unit === '') return { error: `time: missing unit in duration ${quoted}` };
    const factor = DURATION_UNITS[unit];
    if (factor === undefined) return { error: `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}` };
    seconds += Number(num[0]) * factor;
    s = s.slice(unit.length);
  }
  return { seconds: sign * seconds };
}

/** encoding/csv's reading of one StringSlice value: commas split, double quotes group. */
function csvFields(value: string): string[] {
  if (value === '') return [];
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quoted) {
      if (ch === '"' && value[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

function flagLabel(name: string, spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${name}` : `--${name}`;
}

function invalid(name: string, spec: FlagSpec, value: string, why: string): UsageError {
  return new UsageError(`invalid argument ${JSON.stringify(value)} for ${JSON.stringify(flagLabel(name, spec))} flag: ${why}`);
}

function checkValue(name: string, spec: FlagSpec, value: string): void {
  const q = JSON.stringify(value);
  if (spec.kind === 'int' && !/^[-+]?(0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]*|0[bB][01_]+|[1-9][0-9_]*|0)$/.test(value)) {
    throw invalid(name, spec, value, `strconv.ParseInt: parsing ${q}: invalid syntax`);
  }
  if (spec.kind === 'float' && (value.trim() !== value || value === '' || Number.isNaN(Number(value)))) {
    throw invalid(name, spec, value, `strconv.ParseFloat: parsing ${q}: invalid syntax`);
  }
  if (spec.kind === 'duration') {
    const d = goDuration(value);
    if ('error' in d) throw invalid(name, spec, value, d.error);
  }
}

export function parseArgs(argv: readonly string[], specs: FlagSpecs): ParsedArgs {
  const out: ParsedArgs = { positional: [], bools: {}, strings: {}, lists: {} };
  const byShort = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) if (spec.short) byShort.set(spec.short, name);

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    let name: string | undefined;
    let inline: string | undefined;
    let shortForm: string | undefined;
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
      if (!specs[name]) throw new UsageError(`unknown flag: --${name}`);
    } else if (arg.startsWith('-') && arg.length > 1 && arg !== '-') {
      const short = arg.slice(1, 2);
      name = byShort.get(short);
      if (!name) throw new UsageError(`unknown shorthand flag: '${short}' in ${arg}`);
      shortForm = short;
      inline = arg.length > 2 ? arg.slice(arg[2] === '=' ? 3 : 2) : undefined;
    } else {
      out.positional.push(arg);
      continue;
    }
    const spec = specs[name];
    if (spec.kind === 'bool') {
      // pflag: `-qA` is two short booleans; a value follows only after `=`
      if (shortForm && inline !== undefined && arg[2] !== '=') {
        out.bools[name] = true;
        argv = [...argv.slice(0, i + 1), `-${inline}`, ...argv.slice(i + 1)];
        continue;
      }
      if (inline === undefined) {
        out.bools[name] = true;
        continue;
      }
      const b = goBool(inline);
      if (b === undefined) throw invalid(name, spec, inline, `strconv.ParseBool: parsing ${JSON.stringify(inline)}: invalid syntax`);
      out.bools[name] = b;
      continue;
    }
    let value = inline ?? spec.noOptDefault;
    if (value === undefined) {
      if (i + 1 >= argv.length)
        throw new UsageError(shortForm ? `flag needs an argument: '${shortForm}' in -${shortForm}` : `flag needs an argument: --${name}`);
      value = argv[++i];
    }
    checkValue(name, spec, value);
    if (spec.kind === 'strings') (out.lists[name] ??= []).push(value);
    else if (spec.kind === 'slice') (out.lists[name] ??= []).push(...csvFields(value));
    else out.strings[name] = value;
  }
  return out;
}

/** An int flag's value (checked by parseArgs), or the fallback. */
export function intFlag(args: ParsedArgs, name: string, fallback: number): number {
  const v = args.strings[name];
  if (v === undefined) return fallback;
  const neg = v.startsWith('-');
  const body = v.replace(/^[-+]/, '').replace(/_/g, '');
  const n = /^0[oO]/.test(body) ? parseInt(body.slice(2), 8) : /^0[0-7]+$/.test(body) ? parseInt(body, 8) : Number(body);
  return neg ? -n : n;
}
