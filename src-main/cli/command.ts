import type { Services } from '../services';
import type { FlagSpecs, ParsedArgs } from './args';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliContext extends CliIO {
  args: ParsedArgs;
  /** The data dir from --data-dir, BERTH_HOME or the per-user default. */
  dataDir: string;
  json: boolean;
  /**
   * This data dir's services, from the same composition root the app uses; made on first
   * call and closed by `runCli` when the command returns.
   */
  services(): Services;
}

/** One `berth` subcommand. `path` is the words that select it, e.g. ['catalog', 'init']. */
export interface CliCommand {
  path: string[];
  summary: string;
  usage: string;
  flags?: FlagSpecs;
  /** Returns the process exit code. */
  run(ctx: CliContext): Promise<number>;
}
