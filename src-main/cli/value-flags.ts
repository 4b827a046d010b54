/** Helm's values flags (-f, --set and its kinds), shared by `berth template|lint` and `berth install|upgrade`. */
import type { ValueSources } from '../../shared/types/chart';
import type { FlagSpecs, ParsedArgs } from './args';

export const VALUE_FLAGS: FlagSpecs = {
  values: { kind: 'strings', short: 'f', description: 'specify values in a YAML file (can specify multiple)' },
  set: { kind: 'strings', description: 'set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)' },
  'set-string': { kind: 'strings', description: 'set STRING values on the command line' },
  'set-file': { kind: 'strings', description: 'set values from respective files specified via the command line' },
  'set-json': { kind: 'strings', description: 'set JSON values on the command line' },
  'set-literal': { kind: 'strings', description: 'set a literal STRING value on the command line' },
};

export function valueSources(args: ParsedArgs): ValueSources {
  return {
    valueFiles: args.lists.values ?? [],
    set: args.lists.set ?? [],
    setString: args.lists['set-string'] ?? [],
    setFile: args.lists['set-file'] ?? [],
    setJson: args.lists['set-json'] ?? [],
    setLiteral: args.lists['set-literal'] ?? [],
  };
}
