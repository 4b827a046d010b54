import { BerthFailure } from '../../shared/result';
import { resolveDataDir } from '../data-dir';
import { logError } from '../log';
import { createServices, type Services } from '../services';
import { BERTH_VERSION } from '../version';
import { parseArgs, UsageError, type FlagSpecs } from './args';
import type { CliCommand, CliIO } from './command';
import { allCommands } from './commands';
import { HELM_GLOBAL_FLAGS } from './helm-globals';
import { ENGINE_WORDS, runEngineCli } from './commands/chart';

const GLOBAL_FLAGS: FlagSpecs = {
  ...HELM_GLOBAL_FLAGS,
  'data-dir': { kind: 'string', description: 'folder holding your local Berth state (default: $BERTH_HOME or the per-user app data folder)' },
  json: { kind: 'bool', description: 'print machine-readable JSON' },
  help: { kind: 'bool', short: 'h', description: 'show help' },
};

function findCommand(commands: CliCommand[], words: string[]): CliCommand | undefined {
  let best: CliCommand | undefined;
  for (const c of commands) {
    if (c.path.length <= words.length && c.path.every((w, i) => words[i] === w)) {
      if (!best || c.path.length > best.path.length) best = c;
    }
  }
  return best;
}

function helpText(commands: CliCommand[], prefix: string[] = []): string {
  const shown = commands.filter((c) => prefix.every((w, i) => c.path[i] === w));
  const width = Math.max(...shown.map((c) => c.path.join(' ').length));
  const lines = shown.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
  return [
    'Berth — the app-store lifecycle for Helm charts.',
    '',
    'Usage: berth <command> [flags]',
    '',
    'Commands:',
    ...lines,
    '',
    'Global flags:',
    ...Object.entries(GLOBAL_FLAGS).map(([n, s]) => `  ${s.short ? `-${s.short}, ` : '    '}--${n.padEnd(30)} ${s.description}`),
    '',
  ].join('\n');
}

function commandHelp(c: CliCommand): string {
  const flags = { ...(c.flags ?? {}), ...GLOBAL_FLAGS };
  return [
    c.summary,
    '',
    `Usage: ${c.usage}`,
    '',
    'Flags:',
    ...Object.entries(flags).map(([n, s]) => `  ${s.short ? `-${s.short}, ` : '    '}--${n.padEnd(16)} ${s.description}`),
    '',
  ].join('\n');
}

/**
 * The words that may name a command: the leading non-flag tokens, skipping global flags
 * (and the value of `--data-dir DIR`) wherever they stand, as cobra does for persistent flags.
 */
function commandWords(argv: string[]): { words: string[]; positions: number[] } {
  const words: string[] = [];
  const positions: number[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('-')) {
      const name = a.replace(/^--?/, '').split('=')[0];
      const spec = GLOBAL_FLAGS[name] ?? Object.values(GLOBAL_FLAGS).find((f) => f.short === name);
      if (!spec) break; // a command's own flag: the command words are behind us
      if (spec.kind !== 'bool' && !a.includes('=')) i++;
      continue;
    }
    words.push(a);
    positions.push(i);
  }
  return { words, positions };
}

function wantsJson(argv: string[]): boolean {
  const at = argv.indexOf('--');
  return (at < 0 ? argv : argv.slice(0, at)).some((a) => a === '--json' || a === '--json=true');
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const commands = allCommands();
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    io.stdout(helpText(commands));
    return 0;
  }
  // `berth version` alone prints Berth's version, as `helm version` does; `berth version <verb>` is the lifecycle group
  if (argv[0] === '--version' || (argv[0] === 'version' && argv.length === 1)) {
    io.stdout(`berth ${BERTH_VERSION}\n`);
    return 0;
  }
  const { words, positions } = commandWords(argv);
  // helm's global flags may come first (`berth --kube-context x template …`); the engine takes them too
  if (ENGINE_WORDS.has(words[0])) return runEngineCli(argv, io);
  const command = findCommand(commands, words);
  if (!command) {
    const known = commands.some((c) => c.path[0] === words[0]);
    if (known) {
      io.stdout(helpText(commands, [words[0]]));
      return argv.includes('--help') || argv.includes('-h') ? 0 : 1;
    }
    io.stderr(`Error: unknown command "${words[0] ?? argv[0]}" for "berth"\nRun 'berth --help' for usage.\n`);
    return 1;
  }
  // remove exactly the tokens that named the command; everything else is its arguments
  const commandPositions = new Set(positions.slice(0, command.path.length));
  const rest = argv.filter((_, i) => !commandPositions.has(i));
  let services: Services | undefined;
  try {
    const args = parseArgs(rest, { ...(command.flags ?? {}), ...GLOBAL_FLAGS });
    if (args.bools.help) {
      io.stdout(commandHelp(command));
      return 0;
    }
    const dataDir = resolveDataDir(args.strings['data-dir']);
    return await command.run({
      ...io,
      args,
      dataDir,
      json: args.bools.json === true,
      services: () => (services ??= createServices({ dataDir, host: 'cli', hookOutput: (t) => io.stderr(t) })),
    });
  } catch (e) {
    // with --json a failure is JSON on stdout too, so scripts read one shape either way
    if (wantsJson(rest) && (e instanceof UsageError || e instanceof BerthFailure)) {
      io.stdout(`${JSON.stringify({ error: { code: e instanceof BerthFailure ? e.code : 'input.invalid', message: e.message } }, null, 2)}\n`);
    }
    if (e instanceof UsageError) {
      io.stderr(`Error: ${e.message}\n`);
      return 1;
    }
    if (e instanceof BerthFailure) {
      io.stderr(`Error: ${e.message}\n`);
      return 1;
    }
    logError(`berth ${command.path.join(' ')}`, e);
    io.stderr(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await services?.close();
  }
}

// When bundled as the CLI entry (dist/main/cli.cjs), run.
declare const __BERTH_CLI_ENTRY__: boolean | undefined;
if (typeof __BERTH_CLI_ENTRY__ !== 'undefined' && __BERTH_CLI_ENTRY__) {
  const write = (stream: NodeJS.WriteStream) => (text: string) => {
    stream.write(text);
  };
  runCli(process.argv.slice(2), { stdout: write(process.stdout), stderr: write(process.stderr) }).then(
    (code) => {
      // 'serve' keeps running (-1); every other command exits once its output is flushed,
      // so background handles (the render engine's runtime) never hold the process open.
      if (code !== -1) process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
    },
    (e: unknown) => {
      process.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
