/**
 * Berth's values checks beside `helm lint`'s own rules: values given with -f/--set that no
 * template reads (`values.unused`, with "did you mean"), ones templates reach only dynamically
 * (`values.not-judged`), and ones the chart's schema marks deprecated (`values.deprecated`).
 * They print in Helm's line format, with the check id at the end, inside the chart's block.
 */
import type { ChartLintMessage, ChartLintResult, ValueSources } from '../../shared/types/chart';
import { sharedEngine, type HelmEngine } from '../render/engine';
import { deprecatedSet, judgeValues } from '../values/usage';
import { readValueReadsWith } from './value-reads';

export type ValuesCheckId = 'values.unused' | 'values.not-judged' | 'values.deprecated';

export interface ValuesLintMessage extends ChartLintMessage {
  check: ValuesCheckId;
}

export function hasValues(v: ValueSources): boolean {
  return [v.valueFiles, v.valuesYaml, v.set, v.setString, v.setFile, v.setJson, v.setLiteral].some((l) => (l?.length ?? 0) > 0);
}

/** The values checks for one chart (nothing when no values are given). */
export async function lintValues(chart: string, values: ValueSources, engine: HelmEngine = sharedEngine()): Promise<ValuesLintMessage[]> {
  if (!hasValues(values)) return [];
  const reads = await readValueReadsWith(chart, values, engine);
  const out: ValuesLintMessage[] = [];
  for (const f of judgeValues(reads, reads.user, reads.defaults)) {
    out.push(
      f.status === 'unused'
        ? { severity: 'WARNING', path: 'values', message: f.message, check: 'values.unused' }
        : { severity: 'INFO', path: 'values', message: f.message, check: 'values.not-judged' },
    );
  }
  for (const d of deprecatedSet(reads.schemas, reads.user)) out.push({ severity: 'WARNING', path: 'values', message: d.message, check: 'values.deprecated' });
  return out;
}

export function lintLine(m: ValuesLintMessage): string {
  return `[${m.severity}] ${m.path}: ${m.message} [${m.check}]`;
}

/**
 * Puts each chart's values messages into Helm's output, at the end of that chart's block; with
 * --strict a warning fails the chart, as Helm's own warnings do.
 */
export function mergeLintOutput(result: ChartLintResult, perChart: { path: string; messages: ValuesLintMessage[] }[], strict: boolean): ChartLintResult {
  let output = result.output;
  let newlyFailed = 0;
  for (const { path, messages } of perChart) {
    if (messages.length === 0) continue;
    const header = `==> Linting ${path}\n`;
    const block = blockOf(result.output, header);
    // Under --strict Helm already failed a chart with any warning of its own.
    const failedByHelm = result.error !== undefined && /^\[(ERROR|WARNING)\]/m.test(block);
    if (strict && !failedByHelm && messages.some((m) => m.severity === 'WARNING')) newlyFailed++;
    const lines = messages.map(lintLine).join('\n') + '\n';
    const at = output.indexOf(header);
    const end = at < 0 ? -1 : output.indexOf('\n\n', at + header.length - 1);
    output = end < 0 ? `${output}${header}${lines}\n` : `${output.slice(0, end + 1)}${lines}${output.slice(end + 1)}`;
  }
  const messages = [...result.messages, ...perChart.flatMap((c) => c.messages.map(({ check: _c, ...m }) => m))];
  if (newlyFailed === 0) return { ...result, output, messages };
  // Helm prints its summary only when every chart passed; a failure becomes the error instead.
  const summary = /^(\d+) chart\(s\) linted, (\d+) chart\(s\) failed\n?$/m;
  const prior = summary.exec(result.error ?? '') ?? summary.exec(output);
  const total = prior ? Number(prior[1]) : perChart.length;
  const failed = (prior ? Number(prior[2]) : 0) + newlyFailed;
  return { passed: false, output: output.replace(summary, ''), error: `${total} chart(s) linted, ${failed} chart(s) failed`, messages };
}

function blockOf(output: string, header: string): string {
  const at = output.indexOf(header);
  if (at < 0) return '';
  const end = output.indexOf('\n\n', at);
  return output.slice(at, end < 0 ? undefined : end);
}
