import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where one person's local state lives. Order: explicit --data-dir, then BERTH_HOME,
 * then the per-user application-data folder Electron would use for an app named Berth.
 */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  if (env.BERTH_HOME) return resolve(env.BERTH_HOME);
  switch (process.platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Berth');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Berth');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Berth');
  }
}
