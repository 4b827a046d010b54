import type { CliCommand } from '../command';
import { catalogCommands } from './catalog';
import { deployCommands } from './deploy';
import { distributionCommands } from './distribution';
import { chartCommands } from './chart';
import { migrateApisCommand } from './migrate';
import { validateCommand } from './validate';
import { dependencyCommands } from './dependency';
import { upgradeCheckCommand } from './upgrade-check';
import { serveCommand } from './serve';

/** Every `berth` subcommand; each domain contributes its list. */
export function allCommands(): CliCommand[] {
  return [
    serveCommand,
    ...deployCommands,
    ...distributionCommands,
    ...catalogCommands,
    ...chartCommands,
    migrateApisCommand,
    validateCommand,
    ...dependencyCommands,
    upgradeCheckCommand,
  ];
}
