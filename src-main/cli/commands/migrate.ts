/**
 * `berth migrate-apis CHART --kube-version V`: the removed-API quick fix the deploy refusal
 * recommends (chart.migrateApis in the UI), from the command line. It writes a new package and
 * never touches the chart it was given.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BerthFailure } from '../../../shared/result';
import { migrateRemovedApis } from '../../chart/api-migration';
import { packageChart } from '../../chart/package';
import type { HelmEngine } from '../../render/engine';
import { UsageError } from '../args';
import type { CliCommand } from '../command';

async function chartBytes(path: string, engine: HelmEngine): Promise<Uint8Array> {
  if (!existsSync(path)) throw new BerthFailure('not-found', `There is no chart at ${path}.`, { file: path });
  if (!statSync(path).isDirectory()) return readFileSync(path);
  const out = mkdtempSync(join(tmpdir(), 'berth-migrate-'));
  try {
    return readFileSync((await packageChart(path, { destination: out }, engine)).path);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export const migrateApisCommand: CliCommand = {
  path: ['migrate-apis'],
  summary: 'Write a new chart package with APIs removed in a Kubernetes version moved to their replacements',
  usage: 'berth migrate-apis CHART(.tgz or folder) --kube-version V [--version X] [-d DIR]',
  flags: {
    'kube-version': { kind: 'string', description: "the Kubernetes version to migrate for (default: Helm's default, 1.35)" },
    version: { kind: 'string', description: "set the version of the new package (default: the chart's own)" },
    destination: { kind: 'string', short: 'd', description: 'location to write the new package to (default ".")' },
  },
  async run(ctx) {
    const [chart] = ctx.args.positional;
    if (!chart || ctx.args.positional.length > 1) throw new UsageError('"berth migrate-apis" requires 1 argument\n\nUsage:  berth migrate-apis CHART [flags]');
    const kubeVersion = ctx.args.strings['kube-version'];
    const result = migrateRemovedApis(await chartBytes(chart, ctx.services().engine()), { kubeVersion, version: ctx.args.strings.version });
    const { archive, ...report } = result;
    let written: string | undefined;
    if (report.changed) {
      written = resolve(ctx.args.strings.destination ?? '.', report.fileName);
      writeFileSync(written, archive);
    }
    if (ctx.json) {
      ctx.stdout(`${JSON.stringify({ ...report, ...(written ? { path: written } : {}) }, null, 2)}\n`);
      return 0;
    }
    const target = kubeVersion ? `Kubernetes ${kubeVersion}` : 'the default Kubernetes version';
    for (const c of report.changes) ctx.stdout(`${c.file}:${c.line}: ${c.kind} ${c.from} → ${c.to}\n`);
    for (const s of report.skipped) ctx.stdout(`${s.file}:${s.line}: ${s.kind} ${s.apiVersion} left as it is: ${s.reason}\n`);
    ctx.stdout(
      written
        ? `Successfully migrated the chart for ${target} and saved it to: ${written}\n`
        : `Nothing in the chart uses an API removed in ${target}; no package was written.\n`,
    );
    return 0;
  },
};
