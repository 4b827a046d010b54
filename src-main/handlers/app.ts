import { BERTH_VERSION } from '../version';
import type { Services } from '../services';
import type { HandlerSlice } from './registry';

export function appHandlers(services: Services): HandlerSlice<'app.info' | 'settings.get' | 'settings.update'> {
  return {
    'app.info': () => ({
      name: 'Berth',
      version: BERTH_VERSION,
      dataDir: services.dataDir,
      host: services.host === 'electron' ? 'electron' : 'browser',
      platform: process.platform,
    }),
    'settings.get': () => services.settings.get(),
    'settings.update': (patch) => {
      const next = services.settings.update(patch);
      services.events.emit('settings.changed', next);
      return next;
    },
  };
}
