/**
 * `berth validate CHART [-f …] [--set …] [--kube-version 1.xx] [--strict]`: the chart rendered
 * and every object checked, offline, against the API schema of that Kubernetes version (1.22 …
 * 1.36, default the newest) and the chart's own CRDs. Exits 1 when anything fails.
 */
import { existsSync } from 'node:fs';
import { BerthFailure } from '../../../shared/result';
import { findingLine, NEWEST_KUBE_SCHEMA, validateChart } from '../../review/schema-validate';
import { UsageError } from '../args';
import type { CliCommand } from '../command';
import { VALUE_FLAGS, valueSources } from '../value-flags';

export const validateCommand: CliCommand = {
  path: ['validate'],
  summary: 'Check every object a chart renders against the Kubernetes API schema of a version, offline',
  usage: 'berth validate CHART [-f values]... [--set k=v]... [--kube-version 1.xx] [--strict]',
  flags: {
    'kube-version': { kind: 'string', description: `the Kubernetes version to validate for, 1.22 to ${NEWEST_KUBE_SCHEMA} (default ${NEWEST_KUBE_SCHEMA})` },
    strict: { kind: 'bool', description: 'also fail on fields the schema does not know' },
    namespace: { kind: 'string', short: 'n', description: 'namespace to render the chart for' },
    ...VALUE_FLAGS,
  },
  async run(ctx) {
    const [chart] = ctx.args.positional;
    if (!chart || ctx.args.positional.length > 1) throw new UsageError('"berth validate" requires 1 argument\n\nUsage:  berth validate CHART [flags]');
    if (!existsSync(chart)) throw new BerthFailure('not-found', `There is no chart at ${chart}.`, { file: chart });
    const result = await validateChart(
      { path: chart },
      { ...valueSources(ctx.args), kubeVersion: ctx.args.strings['kube-version'], strict: ctx.args.bools.strict, namespace: ctx.args.strings.namespace },
      ctx.services().engine(),
    );
    if (ctx.json) ctx.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      for (const f of result.findings) ctx.stdout(`${findingLine(f)}\n`);
      if (result.findings.length === 0) ctx.stdout(`${allValid(result.objects)} for Kubernetes ${result.kubeVersion}.\n`);
    }
    if (result.findings.length === 0) return 0;
    const objects = new Set(result.findings.map((f) => `${f.file}\0${f.object}`)).size;
    const fail = result.objects === 1 ? 'object fails' : objects === 1 ? 'objects fails' : 'objects fail';
    ctx.stderr(`Error: ${objects} of ${result.objects} ${fail} validation for Kubernetes ${result.kubeVersion}\n`);
    return 1;
  },
};

function allValid(objects: number): string {
  if (objects === 0) return 'The chart renders no objects; nothing to validate';
  return objects === 1 ? 'The 1 object is valid' : `All ${objects} objects are valid`;
}
