/**
 * Helm's chart commands with Helm's flags, output and exit codes:
 * `berth package`, `berth lint`, `berth template`, `berth show chart|values|readme|crds|all`.
 * Everything Helm computes comes from Helm's own code (the render engine); Berth adds its
 * archive safety checks in front.
 */
import type { RenderOptions } from '../../../shared/types/chart';
import { lintChart } from '../../chart/lint';
import { lintValues, mergeLintOutput } from '../../chart/lint-values';
import { vetChartPath } from '../../chart/source';
import { sharedEngine } from '../../render/engine';
import { templateRequest, warningsOf } from '../../render/render';
import type { ParsedArgs } from '../args';
import type { CliCommand, CliContext } from '../command';
import { VALUE_FLAGS, valueSources } from '../value-flags';

function namespaceOf(args: ParsedArgs): string {
  return args.strings.namespace || process.env.HELM_NAMESPACE || 'default';
}

function printWarnings(ctx: CliContext, stderr: string | undefined): void {
  for (const w of warningsOf(stderr)) ctx.stderr(`${w}\n`);
}

function fail(ctx: CliContext, message: string): number {
  ctx.stderr(`Error: ${message}\n`);
  return 1;
}

const decoder = new TextDecoder();

export const templateCommand: CliCommand = {
  path: ['template'],
  summary: 'Render chart templates locally and print them, exactly as helm template does',
  usage: 'berth template [NAME] <chart> [--namespace ns] [-f file]... [--set k=v]... [--kube-version v] [--api-versions g/v]... [--include-crds] [--show-only path]... [--skip-tests] [--no-hooks]',
  flags: {
    namespace: { kind: 'string', short: 'n', description: 'namespace scope for this request' },
    ...VALUE_FLAGS,
    'kube-version': { kind: 'string', description: 'Kubernetes version used for Capabilities.KubeVersion' },
    'api-versions': { kind: 'strings', short: 'a', description: 'Kubernetes api versions used for Capabilities.APIVersions (multiple can be specified)' },
    'include-crds': { kind: 'bool', description: 'include CRDs in the templated output' },
    'show-only': { kind: 'strings', short: 's', description: 'only show manifests rendered from the given templates' },
    'skip-tests': { kind: 'bool', description: 'skip tests from templated output' },
    'no-hooks': { kind: 'bool', description: 'prevent hooks from running during install' },
    'is-upgrade': { kind: 'bool', description: 'set .Release.IsUpgrade instead of .Release.IsInstall' },
    'skip-schema-validation': { kind: 'bool', description: 'if set, disables JSON schema validation' },
  },
  async run(ctx) {
    const { args } = ctx;
    if (args.positional.length < 1) return fail(ctx, '"berth template" requires at least 1 argument\n\nUsage:  berth template [NAME] [CHART] [flags]');
    const chartArg = args.positional.length >= 2 ? args.positional[1] : args.positional[0];
    const vetted = vetChartPath(chartArg);
    const options: RenderOptions = {
      ...valueSources(args),
      namespace: namespaceOf(args),
      kubeVersion: args.strings['kube-version'],
      apiVersions: args.lists['api-versions'],
      includeCrds: args.bools['include-crds'],
      showOnly: args.lists['show-only'],
      skipTests: args.bools['skip-tests'],
      noHooks: args.bools['no-hooks'],
      isUpgrade: args.bools['is-upgrade'],
      skipSchemaValidation: args.bools['skip-schema-validation'],
    };
    // The Go side gets helm's positional arguments as they were given (it checks their count).
    const request = { ...templateRequest(chartArg, options), args: args.positional };
    const reply = await sharedEngine({ oneShot: true }).call('template', request, vetted?.bytes);
    printWarnings(ctx, reply.stderr);
    if (reply.error !== undefined) return fail(ctx, reply.error);
    ctx.stdout(decoder.decode(reply.stdout));
    return 0;
  },
};

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
    const engine = sharedEngine({ oneShot: true });
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
  },
};

export const packageCommand: CliCommand = {
  path: ['package'],
  summary: 'Package a chart folder into a versioned chart archive, exactly as helm package does',
  usage: 'berth package <dir>... [-d outdir] [--version v] [--app-version v]',
  flags: {
    destination: { kind: 'string', short: 'd', description: 'location to write the chart.' },
    version: { kind: 'string', description: 'set the version on the chart to this semver version' },
    'app-version': { kind: 'string', description: 'set the appVersion on the chart to this version' },
  },
  async run(ctx) {
    const { args } = ctx;
    if (args.positional.length === 0) return fail(ctx, 'need at least one argument, the path to the chart');
    for (const p of args.positional) vetChartPath(p);
    const reply = await sharedEngine({ oneShot: true }).call('package', {
      paths: args.positional,
      destination: args.strings.destination ?? '.',
      version: args.strings.version ?? '',
      appVersion: args.strings['app-version'] ?? '',
    });
    printWarnings(ctx, reply.stderr);
    ctx.stdout(decoder.decode(reply.stdout));
    if (reply.error !== undefined) return fail(ctx, reply.error);
    return 0;
  },
};

function showCommand(format: 'chart' | 'values' | 'readme' | 'crds' | 'all', summary: string): CliCommand {
  return {
    path: ['show', format],
    summary,
    usage: `berth show ${format} <chart>`,
    async run(ctx) {
      const chart = ctx.args.positional[0];
      if (!chart || ctx.args.positional.length !== 1) return fail(ctx, `"berth show ${format}" requires 1 argument\n\nUsage:  berth show ${format} [CHART] [flags]`);
      vetChartPath(chart);
      const reply = await sharedEngine({ oneShot: true }).call('show', { format, chart });
      if (reply.error !== undefined) return fail(ctx, reply.error);
      ctx.stdout(decoder.decode(reply.stdout));
      return 0;
    },
  };
}

export const chartCommands: CliCommand[] = [
  packageCommand,
  lintCommand,
  templateCommand,
  showCommand('chart', "Show the chart's definition (Chart.yaml)"),
  showCommand('values', "Show the chart's values.yaml"),
  showCommand('readme', "Show the chart's README"),
  showCommand('crds', "Show the chart's CRDs"),
  showCommand('all', 'Show all information of the chart'),
];

