import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventBus } from './events';
import { setLogDir } from './log';
import { SettingsStore } from './settings';

export interface ServicesOptions {
  dataDir: string;
  host: 'electron' | 'browser' | 'cli';
}

/**
 * The main-side services one Berth process runs, built once per data dir and shared
 * by every transport (IPC, HTTP bridge) and by the CLI.
 */
export interface Services {
  readonly dataDir: string;
  readonly host: ServicesOptions['host'];
  readonly events: EventBus;
  readonly settings: SettingsStore;
  close(): Promise<void>;
}

export function createServices(options: ServicesOptions): Services {
  mkdirSync(options.dataDir, { recursive: true });
  setLogDir(join(options.dataDir, 'logs'));
  const events = new EventBus();
  const settings = new SettingsStore(options.dataDir);
  return {
    dataDir: options.dataDir,
    host: options.host,
    events,
    settings,
    async close() {
      // domain services with open resources register their shutdown here
    },
  };
}
