/**
 * Helm's chart commands: `berth template|package|show` and `berth lint`.
 *
 * template, package and show are implemented once, in Helm's engine (src-main/render/engine/
 * cli*.go, helm's flags parsed there): bin/berth runs the engine directly for these words;
 * where Node runs the CLI (bin/berth.cjs, Windows without sh) they are forwarded to the same
 * executable here. `berth lint` runs on Node because Berth's values checks (lint-values.ts)
 * join Helm's findings; Helm's part runs in the engine.
 */
import { spawnSync } from 'node:child_process';
import { lintChart } from '../../chart/lint';
import { lintValues, mergeLintOutput } from '../../chart/lint-values';
import { enginePath, HelmEngine } from '../../render/engine';
import type { ParsedArgs } from '../args';
import type { CliCommand, CliContext, CliIO } from '../command';
import { VALUE_FLAGS, valueSources } from '../value-flags';

/** The first words bin/berth hands straight to the engine. */
export const ENGINE_WORDS: ReadonlySet<string> = new Set(['template', 'package', 'show']);

/** Runs `berth-engine <argv>` as the CLI would have run it, and returns its exit code. */
export function runEngineCli(argv: string[], io: CliIO): number {
  const r = spawnSync(enginePath(), argv, { stdio: ['inherit', 'pipe', 'pipe'], maxBuffer: 1 << 30, windowsHide: true });
  if (r.error) throw r.error;
  if (r.stderr.length > 0) io.stderr(r.stderr.toString('utf8'));
  if (r.stdout.length > 0) io.stdout(r.stdout.toString('utf8'));
  return r.status ?? 1;
}

function namespaceOf(args: ParsedArgs): string {
  return args.strings.namespace || process.env.HELM_NAMESPACE || 'default';
}

function fail(ctx: CliContext, message: string): number {
  ctx.stderr(`Error: ${message}\n`);
  return 1;
}

export const lintCommand: CliCommand = {
  path: ['lint'],
  summary: "Examine a chart for possible issues with Helm's lint rules",
  usage: 'berth lint <chart>... [--strict] [-f values]... [--set k=v]...',
  flags: {
    strict: { kind: 'bool', description: 'fail on lint warnings' },
    namespace: { kind: 'string', short: 'n', description: 'namespace scope for this request' },
    'kube-version': { kind: 'string', description: 'Kubernetes version used for capabilities and deprecation checks' },
    quiet: { kind: 'bool', description: 'print only warnings and errors' },
    'with-subcharts': { kind: 'bool', description: 'lint dependent charts' },
    'skip-schema-validation': { kind: 'bool', description: 'if set, disables JSON schema validation' },
    ...VALUE_FLAGS,
  },
  async run(ctx) {
    const { args } = ctx;
    const paths = args.positional.length > 0 ? args.positional : ['.'];
    const values = valueSources(args);
    // one engine process for this run: lint and the values checks are sequential
    const engine = new HelmEngine({ processes: 1 });
    try {
      const helmResult = await lintChart(
        paths,
        {
          ...values,
          strict: args.bools.strict,
          namespace: namespaceOf(args),
          kubeVersion: args.strings['kube-version'],
          quiet: args.bools.quiet,
          withSubcharts: args.bools['with-subcharts'],
          skipSchemaValidation: args.bools['skip-schema-validation'],
        },
        engine,
      );
      // Berth's values checks (values no template reads, deprecated values) join Helm's findings;
      // a chart Helm cannot load is reported by Helm above, so its values are not judged.
      const perChart = [];
      for (const path of paths) perChart.push({ path, messages: await lintValues(path, values, engine).catch(() => []) });
      const result = mergeLintOutput(helmResult, perChart, args.bools.strict === true);
      ctx.stdout(result.output);
      if (result.error !== undefined) return fail(ctx, result.error);
      return 0;
    } finally {
      await engine.close();
    }
  },
};

function engineCommand(path: string[], summary: string, usage: string): CliCommand {
  return { path, summary, usage, run: () => Promise.resolve(1) };
}

/** Listed in `berth --help`; runCli forwards the engine's words before parsing (helm's flags are the engine's). */
export const chartCommands: CliCommand[] = [
  engineCommand(['package'], 'Package a chart folder into a versioned chart archive, exactly as helm package does', 'berth package <dir>... [-d outdir] [--version v] [--app-version v]'),
  lintCommand,
  engineCommand(
    ['template'],
    'Render chart templates locally and print them, exactly as helm template does',
    'berth template [NAME] <chart> [--namespace ns] [-f file]... [--set k=v]... [--kube-version v] [--api-versions g/v]... [--include-crds] [--show-only path]... [--skip-tests] [--no-hooks]',
  ),
  engineCommand(['show', 'chart'], "Show the chart's definition (Chart.yaml)", 'berth show chart <chart>'),
  engineCommand(['show', 'values'], "Show the chart's values.yaml", 'berth show values <chart>'),
  engineCommand(['show', 'readme'], "Show the chart's README", 'berth show readme <chart>'),
  engineCommand(['show', 'crds'], "Show the chart's CRDs", 'berth show crds <chart>'),
  engineCommand(['show', 'all'], 'Show all information of the chart', 'berth show all <chart>'),
];
