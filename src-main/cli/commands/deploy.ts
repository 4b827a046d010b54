/**
 * `berth install|upgrade|rollback|uninstall|list|status|history|get`, taking helm v4.1.4's flags
 * (pkg/cmd/install.go, upgrade.go, …) and printing helm's output, over the same deploy service
 * the UI uses. Flags that change nothing in Berth are accepted and reported on stderr.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { BerthFailure } from '../../../shared/result';
import type { ValueSources } from '../../../shared/types/chart';
import type { ClusterTarget, ReleaseStatus } from '../../../shared/types/deploy';
import { parseTestFilters } from '../../deploy/release-test';
import { mergeValueSources } from '../../deploy/set-values';
import { enginePath } from '../../render/engine';
import type { HelmRelease } from '../../deploy/release-record';
import type { StoredRelease } from '../../deploy/release-store';
import { goBool, goDuration, intFlag, UsageError, type FlagSpecs } from '../args';
import type { CliCommand, CliContext } from '../command';
import { noOpNotice, reportGlobalNoOps } from '../helm-globals';
import { VALUE_FLAGS, valueSources } from '../value-flags';
import {
  encodeJson,
  encodeYaml,
  OUTPUT_FLAG,
  outputFormat,
  printAll,
  printHistory,
  printHooks,
  printList,
  printMetadata,
  printNotes,
  printValues,
  statusData,
  statusHead,
  statusTail,
  type OutputFormat,
} from './release-output';

/** The kubeconfig and context of helm's global flags (--kubeconfig, --kube-context). */
export function target(ctx: CliContext): ClusterTarget {
  const t: ClusterTarget = {};
  if (ctx.args.strings['kube-context']) t.context = ctx.args.strings['kube-context'];
  if (ctx.args.strings.kubeconfig) t.kubeconfig = ctx.args.strings.kubeconfig;
  return t;
}

/** A Go duration flag (checked by the parser) in whole seconds. */
export function parseDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const d = goDuration(text);
  if ('error' in d) throw new UsageError(`invalid argument ${JSON.stringify(text)} for "--timeout" flag: ${d.error}`);
  return Math.ceil(d.seconds);
}

/** Helm's --labels (a string-to-string flag): "k1=v1,k2=v2", repeatable. */
export function parseLabels(list: string[] | undefined): Record<string, string> | undefined {
  if (!list?.length) return undefined;
  const out: Record<string, string> = {};
  for (const item of list.flatMap((l) => l.split(','))) {
    const eq = item.indexOf('=');
    if (eq < 0) throw new UsageError(`invalid argument ${JSON.stringify(list.join(','))} for "-l, --labels" flag: ${item} must be formatted as key=value`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

// helm's cobra argument checks (pkg/cmd/require ExactArgs, MinimumNArgs), with Berth's command path
function positionals(ctx: CliContext, n: number, use: string, rule: 'exactly' | 'at least'): string[] {
  const p = ctx.args.positional;
  if (rule === 'exactly' ? p.length !== n : p.length < n) {
    throw new UsageError(
      `"berth ${use.split(' ')[0]}" requires ${rule === 'at least' ? 'at least ' : ''}${n} argument${n === 1 ? '' : 's'}\n\nUsage:  berth ${use} [flags]`,
    );
  }
  return p;
}

const exactly = (ctx: CliContext, n: number, use: string) => positionals(ctx, n, use, 'exactly');
const atLeast = (ctx: CliContext, n: number, use: string) => positionals(ctx, n, use, 'at least');

const WAIT_FLAG = {
  kind: 'string',
  noOptDefault: 'watcher',
  description: "if specified, wait until resources are ready (up to --timeout). Values: 'watcher', 'hookOnly', and 'legacy'.",
} as const;

/** helm's --wait value: watcher and legacy wait for readiness, hookOnly (the default) waits for hooks only. */
function waitOf(ctx: CliContext): boolean {
  const v = ctx.args.strings.wait;
  if (v === undefined) return false;
  if (v === 'true' || v === 'false')
    ctx.stderr(`level=WARN msg="--wait=${v} is deprecated (boolean value) and can be replaced with --wait=${v === 'true' ? 'watcher' : 'hookOnly'}"\n`);
  if (['watcher', 'legacy', 'true'].includes(v)) return true;
  if (['hookOnly', 'false'].includes(v)) return false;
  throw new UsageError(
    `invalid argument ${JSON.stringify(v)} for "--wait" flag: invalid wait input ${JSON.stringify(v)}. Valid inputs are watcher, hookOnly, and legacy`,
  );
}

const DRY_RUN_FLAG = {
  kind: 'string',
  noOptDefault: 'unset',
  description: 'simulates the operation without persisting changes. Must be one of: "none" (default), "client", or "server".',
} as const;

/** helm's cmdGetDryRunFlagStrategy: bare and boolean spellings still work, with helm's warnings. */
function dryRunOf(ctx: CliContext): boolean {
  const v = ctx.args.strings['dry-run'];
  if (v === undefined || v === 'none') return false;
  if (v === 'unset') {
    ctx.stderr(`level=WARN msg="--dry-run is deprecated and should be replaced with '--dry-run=client'"\n`);
    return true;
  }
  if (v === 'client' || v === 'server') return true;
  const b = goBool(v);
  if (b === undefined) throw new UsageError(`invalid dry-run value (${JSON.stringify(v)}). Must be "none", "server", or "client"`);
  ctx.stderr(`level=WARN msg="boolean '--dry-run=${v}' flag is deprecated and must be replaced with '--dry-run=${b ? 'client' : 'none'}'"\n`);
  return b;
}

// pkg/cmd/flags.go addChartPathOptionsFlags: where the chart comes from
const CHART_PATH_FLAGS: FlagSpecs = {
  version: { kind: 'string', description: 'specify a version constraint for the chart version to use' },
  verify: { kind: 'bool', description: 'verify the package before using it' },
  keyring: { kind: 'string', description: 'location of public keys used for verification' },
  repo: { kind: 'string', description: 'chart repository url where to locate the requested chart' },
  username: { kind: 'string', description: 'chart repository username where to locate the requested chart' },
  password: { kind: 'string', description: 'chart repository password where to locate the requested chart' },
  'cert-file': { kind: 'string', description: 'identify HTTPS client using this SSL certificate file' },
  'key-file': { kind: 'string', description: 'identify HTTPS client using this SSL key file' },
  'insecure-skip-tls-verify': { kind: 'bool', description: 'skip tls certificate checks for the chart download' },
  'plain-http': { kind: 'bool', description: 'use insecure HTTP connections for the chart download' },
  'ca-file': { kind: 'string', description: 'verify certificates of HTTPS-enabled servers using this CA bundle' },
  'pass-credentials': { kind: 'bool', description: 'pass credentials to all domains' },
  devel: { kind: 'bool', description: "use development versions, too. Equivalent to version '>0.0.0-0'" },
};

// what install and upgrade share (pkg/cmd/install.go addInstallFlags, upgrade.go)
const RELEASE_FLAGS: FlagSpecs = {
  ...VALUE_FLAGS,
  ...CHART_PATH_FLAGS,
  output: OUTPUT_FLAG,
  wait: WAIT_FLAG,
  'wait-for-jobs': {
    kind: 'bool',
    description: 'if set and --wait enabled, will wait until all Jobs have been completed before marking the release as successful',
  },
  timeout: { kind: 'duration', description: 'time to wait for any individual Kubernetes operation (like Jobs for hooks) (default 5m0s)' },
  'dry-run': DRY_RUN_FLAG,
  labels: { kind: 'strings', short: 'l', description: 'Labels that would be added to release metadata. Should be divided by comma.' },
  description: { kind: 'string', description: 'add a custom description' },
  'create-namespace': { kind: 'bool', description: 'create the release namespace if not present' },
  'skip-crds': { kind: 'bool', description: 'if set, no CRDs will be installed' },
  'no-hooks': { kind: 'bool', description: 'prevent hooks from running during install/upgrade' },
  'rollback-on-failure': {
    kind: 'bool',
    description:
      'if set, Helm will rollback (uninstall if doing an install) on failure. The --wait flag will be default to "watcher" if --rollback-on-failure is set',
  },
  atomic: { kind: 'bool', description: 'deprecated: use --rollback-on-failure instead' },
  'take-ownership': { kind: 'bool', description: 'if set, install will ignore the check for helm annotations and take ownership of the existing resources' },
  force: { kind: 'bool', description: 'deprecated: use --force-replace instead' },
  'force-replace': { kind: 'bool', description: 'force resource updates by replacement' },
  'force-conflicts': { kind: 'bool', description: 'if set server-side apply will force changes against conflicts' },
  'server-side': { kind: 'string', description: 'must be "true", "false" or "auto" for server-side apply (default auto)' },
  'hide-notes': { kind: 'bool', description: 'if set, do not show notes in install output. Does not affect presence in chart metadata' },
  'hide-secret': { kind: 'bool', description: 'hide Kubernetes Secrets when also using the --dry-run flag' },
  'render-subchart-notes': { kind: 'bool', description: 'if set, render subchart notes along with the parent' },
  'dependency-update': { kind: 'bool', description: 'update dependencies if they are missing before installing the chart' },
  'disable-openapi-validation': {
    kind: 'bool',
    description: 'if set, the installation process will not validate rendered templates against the Kubernetes OpenAPI Schema',
  },
  'skip-schema-validation': { kind: 'bool', description: 'if set, disables JSON schema validation' },
  'enable-dns': { kind: 'bool', description: 'enable DNS lookups when rendering templates' },
  'post-renderer': { kind: 'string', description: 'the name of a postrenderer type plugin to be used for post rendering' },
  'post-renderer-args': { kind: 'strings', description: 'an argument to the post-renderer (can specify multiple)' },
};

/**
 * Flags Berth takes but which change nothing here, each with the reason; reported as cobra
 * reports a deprecated flag ("Flag --x has been deprecated, …"), so scripts keep running.
 */
const NO_OPS: Record<string, string> = {
  'wait-for-jobs': "Berth waits for the release's workloads and its hook Jobs already",
  'force-replace': 'Berth applies with server-side apply and does not replace objects',
  force: 'Berth applies with server-side apply and does not replace objects',
  'disable-openapi-validation': "Berth validates with the API server's dry run, which stays on",
  'enable-dns': 'Berth renders without DNS lookups',
  'render-subchart-notes': "Berth shows the top chart's NOTES.txt only",
  'dependency-update': 'Berth installs the subcharts the package holds and fetches none',
  'skip-schema-validation': 'Berth always validates values against values.schema.json',
  'hide-secret': 'Berth prints no manifests on a dry run',
  verify: 'Berth verifies provenance with `berth verify` before publishing, not at install',
  'cleanup-on-fail': 'Berth leaves the objects of a failed upgrade for the next upgrade or rollback to reconcile',
  replace: 'a name is reused after `berth uninstall` without --keep-history',
  cascade: "Berth deletes with the API server's default (background) propagation",
};

function reportNoOps(ctx: CliContext): void {
  for (const [flag, why] of Object.entries(NO_OPS)) {
    if (
      ctx.args.bools[flag] ||
      (ctx.args.strings[flag] !== undefined && flag !== 'cascade') ||
      (flag === 'cascade' && ctx.args.strings.cascade && ctx.args.strings.cascade !== 'background')
    )
      ctx.stderr(noOpNotice(flag, why));
  }
  reportGlobalNoOps(ctx);
}

/**
 * helm v4's --post-renderer NAME (a postrenderer/v1 plugin from HELM_PLUGINS) with its
 * --post-renderer-args: named to the engine processes this CLI starts, which run it over the
 * rendered files as helm's renderResources does (src-main/render/engine/postrender.go).
 */
function passPostRenderer(ctx: CliContext): void {
  const name = ctx.args.strings['post-renderer'];
  if (!name) return;
  const args = ctx.args.lists['post-renderer-args'] ?? [];
  // the flag as helm parses it: a missing plugin is refused with helm's words, before the cluster
  const check = spawnSync(enginePath(), ['__check-post-renderer', `--post-renderer=${name}`, ...args.map((a) => `--post-renderer-args=${a}`)], {
    encoding: 'utf8',
    windowsHide: true,
  });
  if (check.status !== 0) throw new UsageError(check.stderr.replace(/^Error: /, '').trim());
  process.env.BERTH_POST_RENDERER = JSON.stringify({ name, args });
}

// helm's chart-path flags and global file flags, handed to the engine's chart locator as given
const LOCATE_STRINGS = [
  'version',
  'repo',
  'username',
  'password',
  'cert-file',
  'key-file',
  'ca-file',
  'keyring',
  'registry-config',
  'repository-config',
  'repository-cache',
  'content-cache',
];
const LOCATE_BOOLS = ['devel', 'insecure-skip-tls-verify', 'plain-http', 'pass-credentials', 'verify', 'debug'];

/**
 * The chart argument as a file: a package or folder as it is; a repository reference
 * (`repo/chart`, `--repo URL`) or `oci://…` located as helm install locates it — by the engine
 * (`berth-engine __locate`: helm's repositories.yaml and cache, helm's registry client with its
 * registry.json), downloaded into helm's cache and vetted. `verb` prefixes a failure as helm does.
 */
function chartPath(ctx: CliContext, chart: string, verb: string): string {
  passPostRenderer(ctx);
  if (
    ctx.args.strings.repo === undefined &&
    !chart.startsWith('oci://') &&
    (existsSync(chart) || isAbsolute(chart) || chart.startsWith('.') || !chart.includes('/'))
  )
    return chart;
  const argv = ['__locate', chart];
  for (const f of LOCATE_STRINGS) if (ctx.args.strings[f] !== undefined) argv.push(`--${f}=${ctx.args.strings[f]}`);
  for (const f of LOCATE_BOOLS) if (ctx.args.bools[f]) argv.push(`--${f}`);
  const r = spawnSync(enginePath(), argv, { encoding: 'utf8', windowsHide: true, maxBuffer: 1 << 20 });
  if (r.error) throw r.error;
  // helm's registry client says what it pulled (Pulled:, Digest:) on stderr
  const said = r.stderr.replace(/^Error: [\s\S]*$/m, '');
  if (said && !ctx.json) ctx.stderr(said);
  if (r.status !== 0) failed(verb, new BerthFailure('not-found', (/^Error: ([\s\S]*?)\n?$/m.exec(r.stderr)?.[1] ?? r.stderr).trim()));
  return r.stdout.trim();
}

/**
 * -f and --set* as given: the engine parses and merges them with Helm's own code when it renders
 * (so the release stores what helm stores); read once here first so a bad flag is refused before
 * anything reaches the cluster, as helm's MergeValues refuses it.
 */
async function values(ctx: CliContext): Promise<ValueSources> {
  const sources = valueSources(ctx.args);
  await mergeValueSources(sources, ctx.services().engine());
  return sources;
}

function rollbackOnFailure(ctx: CliContext): boolean {
  if (ctx.args.bools.atomic) ctx.stderr('Flag --atomic has been deprecated, use --rollback-on-failure instead\n');
  return ctx.args.bools['rollback-on-failure'] === true || ctx.args.bools.atomic === true;
}

/** What install and upgrade both take from their flags. */
function runFlags(ctx: CliContext) {
  const onFailure = rollbackOnFailure(ctx);
  const wait = waitOf(ctx);
  return {
    // helm: --rollback-on-failure waits ("watcher") unless a wait strategy was given
    wait: wait || (onFailure && ctx.args.strings.wait === undefined),
    timeoutSeconds: parseDuration(ctx.args.strings.timeout),
    dryRun: dryRunOf(ctx),
    description: ctx.args.strings.description,
    labels: parseLabels(ctx.args.lists.labels),
    noHooks: ctx.args.bools['no-hooks'],
    takeOwnership: ctx.args.bools['take-ownership'],
    rollbackOnFailure: onFailure,
    skipCrds: ctx.args.bools['skip-crds'],
    createNamespace: ctx.args.bools['create-namespace'],
  };
}

/** helm's statusPrinter for install/upgrade/status: text, or the record as JSON/YAML. */
function printRelease(ctx: CliContext, rel: HelmRelease, format: OutputFormat, options: { hideNotes?: boolean; health?: string } = {}): void {
  if (format === 'json') ctx.stdout(encodeJson(statusData(rel)));
  else if (format === 'yaml') ctx.stdout(encodeYaml(statusData(rel)));
  else ctx.stdout(statusHead(rel) + (options.health ?? '') + statusTail(rel, { debug: ctx.args.bools.debug, hideNotes: options.hideNotes }));
}

/** The record an install/upgrade just wrote (a dry run writes none: its summary stands in). */
async function storedOrDryRun(ctx: CliContext, name: string, revision: number, fallback: () => HelmRelease): Promise<HelmRelease> {
  const stored = await ctx
    .services()
    .deploy.record({ target: target(ctx), namespace: ctx.args.strings.namespace, release: name, revision })
    .catch(() => undefined);
  return stored?.release ?? fallback();
}

function summaryRecord(o: {
  release: { name: string; namespace: string; revision: number; status: ReleaseStatus; updated: string; description: string };
  notes: string;
  manifest: string;
}): HelmRelease {
  return {
    name: o.release.name,
    namespace: o.release.namespace,
    version: o.release.revision,
    chart: null,
    manifest: o.manifest,
    info: { last_deployed: o.release.updated, status: o.release.status, description: o.release.description, notes: o.notes },
  };
}

/** helm prints "Release X has been cancelled." when Ctrl-C stops an install or upgrade. */
function announceCancel(ctx: CliContext, name: string): () => void {
  const handler = () => ctx.stdout(`Release ${name} has been cancelled.\n`);
  process.prependOnceListener('SIGINT', handler);
  process.prependOnceListener('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/** helm's wrapping of install/upgrade failures, with its words for the common refusals. */
function failed(prefix: string, e: unknown): never {
  if (e instanceof UsageError) throw e;
  const message = e instanceof Error ? e.message : String(e);
  const code = e instanceof BerthFailure ? e.code : 'deploy.failed';
  throw new BerthFailure(code, `${prefix}: ${message}`);
}

const installCommand: CliCommand = {
  path: ['install'],
  summary: 'Install a chart package as a release (Helm-compatible)',
  usage: 'berth install [NAME] [CHART] [flags]',
  flags: {
    ...RELEASE_FLAGS,
    'generate-name': { kind: 'bool', short: 'g', description: 'generate the name (and omit the NAME parameter)' },
    'name-template': { kind: 'string', description: 'specify template used to name the release' },
    replace: {
      kind: 'bool',
      description: 're-use the given name, only if that name is a deleted release which remains in the history. This is unsafe in production',
    },
  },
  async run(ctx) {
    const format = outputFormat(ctx.args);
    const p = atLeast(ctx, 1, 'install [NAME] [CHART]');
    let name: string;
    let chart: string;
    if (ctx.args.bools['generate-name'] || ctx.args.strings['name-template'] !== undefined) {
      if (p.length > 1) throw new UsageError(`expected at most one argument when --generate-name is set`);
      chart = p[0];
      // helm's --generate-name: the chart's name and the unix time; --name-template is read as a plain name here
      name =
        ctx.args.strings['name-template'] ??
        `${chart
          .replace(/\/+$/, '')
          .split('/')
          .pop()!
          .replace(/(-\d+\.\d+\.\d+.*)?\.tgz$/, '')}-${Math.floor(Date.now() / 1000)}`;
    } else {
      if (p.length < 2) throw new UsageError('must either provide a name or specify --generate-name');
      [name, chart] = p;
    }
    reportNoOps(ctx);
    const flags = runFlags(ctx);
    const stop = announceCancel(ctx, name);
    const o = await ctx
      .services()
      .deploy.install({
        target: target(ctx),
        release: name,
        namespace: ctx.args.strings.namespace,
        chart: { path: chartPath(ctx, chart, 'INSTALLATION FAILED') },
        valueSources: await values(ctx),
        ...flags,
      })
      .catch((e: unknown) => failed('INSTALLATION FAILED', e))
      .finally(stop);
    if (ctx.json) return json(ctx, o);
    printRelease(ctx, await storedOrDryRun(ctx, name, o.release.revision, () => summaryRecord(o)), format, { hideNotes: ctx.args.bools['hide-notes'] });
    return 0;
  },
};

function json(ctx: CliContext, value: unknown): number {
  ctx.stdout(`${JSON.stringify(value, null, 2)}\n`);
  return 0;
}

const upgradeCommand: CliCommand = {
  path: ['upgrade'],
  summary: 'Upgrade a release to a chart package, carrying its values over as Helm does',
  usage: 'berth upgrade [RELEASE] [CHART] [flags]',
  flags: {
    ...RELEASE_FLAGS,
    install: { kind: 'bool', short: 'i', description: "if a release by this name doesn't already exist, run an install" },
    'reuse-values': {
      kind: 'bool',
      description: "when upgrading, reuse the last release's values and merge in any overrides from the command line via --set and -f",
    },
    'reset-values': { kind: 'bool', description: 'when upgrading, reset the values to the ones built into the chart' },
    'reset-then-reuse-values': {
      kind: 'bool',
      description:
        "when upgrading, reset the values to the ones built into the chart, apply the last release's values and merge in any overrides from the command line via --set and -f",
    },
    'history-max': { kind: 'int', description: 'limit the maximum number of revisions saved per release. Use 0 for no limit (default 10)' },
    'cleanup-on-fail': { kind: 'bool', description: 'allow deletion of new resources created in this upgrade when upgrade fails' },
  },
  async run(ctx) {
    const format = outputFormat(ctx.args);
    const [name, chart] = exactly(ctx, 2, 'upgrade [RELEASE] [CHART]');
    reportNoOps(ctx);
    const svc = ctx.services().deploy;
    const flags = runFlags(ctx);
    const exists = ctx.args.bools.install
      ? (await svc.records({ target: target(ctx), namespace: ctx.args.strings.namespace, release: name })).length > 0
      : true;
    if (!exists && format === 'table' && !ctx.json) ctx.stdout(`Release ${JSON.stringify(name)} does not exist. Installing it now.\n`);
    const stop = announceCancel(ctx, name);
    const o = await svc
      .upgrade({
        target: target(ctx),
        release: name,
        namespace: ctx.args.strings.namespace,
        chart: { path: chartPath(ctx, chart, exists ? 'UPGRADE FAILED' : 'INSTALLATION FAILED') },
        valueSources: await values(ctx),
        install: ctx.args.bools.install,
        reuseValues: ctx.args.bools['reuse-values'],
        resetValues: ctx.args.bools['reset-values'],
        resetThenReuseValues: ctx.args.bools['reset-then-reuse-values'],
        historyMax: intFlag(ctx.args, 'history-max', 10),
        ...flags,
      })
      .catch((e: unknown) => {
        if (e instanceof BerthFailure && e.code === 'not-found' && /no release named/.test(e.message))
          failed('UPGRADE FAILED', new Error(`${JSON.stringify(name)} has no deployed releases`));
        return failed(exists ? 'UPGRADE FAILED' : 'INSTALLATION FAILED', e);
      })
      .finally(stop);
    if (ctx.json) return json(ctx, o);
    if (exists && format === 'table') ctx.stdout(`Release ${JSON.stringify(name)} has been upgraded. Happy Helming!\n`);
    printRelease(ctx, await storedOrDryRun(ctx, name, o.release.revision, () => summaryRecord(o)), format, { hideNotes: ctx.args.bools['hide-notes'] });
    return 0;
  },
};

const rollbackCommand: CliCommand = {
  path: ['rollback'],
  summary: 'Roll a release back to an earlier revision (default: the previous one)',
  usage: 'berth rollback <RELEASE> [REVISION] [flags]',
  flags: {
    wait: WAIT_FLAG,
    'wait-for-jobs': RELEASE_FLAGS['wait-for-jobs'],
    timeout: RELEASE_FLAGS.timeout,
    'dry-run': DRY_RUN_FLAG,
    'no-hooks': { kind: 'bool', description: 'prevent hooks from running during rollback' },
    force: RELEASE_FLAGS.force,
    'force-replace': RELEASE_FLAGS['force-replace'],
    'force-conflicts': RELEASE_FLAGS['force-conflicts'],
    'server-side': RELEASE_FLAGS['server-side'],
    'cleanup-on-fail': { kind: 'bool', description: 'allow deletion of new resources created in this rollback when rollback fails' },
    'history-max': { kind: 'int', description: 'limit the maximum number of revisions saved per release. Use 0 for no limit (default 10)' },
  },
  async run(ctx) {
    const [name, rev] = atLeast(ctx, 1, 'rollback <RELEASE> [REVISION]');
    let revision: number | undefined;
    if (rev !== undefined) {
      revision = /^[-+]?\d+$/.test(rev) ? Number(rev) : NaN;
      if (!Number.isInteger(revision))
        throw new UsageError(`could not convert revision to a number: strconv.Atoi: parsing ${JSON.stringify(rev)}: invalid syntax`);
    }
    reportNoOps(ctx);
    const dryRun = dryRunOf(ctx);
    const svc = ctx.services().deploy;
    if (!(await svc.records({ target: target(ctx), namespace: ctx.args.strings.namespace, release: name })).length)
      throw new BerthFailure('not-found', 'release: not found');
    if (revision !== undefined && revision < 0) throw new BerthFailure('input.invalid', 'invalid release revision');
    if (!dryRun) {
      const o = await svc.rollback({
        target: target(ctx),
        release: name,
        namespace: ctx.args.strings.namespace,
        revision,
        wait: waitOf(ctx),
        timeoutSeconds: parseDuration(ctx.args.strings.timeout),
        noHooks: ctx.args.bools['no-hooks'],
        historyMax: intFlag(ctx.args, 'history-max', 10),
      });
      if (ctx.json) return json(ctx, o);
    }
    ctx.stdout('Rollback was a success! Happy Helming!\n');
    return 0;
  },
};

const uninstallCommand: CliCommand = {
  path: ['uninstall'],
  summary: 'Uninstall a release (objects marked helm.sh/resource-policy: keep stay)',
  usage: 'berth uninstall RELEASE_NAME [...] [flags]',
  flags: {
    'keep-history': { kind: 'bool', description: 'remove all associated resources and mark the release as deleted, but retain the release history' },
    'no-hooks': { kind: 'bool', description: 'prevent hooks from running during uninstallation' },
    'ignore-not-found': { kind: 'bool', description: 'Treat "release not found" as a successful uninstall' },
    'dry-run': { kind: 'bool', description: 'simulate a uninstall' },
    cascade: {
      kind: 'string',
      description: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents. Defaults to background.',
    },
    wait: WAIT_FLAG,
    timeout: RELEASE_FLAGS.timeout,
    description: RELEASE_FLAGS.description,
  },
  async run(ctx) {
    const names = atLeast(ctx, 1, 'uninstall RELEASE_NAME [...]');
    const cascade = ctx.args.strings.cascade ?? 'background';
    if (!['background', 'orphan', 'foreground'].includes(cascade))
      throw new UsageError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
    reportNoOps(ctx);
    const svc = ctx.services().deploy;
    const outcomes = [];
    for (const name of names) {
      const known = (await svc.records({ target: target(ctx), namespace: ctx.args.strings.namespace, release: name })).length > 0;
      if (!known) {
        if (ctx.args.bools['ignore-not-found']) {
          if (!ctx.json) ctx.stdout(`release "${name}" uninstalled\n`);
          continue;
        }
        throw new BerthFailure('not-found', `uninstall: Release not loaded: ${name}: release: not found`);
      }
      if (ctx.args.bools['dry-run']) {
        if (!ctx.json) ctx.stdout(`release "${name}" uninstalled\n`);
        continue;
      }
      const o = await svc.uninstall({
        target: target(ctx),
        release: name,
        namespace: ctx.args.strings.namespace,
        keepHistory: ctx.args.bools['keep-history'],
        noHooks: ctx.args.bools['no-hooks'],
        wait: waitOf(ctx),
        legacyWait: ctx.args.strings.wait === 'legacy',
        timeoutSeconds: parseDuration(ctx.args.strings.timeout),
      });
      outcomes.push(o);
      if (ctx.json) continue;
      if (o.kept.length) ctx.stdout(`These resources were kept due to the resource policy:\n${o.kept.map((k) => `[${k}]\n`).join('')}\n`);
      ctx.stdout(`release "${name}" uninstalled\n`);
    }
    if (ctx.json) return json(ctx, outcomes.length === 1 ? outcomes[0] : outcomes);
    return 0;
  },
};

/** helm's list state mask: no state flag lists every state. */
function listStatuses(ctx: CliContext): ReleaseStatus[] {
  const b = ctx.args.bools;
  if (b.all) return [];
  return [
    ...(b.deployed ? (['deployed'] as const) : []),
    ...(b.failed ? (['failed'] as const) : []),
    ...(b.pending ? (['pending-install', 'pending-upgrade', 'pending-rollback'] as const) : []),
    ...(b.superseded ? (['superseded'] as const) : []),
    ...(b.uninstalled ? (['uninstalled'] as const) : []),
    ...(b.uninstalling ? (['uninstalling'] as const) : []),
  ];
}

/** k8s label selector, the subset helm's list documents: key=value, key==value, key!=value, comma-joined. */
function selectorMatches(selector: string, labels: Record<string, string>): boolean {
  return selector
    .split(',')
    .filter((t) => t.trim() !== '')
    .every((term) => {
      const m = /^\s*([^!=\s]+)\s*(==|=|!=)\s*([^\s]*)\s*$/.exec(term);
      if (!m) {
        const key = term.trim().replace(/^!/, '');
        return term.trim().startsWith('!') ? !(key in labels) : key in labels;
      }
      return m[2] === '!=' ? labels[m[1]] !== m[3] : labels[m[1]] === m[3];
    });
}

const GO_TIME = (t: string | undefined) => Date.parse(t ?? '') || 0;

/** helm's action.List: latest revision per release, state mask, selector, sort, offset and max. */
export function listReleases(
  all: StoredRelease[],
  options: { statuses: ReleaseStatus[]; filter?: string; selector?: string; byDate?: boolean; reverse?: boolean; offset: number; max: number },
): HelmRelease[] {
  const filter = options.filter ? new RegExp(options.filter) : undefined;
  let rows = all.filter((r) => !filter || filter.test(r.release.name));
  // only --superseded shows every superseded revision: superseded ones are never the latest
  if (!(options.statuses.length === 1 && options.statuses[0] === 'superseded')) {
    const latest = new Map<string, StoredRelease>();
    for (const r of rows) {
      const key = `${r.release.namespace}/${r.release.name}`;
      const seen = latest.get(key);
      if (!seen || seen.release.version <= r.release.version) latest.set(key, r);
    }
    rows = [...latest.values()];
  }
  if (options.statuses.length) rows = rows.filter((r) => options.statuses.includes((r.release.info.status ?? 'unknown') as ReleaseStatus));
  if (options.selector) rows = rows.filter((r) => selectorMatches(options.selector!, r.labels));
  const byName = (a: StoredRelease, b: StoredRelease) => (a.release.name < b.release.name ? -1 : a.release.name > b.release.name ? 1 : 0);
  const byDate = (a: StoredRelease, b: StoredRelease) =>
    Math.floor(GO_TIME(a.release.info.last_deployed) / 1000) - Math.floor(GO_TIME(b.release.info.last_deployed) / 1000) || byName(a, b);
  if (options.byDate) rows.sort(byDate);
  else rows.sort(byName);
  if (options.reverse) rows.reverse();
  if (options.offset >= rows.length) return [];
  const limit = options.max > 0 ? Math.min(options.max, all.length) : all.length;
  return rows.slice(options.offset, options.offset + limit).map((r) => r.release);
}

const listCommand: CliCommand = {
  path: ['list'],
  summary: 'List releases (Helm and Berth made alike)',
  usage: 'berth list [flags]',
  flags: {
    'all-namespaces': { kind: 'bool', short: 'A', description: 'list releases across all namespaces' },
    all: { kind: 'bool', short: 'a', description: 'show all releases without any filter applied' },
    deployed: { kind: 'bool', description: 'show deployed releases' },
    failed: { kind: 'bool', description: 'show failed releases' },
    pending: { kind: 'bool', description: 'show pending releases' },
    superseded: { kind: 'bool', description: 'show superseded releases' },
    uninstalled: { kind: 'bool', description: "show uninstalled releases (if 'uninstall --keep-history' was used)" },
    uninstalling: { kind: 'bool', description: 'show releases that are currently being uninstalled' },
    short: { kind: 'bool', short: 'q', description: 'output short (quiet) listing format' },
    'no-headers': { kind: 'bool', description: "don't print headers when using the default output format" },
    'time-format': { kind: 'string', description: 'format time using golang time formatter' },
    date: { kind: 'bool', short: 'd', description: 'sort by release date' },
    reverse: { kind: 'bool', short: 'r', description: 'reverse the sort order' },
    max: { kind: 'int', short: 'm', description: 'maximum number of releases to fetch (default 256)' },
    offset: { kind: 'int', description: 'next release index in the list, used to offset from start value' },
    filter: {
      kind: 'string',
      short: 'f',
      description: 'a regular expression (Perl compatible). Any releases that match the expression will be included in the results',
    },
    selector: {
      kind: 'string',
      short: 'l',
      description: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)",
    },
    output: OUTPUT_FLAG,
  },
  async run(ctx) {
    const format = outputFormat(ctx.args);
    if (ctx.args.positional.length) throw new UsageError(`"berth list" accepts no arguments\n\nUsage:  berth list [flags]`);
    if (ctx.args.strings['time-format'] !== undefined) ctx.stderr(noOpNotice('time-format', "Berth prints helm's default time format"));
    reportGlobalNoOps(ctx);
    const statuses = listStatuses(ctx);
    if (ctx.json) {
      const list = await ctx
        .services()
        .deploy.list({ target: target(ctx), namespace: ctx.args.strings.namespace, allNamespaces: ctx.args.bools['all-namespaces'], statuses });
      return json(ctx, list);
    }
    const all = await ctx
      .services()
      .deploy.records({ target: target(ctx), namespace: ctx.args.strings.namespace, allNamespaces: ctx.args.bools['all-namespaces'] });
    let releases: HelmRelease[];
    try {
      releases = listReleases(all, {
        statuses,
        filter: ctx.args.strings.filter,
        selector: ctx.args.strings.selector,
        byDate: ctx.args.bools.date,
        reverse: ctx.args.bools.reverse,
        offset: intFlag(ctx.args, 'offset', 0),
        max: intFlag(ctx.args, 'max', 256),
      });
    } catch (e) {
      if (e instanceof SyntaxError) throw new UsageError(`error parsing regexp: ${e.message}`);
      throw e;
    }
    ctx.stdout(printList(releases, format, { short: ctx.args.bools.short, noHeaders: ctx.args.bools['no-headers'] }));
    return 0;
  },
};

/** Helm's releaseContent: the revision asked for, or the latest; "release: not found" otherwise. */
async function releaseContent(ctx: CliContext, name: string): Promise<StoredRelease> {
  const revision = intFlag(ctx.args, 'revision', 0);
  const stored = await ctx
    .services()
    .deploy.record({ target: target(ctx), namespace: ctx.args.strings.namespace, release: name, revision: revision > 0 ? revision : undefined });
  if (!stored) throw new BerthFailure('not-found', 'release: not found');
  return stored;
}

const REVISION_FLAG = { kind: 'int', description: 'get the named release with revision' } as const;

const statusCommand: CliCommand = {
  path: ['status'],
  summary: "Show a release's status and the live health of its workloads",
  usage: 'berth status RELEASE_NAME [flags]',
  flags: {
    revision: { kind: 'int', description: 'if set, display the status of the named release with revision' },
    output: OUTPUT_FLAG,
    'show-resources': { kind: 'bool', description: "accepted for helm 3 scripts; Berth shows the workloads' health" },
  },
  async run(ctx) {
    const format = outputFormat(ctx.args);
    const [name] = exactly(ctx, 1, 'status RELEASE_NAME');
    reportGlobalNoOps(ctx);
    const stored = await releaseContent(ctx, name);
    const rel = stored.release;
    if (ctx.json) {
      const detail = await ctx.services().deploy.get({ target: target(ctx), namespace: ctx.args.strings.namespace, release: name, revision: rel.version });
      return json(ctx, {
        ...detail,
        health: await ctx.services().deploy.health({ target: target(ctx), namespace: ctx.args.strings.namespace, release: name }),
      });
    }
    if (format !== 'table') {
      printRelease(ctx, rel, format);
      return 0;
    }
    // where helm lists the live objects, Berth says how ready they are
    const h = await ctx.services().deploy.health({ target: target(ctx), namespace: ctx.args.strings.namespace, release: name });
    const mark = h.health === 'green' ? 'ready' : h.health === 'red' ? 'NOT READY' : 'in progress';
    let health = `HEALTH: ${mark}${h.reason ? ` — ${h.reason}` : ''}\n`;
    for (const w of h.workloads) health += `  ${w.kind}/${w.name}: ${w.ready}/${w.desired} ready${w.message && !w.isReady ? ` (${w.message})` : ''}\n`;
    printRelease(ctx, rel, 'table', { health });
    return 0;
  },
};

const historyCommand: CliCommand = {
  path: ['history'],
  summary: 'Show the revisions of a release',
  usage: 'berth history RELEASE_NAME [flags]',
  flags: { max: { kind: 'int', description: 'maximum number of revision to include in history (default 256)' }, output: OUTPUT_FLAG },
  async run(ctx) {
    const format = outputFormat(ctx.args);
    const [name] = exactly(ctx, 1, 'history RELEASE_NAME');
    reportGlobalNoOps(ctx);
    if (ctx.json) return json(ctx, await ctx.services().deploy.history({ target: target(ctx), namespace: ctx.args.strings.namespace, release: name }));
    const records = await ctx.services().deploy.records({ target: target(ctx), namespace: ctx.args.strings.namespace, release: name });
    if (records.length === 0) throw new BerthFailure('not-found', 'release: not found');
    ctx.stdout(
      printHistory(
        records.map((r) => r.release),
        format,
        intFlag(ctx.args, 'max', 256),
      ),
    );
    return 0;
  },
};

function getCommand(word: string, summary: string, flags: FlagSpecs, print: (ctx: CliContext, stored: StoredRelease) => string): CliCommand {
  return {
    path: ['get', word],
    summary,
    usage: `berth get ${word} RELEASE_NAME [flags]`,
    flags: { revision: REVISION_FLAG, ...flags },
    async run(ctx) {
      const [name] = exactly(ctx, 1, `get ${word} RELEASE_NAME`);
      reportGlobalNoOps(ctx);
      const stored = await releaseContent(ctx, name);
      ctx.stdout(print(ctx, stored));
      return 0;
    },
  };
}

const getCommands: CliCommand[] = [
  getCommand(
    'values',
    'download the values file for a named release',
    { all: { kind: 'bool', short: 'a', description: 'dump all (computed) values' }, output: OUTPUT_FLAG },
    (ctx, s) => printValues(s.release, outputFormat(ctx.args), ctx.args.bools.all === true),
  ),
  getCommand('manifest', 'download the manifest for a named release', {}, (_ctx, s) => `${s.release.manifest ?? ''}\n`),
  getCommand('notes', 'download the notes for a named release', {}, (_ctx, s) => printNotes(s.release)),
  getCommand('hooks', 'download all hooks for a named release', {}, (_ctx, s) => printHooks(s.release)),
  getCommand('metadata', 'This command fetches metadata for a given release', { output: OUTPUT_FLAG }, (ctx, s) =>
    printMetadata(s.release, s.labels, outputFormat(ctx.args)),
  ),
  getCommand(
    'all',
    'download all information for a named release',
    { template: { kind: 'string', description: 'go template for formatting the output, eg: {{.Release.Name}}' } },
    (ctx, s) => {
      if (ctx.args.strings.template !== undefined)
        throw new UsageError('Berth does not read Go templates for `get all --template`; use `berth status RELEASE -o json` with jq.');
      return printAll(s.release);
    },
  ),
];

const testCommand: CliCommand = {
  path: ['test'],
  summary: "Run a release's tests (helm test): test hooks, their delete policies, the outcome recorded in the release",
  usage: 'berth test [RELEASE] [flags]',
  flags: {
    timeout: { kind: 'duration', description: 'time to wait for any individual Kubernetes operation (like Jobs for hooks) (default 5m0s)' },
    logs: { kind: 'bool', description: 'dump the logs from test pods (this runs after all tests are complete, but before any cleanup)' },
    filter: {
      kind: 'slice',
      description:
        'specify tests by attribute (currently "name") using attribute=value syntax or \'!attribute=value\' to exclude a test (can specify multiple or separate values with commas: name=test1,name=test2)',
    },
  },
  async run(ctx) {
    const [name] = exactly(ctx, 1, 'test [RELEASE]');
    reportGlobalNoOps(ctx);
    const r = await ctx.services().deploy.test({
      target: target(ctx),
      namespace: ctx.args.strings.namespace,
      release: name,
      timeoutSeconds: parseDuration(ctx.args.strings.timeout),
      logs: ctx.args.bools.logs === true,
      ...parseTestFilters(ctx.args.lists.filter ?? []),
    });
    if (ctx.json) {
      ctx.stdout(
        `${JSON.stringify({ release: name, namespace: r.release.namespace, passed: !r.error, ...(r.error ? { error: r.error } : {}), tests: r.hooks }, null, 2)}\n`,
      );
      return r.error ? 1 : 0;
    }
    // helm prints the status (notes hidden) even when a test failed, then the pod logs, then the error
    ctx.stdout(statusHead(r.release) + statusTail(r.release, { debug: ctx.args.bools.debug, hideNotes: true }));
    if (ctx.args.bools.logs) ctx.stdout(`\n${r.podLogs ?? ''}`);
    const errors = [r.error, r.podLogsError].filter((e): e is string => !!e);
    if (errors.length === 0) return 0;
    ctx.stderr(`Error: ${errors.join('\n')}\n`);
    return 1;
  },
};

/** helm's aliases (ls, hist, un, del, delete), so muscle memory works. */
function alias(word: string, of: CliCommand): CliCommand {
  return { ...of, path: [word], summary: `same as berth ${of.path.join(' ')}` };
}

export const deployCommands: CliCommand[] = [
  installCommand,
  upgradeCommand,
  rollbackCommand,
  uninstallCommand,
  listCommand,
  statusCommand,
  historyCommand,
  testCommand,
  ...getCommands,
  alias('ls', listCommand),
  alias('hist', historyCommand),
  alias('un', uninstallCommand),
  alias('del', uninstallCommand),
  alias('delete', uninstallCommand),
];
