import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, normalize, sep } from 'node:path';
import { packageChart } from '../chart/package';
import type { Services } from '../services';
import { BerthFailure } from '../../shared/result';
import type { HandlerSlice } from './registry';

/**
 * Compositions of existing services that only the renderer needs. A folder picked in the
 * browser has no path on disk, so it is written to a private temp folder (every path checked
 * to stay inside it) and packaged from there by Helm's own `helm package`.
 */
export function uiHandlers(_services: Services): HandlerSlice<'ui.packageFolder'> {
  return {
    'ui.packageFolder': async ({ files }) => {
      const dir = mkdtempSync(join(tmpdir(), 'berth-ui-'));
      try {
        const root = join(dir, 'src');
        const tops = new Set<string>();
        for (const f of files) {
          const rel = normalize(f.path).replace(/^[/\\]+/, '');
          const target = join(root, rel);
          if (!target.startsWith(root + sep) || rel.split(/[/\\]/).includes('..')) throw new BerthFailure('input.invalid', `“${f.path}” is not a path inside the chosen folder.`);
          tops.add(rel.split(/[/\\]/)[0]);
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, Buffer.from(f.base64, 'base64'));
        }
        if (tops.size !== 1) throw new BerthFailure('input.invalid', 'Choose one chart folder (the folder that holds Chart.yaml).');
        const out = join(dir, 'out');
        mkdirSync(out);
        const result = await packageChart(join(root, [...tops][0]), { destination: out });
        return { fileName: basename(result.path), base64: readFileSync(result.path).toString('base64') };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
