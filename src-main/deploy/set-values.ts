/**
 * The values a user gives `install`/`upgrade` on the command line, merged exactly as Helm merges
 * them (pkg/cli/values Options.MergeValues): -f files in order, then --set-json, --set,
 * --set-string, --set-file and --set-literal, parsed by Helm's own strvals code in the engine.
 */
import { refusal } from '../sentences';
import type { ValueSources } from '../../shared/types/chart';
import { valueRequest } from '../chart/lint';
import type { HelmEngine } from '../render/engine';

export async function mergeValueSources(sources: ValueSources, engine: HelmEngine): Promise<Record<string, unknown>> {
  // nothing given, nothing to merge: no need to start the engine for it
  if (Object.values(sources).every((list) => !list?.length)) return {};
  const reply = await engine.call('values', valueRequest(sources));
  // Helm's own words (a --set or -f that does not parse), said as they are
  if (reply.error !== undefined) throw refusal('input.invalid', 'release.valuesUnparsed', { reason: reply.error });
  return (JSON.parse(new TextDecoder().decode(reply.stdout)) as Record<string, unknown> | null) ?? {};
}
