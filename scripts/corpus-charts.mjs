/**
 * The render corpus's charts (../shared/corpus/render/charts/*.tgz), each with the release and
 * namespace of its default case in cases.tsv (the chart's name and `default` where there is none):
 * what the chart bench and the engine's profile run over.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `filter` picks charts by file name. */
export function corpusCharts(renderDir, filter = /./) {
  const defaults = new Map(
    readFileSync(join(renderDir, 'cases.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t'))
      .filter(([id, , , , rc]) => rc === '0' && /-defaults$/.test(id))
      .map(([, chart, release, ns]) => [chart, { release, ns }]),
  );
  return readdirSync(join(renderDir, 'charts'))
    .filter((f) => f.endsWith('.tgz') && filter.test(f))
    .sort()
    .map((file) => {
      const rel = `charts/${file}`;
      return { file, rel, ...(defaults.get(rel) ?? { release: file.replace(/-v?\d+\.\d+\.\d+.*\.tgz$/, ''), ns: 'default' }) };
    });
}
