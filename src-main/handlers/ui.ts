import type { Services } from '../services';
import type { HandlerSlice } from './registry';

/** Compositions of existing services that only the renderer needs. */
export function uiHandlers(s: Services): HandlerSlice<'ui.packageFolder'> {
  return {
    // a folder picked in the browser has files but no path on disk
    'ui.packageFolder': async ({ files }) => {
      const { fileName, archive } = await s.chart.packagePickedFolder(files);
      return { fileName, packageBase64: Buffer.from(archive).toString('base64') };
    },
  };
}
