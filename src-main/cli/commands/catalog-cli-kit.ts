/** Shared frame for the catalog's `berth` subcommands: one services instance, JSON or text output, plain errors. */
import { readFileSync } from 'node:fs';
import { BerthFailure } from '../../../shared/result';
import type { Services } from '../../services';
import type { CatalogServices } from '../../catalog/catalog-services';
import type { SyncService } from '../../sync/sync-service';
import type { FlagSpecs } from '../args';
import { UsageError } from '../args';
import type { CliCommand, CliContext } from '../command';

export interface CatalogCommandSpec<T, On = CatalogServices> {
  path: string[];
  summary: string;
  usage: string;
  flags?: FlagSpecs;
  /** How many positional arguments the command needs. */
  args?: number;
  action(on: On, ctx: CliContext): Promise<T>;
  text(result: T, ctx: CliContext): string;
}

/** A command over the catalog's commands and queries. */
export function catalogCommand<T>(spec: CatalogCommandSpec<T>): CliCommand {
  return servicesCommand(spec, (services) => services.catalog);
}

/** A command that creates, connects or syncs the catalog with its store. */
export function syncCommand<T>(spec: CatalogCommandSpec<T, SyncService>): CliCommand {
  return servicesCommand(spec, (services) => services.sync);
}

function servicesCommand<T, On>(spec: CatalogCommandSpec<T, On>, pick: (services: Services) => On): CliCommand {
  return {
    path: spec.path,
    summary: spec.summary,
    usage: spec.usage,
    flags: spec.flags,
    run: (ctx) => runWithServices(ctx, spec, (services) => spec.action(pick(services), ctx), (result) => spec.text(result, ctx)),
  };
}

/**
 * The frame every services-backed command shares: checks the positional count, opens this data
 * dir's services (runCli closes them), prints text or `--json` (failures too, as `{error}` under `--json`).
 */
export async function runWithServices<T>(
  ctx: CliContext,
  spec: { usage: string; args?: number },
  action: (services: Services) => Promise<T>,
  text: (result: T) => string,
  exitCode: (result: T) => number = () => 0,
): Promise<number> {
  if ((spec.args ?? 0) > ctx.args.positional.length) throw new UsageError(`missing arguments; usage: ${spec.usage}`);
  try {
    const result = await action(ctx.services());
    ctx.stdout(ensureNewline(ctx.json ? JSON.stringify(result, null, 2) : text(result)));
    return exitCode(result);
  } catch (e) {
    if (e instanceof BerthFailure && ctx.json) {
      ctx.stdout(JSON.stringify({ error: { code: e.code, message: e.message } }, null, 2) + '\n');
      return 1;
    }
    throw e;
  }
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') || text === '' ? text : text + '\n';
}

export function arg(ctx: CliContext, i: number): string {
  return ctx.args.positional[i];
}

export function flag(ctx: CliContext, name: string): string | undefined {
  return ctx.args.strings[name];
}

export function requiredFlag(ctx: CliContext, name: string): string {
  const v = ctx.args.strings[name];
  if (v === undefined) throw new UsageError(`flag --${name} is required`);
  return v;
}

/** A file given on the command line, base64-encoded for the catalog. */
export function fileBase64(path: string, what: string): string {
  try {
    return readFileSync(path).toString('base64');
  } catch {
    throw new BerthFailure('input.invalid', `Cannot read ${what} ${path}.`);
  }
}

export function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : (c ?? '').padEnd(widths[i]))).join('  ').trimEnd()).join('\n') + '\n';
}
