/**
 * `helm lint` by Helm's own lint rules (pkg/chart/v2/lint, run in the engine), with the output
 * Helm prints and the messages parsed for the UI.
 */
import type { ChartLintMessage, ChartLintResult, ValueSources } from '../../shared/types/chart';
import { BerthFailure } from '../../shared/result';
import type { HelmEngine } from '../render/engine';
import { readChartArchive } from './archive';
import { vetChartPath } from './source';
import { withPackageFile } from './temp-dir';

export interface LintOptions extends ValueSources {
  strict?: boolean;
  namespace?: string;
  kubeVersion?: string;
  quiet?: boolean;
  withSubcharts?: boolean;
  skipSchemaValidation?: boolean;
}

export function valueRequest(o: ValueSources): object {
  return {
    valueFiles: o.valueFiles ?? [],
    valuesYaml: o.valuesYaml ?? [],
    values: o.set ?? [],
    stringValues: o.setString ?? [],
    fileValues: o.setFile ?? [],
    jsonValues: o.setJson ?? [],
    literalValues: o.setLiteral ?? [],
  };
}

const LINE = /^\[(INFO|WARNING|ERROR)\] ([^:]*): (.*)$/;

export function parseLintOutput(output: string): ChartLintMessage[] {
  const messages: ChartLintMessage[] = [];
  let last: ChartLintMessage | undefined;
  for (const line of output.split('\n')) {
    const m = LINE.exec(line);
    if (m) {
      last = { severity: m[1] as ChartLintMessage['severity'], path: m[2], message: m[3] };
      messages.push(last);
    } else if (last && line !== '' && !line.startsWith('==> ') && !/^\d+ chart\(s\) linted/.test(line)) {
      last.message += `\n${line}`;
    } else {
      last = undefined;
    }
  }
  return messages;
}

/** `label` names the chart in the sentence of a stopped engine (default: the paths). */
export async function lintChart(paths: string[], options: LintOptions = {}, engine: HelmEngine, label?: string): Promise<ChartLintResult> {
  for (const p of paths) vetChartPath(p);
  const reply = await engine.call('lint', {
    ...valueRequest(options),
    paths,
    strict: options.strict === true,
    namespace: options.namespace ?? 'default',
    kubeVersion: options.kubeVersion ?? '',
    quiet: options.quiet === true,
    withSubcharts: options.withSubcharts === true,
    skipSchemaValidation: options.skipSchemaValidation === true,
  }, undefined, label);
  // a stopped engine (time or memory limit, crash) has no lint report to give: its sentence is the failure
  if (reply.stopped !== undefined) throw new BerthFailure('chart.render-failed', reply.error ?? 'Helm\'s engine stopped.');
  const output = new TextDecoder().decode(reply.stdout);
  return { passed: reply.error === undefined, output, error: reply.error, messages: parseLintOutput(output) };
}

/** `helm lint` of package bytes, from a private temp file (Helm's linter reads archives from disk). */
export function lintPackage(pkg: Uint8Array, options: LintOptions = {}, engine: HelmEngine): Promise<ChartLintResult> {
  // a stopped engine's sentence names the chart, not the private temp file
  let label: string | undefined;
  try {
    label = `“${readChartArchive(pkg).baseDir}”`;
  } catch {
    label = undefined; // Helm's linter reports what is wrong with the package itself
  }
  return withPackageFile(pkg, (path) => lintChart([path], options, engine, label));
}
