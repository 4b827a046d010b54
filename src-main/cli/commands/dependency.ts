/**
 * `berth dependency list|update|build CHART` with helm's flags and output (helm.sh/helm/v4
 * pkg/cmd/dependency_*.go). Dependencies the catalog of this data dir holds come from it, so an
 * umbrella chart over catalog apps builds with no network at all.
 */
import { BerthFailure } from '../../../shared/result';
import type { DependencyOptions } from '../../dependency/dependencies';
import type { CliCommand, CliContext } from '../command';

function fail(ctx: CliContext, message: string): number {
  ctx.stderr(`Error: ${message}\n`);
  return 1;
}

async function run(ctx: CliContext, verb: 'update' | 'build'): Promise<number> {
  const chartDir = ctx.args.positional[0] ?? '.';
  const { buildDependencies, packageWith, updateDependencies } = await import('../../dependency/dependencies');
  const { packageChart } = await import('../../chart/package');
  // the catalog of this data dir first: the same lookup the upload's dependency build uses
  const { catalogCharts } = await import('../../dependency/package-deps');
  const services = ctx.services();
  try {
    const catalog = catalogCharts(() => services.catalog);
    const options: DependencyOptions = {
      catalog,
      packageFolder: (dir) => packageWith(async (d, dest) => (await packageChart(d, { destination: dest }, services.engine())).path, dir),
      repositoryConfig: ctx.args.strings['repository-config'],
      repositoryCache: ctx.args.strings['repository-cache'],
      skipRefresh: ctx.args.bools['skip-refresh'],
      plainHttp: ctx.args.bools['plain-http'],
      out: (line) => ctx.stdout(`${line}\n`),
    };
    if (verb === 'update') await updateDependencies(chartDir, options);
    else await buildDependencies(chartDir, options);
    return 0;
  } catch (e) {
    if (e instanceof BerthFailure) return fail(ctx, e.message);
    throw e;
  }
}

const FETCH_FLAGS = {
  'repository-config': { kind: 'string', description: 'path to the file containing repository names and URLs' },
  'repository-cache': { kind: 'string', description: 'path to the directory containing cached repository indexes' },
  'skip-refresh': { kind: 'bool', description: 'do not refresh the local repository cache' },
  'plain-http': { kind: 'bool', description: 'use insecure HTTP connections for oci:// dependencies' },
  verify: { kind: 'bool', description: 'verify the packages against signatures (not supported yet: Berth refuses the flag)' },
} as const;

export const dependencyCommands: CliCommand[] = [
  {
    path: ['dependency', 'list'],
    summary: 'List the dependencies of a chart and whether charts/ holds them, as helm dependency list does',
    usage: 'berth dependency list CHART',
    async run(ctx) {
      const { listDependencies } = await import('../../dependency/dependencies');
      try {
        ctx.stdout(listDependencies(ctx.args.positional[0] ?? '.').output);
        return 0;
      } catch (e) {
        if (e instanceof BerthFailure) return fail(ctx, e.message);
        throw e;
      }
    },
  },
  {
    path: ['dependency', 'update'],
    summary: 'Resolve a chart’s dependencies (catalog first, then repositories.yaml, oci://, file://), fill charts/ and write Chart.lock',
    usage: 'berth dependency update CHART [--skip-refresh] [--repository-config FILE] [--repository-cache DIR] [--plain-http]',
    flags: FETCH_FLAGS,
    run: (ctx) =>
      ctx.args.bools.verify ? Promise.resolve(fail(ctx, 'berth dependency does not verify signatures yet; leave out --verify')) : run(ctx, 'update'),
  },
  {
    path: ['dependency', 'build'],
    summary: 'Fill charts/ with exactly the versions Chart.lock names (an update when there is no lock)',
    usage: 'berth dependency build CHART [--skip-refresh] [--repository-config FILE] [--repository-cache DIR] [--plain-http]',
    flags: FETCH_FLAGS,
    run: (ctx) =>
      ctx.args.bools.verify ? Promise.resolve(fail(ctx, 'berth dependency does not verify signatures yet; leave out --verify')) : run(ctx, 'build'),
  },
];
