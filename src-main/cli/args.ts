/**
 * A small Helm/cobra-style flag parser: `--name value`, `--name=value`, `-n value`,
 * repeatable string flags, boolean flags, and `--` to end flags. Flags may appear
 * before or after positional arguments, as with Helm.
 */
export type FlagKind = 'bool' | 'string' | 'strings';

export interface FlagSpec {
  kind: FlagKind;
  short?: string;
  description: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

export interface ParsedArgs {
  positional: string[];
  bools: Record<string, boolean>;
  strings: Record<string, string>;
  lists: Record<string, string[]>;
}

export class UsageError extends Error {}

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
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    } else if (arg.startsWith('-') && arg.length > 1 && arg !== '-') {
      const short = arg.slice(1, 2);
      name = byShort.get(short);
      if (!name) throw new UsageError(`unknown shorthand flag: '${short}' in ${arg}`);
      inline = arg.length > 2 ? arg.slice(arg[2] === '=' ? 3 : 2) : undefined;
    } else {
      out.positional.push(arg);
      continue;
    }
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown flag: --${name}`);
    if (spec.kind === 'bool') {
      out.bools[name] = inline === undefined ? true : !['false', '0', 'no'].includes(inline.toLowerCase());
      continue;
    }
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: --${name}`);
      value = argv[++i];
    }
    if (spec.kind === 'string') out.strings[name] = value;
    else (out.lists[name] ??= []).push(value);
  }
  return out;
}
