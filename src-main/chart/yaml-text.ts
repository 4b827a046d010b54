/**
 * YAML parsing for chart files with the guards every chart file gets: strict UTF-8, an alias
 * budget against "billion laughs" documents, and errors that name the file and line.
 * YAML 1.1 semantics match Helm's Go YAML library (`yes`/`no` are booleans there too).
 */
import { parseDocument } from 'yaml';
import { BerthFailure } from '../../shared/result';
import { ARCHIVE_LIMITS } from './limits';

export function parseChartYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const line = text.slice(0, first.pos[0]).split('\n').length;
    throw new BerthFailure('chart.invalid', `${file}:${line}: ${first.message.split('\n')[0]}`, { file, line });
  }
  try {
    return doc.toJS({ maxAliasCount: ARCHIVE_LIMITS.maxYamlAliases });
  } catch (e) {
    if (e instanceof Error && /alias/i.test(e.message)) {
      throw new BerthFailure('chart.unsafe-archive', `${file} uses YAML aliases excessively (a "billion laughs" document); Berth refuses it.`, { file });
    }
    throw new BerthFailure('chart.invalid', `${file}: ${e instanceof Error ? e.message : String(e)}`, { file });
  }
}
