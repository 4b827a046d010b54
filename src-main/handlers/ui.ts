import { readChartArchive } from '../chart/archive';
import type { Services } from '../services';
import type { ChartFileView } from '../../shared/types/ui';
import type { HandlerSlice } from './registry';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Compositions of existing services that only the renderer needs. */
export function uiHandlers(services: Services): HandlerSlice<'ui.chartFiles'> {
  return {
    'ui.chartFiles': async ({ version }) => {
      const queries = services.catalog.queries;
      // the store hands out active versions to everyone; other states only to the app's isvs and reviewers
      const purpose = (await queries.version(version)).state === 'active' ? 'store' : 'test';
      const pkg = await queries.versionPackage(version, purpose);
      const archive = readChartArchive(Buffer.from(pkg.base64, 'base64'), { label: pkg.fileName });
      return archive.files.map((f): ChartFileView => {
        try {
          return { path: f.path, size: f.data.length, text: strictUtf8.decode(f.data) };
        } catch {
          return { path: f.path, size: f.data.length };
        }
      });
    },
  };
}
