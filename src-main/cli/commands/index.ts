import type { CliCommand } from '../command';
import { serveCommand } from './serve';

/** Every `berth` subcommand; each domain contributes its list. */
export function allCommands(): CliCommand[] {
  return [serveCommand];
}
