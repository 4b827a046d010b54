/**
 * `berth install|upgrade|rollback|uninstall|list|status|history`, with Helm's flags where they
 * exist, over the same deploy service the UI uses.
 */
import { BerthFailure } from '../../../shared/result';
import type { ClusterTarget, ReleaseHealth, ReleaseOutcome, ReleaseStatus } from '../../../shared/types/deploy';
import { DeployService } from '../../deploy/service';
import { mergeValueSources } from '../../deploy/set-values';
import { sharedEngine } from '../../render/engine';
import type { FlagSpecs } from '../args';
import type { CliCommand, CliContext } from '../command';
import { VALUE_FLAGS, valueSources } from '../value-flags';

const CLUSTER_FLAGS: FlagSpecs = {
  namespace: { kind: 'string', short: 'n', description: 'namespace scope for this request (default: the context namespace)' },
  'kube-context': { kind: 'string', description: 'name of the kubeconfig context to use' },
  kubeconfig: { kind: 'string', description: 'path to the kubeconfig file' },
};

const RELEASE_FLAGS: FlagSpecs = {
  ...VALUE_FLAGS,
  wait: { kind: 'bool', description: 'wait until all workloads are ready before marking the release successful' },
  timeout: { kind: 'string', description: 'time to wait, e.g. 5m0s (default 5m0s)' },
  'dry-run': { kind: 'bool', description: 'render and pre-flight against the cluster, change nothing' },
  labels: { kind: 'strings', short: 'l', description: 'labels added to the release metadata, divided by comma (on upgrade, key=null removes one)' },
  description: { kind: 'string', description: 'add a custom description' },
};

let service: DeployService | undefined;
/** The CLI's deploy service; tests may install one with their own chart renderer. */
export function cliDeployService(replace?: DeployService): DeployService {
  if (replace) service = replace;
  service ??= new DeployService();
  return service;
}

function target(ctx: CliContext): ClusterTarget {
  const t: ClusterTarget = {};
  if (ctx.args.strings['kube-context']) t.context = ctx.args.strings['kube-context'];
  if (ctx.args.strings.kubeconfig) t.kubeconfig = ctx.args.strings.kubeconfig;
  return t;
}

/** Go duration text (5m0s, 300s, 1h) → seconds. */
export function parseDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  let seconds = 0;
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s)/g;
  let consumed = '';
  for (const m of text.matchAll(re)) {
    consumed += m[0];
    seconds += Number(m[1]) * { h: 3600, m: 60, s: 1, ms: 0.001 }[m[2] as 'h' | 'm' | 's' | 'ms'];
  }
  if (consumed !== text) throw new BerthFailure('input.invalid', `--timeout ${text}: use a duration such as 5m0s or 300s.`);
  return Math.ceil(seconds);
}

function values(ctx: CliContext): Promise<Record<string, unknown>> {
  return mergeValueSources(valueSources(ctx.args), sharedEngine({ oneShot: true }));
}

/** Helm's --labels (a string-to-string flag): "k1=v1,k2=v2", repeatable. */
export function parseLabels(list: string[] | undefined): Record<string, string> | undefined {
  if (!list?.length) return undefined;
  const out: Record<string, string> = {};
  for (const item of list.flatMap((l) => l.split(','))) {
    const eq = item.indexOf('=');
    if (eq < 0) throw new BerthFailure('input.invalid', `--labels ${item}: write it as key=value.`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** What install and upgrade both take from their flags: how to wait, whether to only try, and what the revision records. */
function runFlags(ctx: CliContext) {
  return {
    wait: ctx.args.bools.wait,
    timeoutSeconds: parseDuration(ctx.args.strings.timeout),
    dryRun: ctx.args.bools['dry-run'],
    description: ctx.args.strings.description,
    labels: parseLabels(ctx.args.lists.labels),
  };
}

function positional(ctx: CliContext, count: number, usage: string): string[] {
  const p = ctx.args.positional;
  if (p.length < count) throw new BerthFailure('input.invalid', `"${usage}" needs ${count} argument${count > 1 ? 's' : ''}.`);
  return p;
}

function printHealth(ctx: CliContext, h: ReleaseHealth): void {
  const mark = h.health === 'green' ? 'ready' : h.health === 'red' ? 'NOT READY' : 'in progress';
  ctx.stdout(`HEALTH: ${mark}${h.reason ? ` — ${h.reason}` : ''}\n`);
  for (const w of h.workloads) ctx.stdout(`  ${w.kind}/${w.name}: ${w.ready}/${w.desired} ready${w.message && !w.isReady ? ` (${w.message})` : ''}\n`);
  for (const p of h.pods) ctx.stdout(`  pod/${p.name}: ${p.phase}${p.ready ? ', ready' : ''}${p.restarts ? `, ${p.restarts} restarts` : ''}${p.reason ? ` — ${p.reason}` : ''}\n`);
}

function printOutcome(ctx: CliContext, o: ReleaseOutcome): number {
  if (ctx.json) {
    ctx.stdout(`${JSON.stringify(o, null, 2)}\n`);
    return 0;
  }
  const r = o.release;
  ctx.stdout(`NAME: ${r.name}\nLAST DEPLOYED: ${new Date(r.updated).toString()}\nNAMESPACE: ${r.namespace}\nSTATUS: ${r.status}\nREVISION: ${r.revision}\nDESCRIPTION: ${r.description}\n`);
  if (o.health) printHealth(ctx, o.health);
  if (o.notes) ctx.stdout(`NOTES:\n${o.notes}\n`);
  return 0;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('\t').trimEnd()).join('\n') + '\n';
}

const installCommand: CliCommand = {
  path: ['install'],
  summary: 'Install a chart package as a release (Helm-compatible)',
  usage: 'berth install NAME CHART(.tgz or folder) [-n NAMESPACE] [--create-namespace] [-f values.yaml] [--set k=v] [--wait] [--timeout 5m0s]',
  flags: {
    ...CLUSTER_FLAGS,
    ...RELEASE_FLAGS,
    'create-namespace': { kind: 'bool', description: 'create the release namespace if not present' },
    'skip-crds': { kind: 'bool', description: 'if set, no CRDs will be installed. By default, CRDs are installed if not already present' },
  },
  async run(ctx) {
    const [name, chart] = positional(ctx, 2, 'berth install NAME CHART');
    const o = await cliDeployService().install({
      target: target(ctx),
      release: name,
      namespace: ctx.args.strings.namespace,
      createNamespace: ctx.args.bools['create-namespace'],
      chart: { kind: 'file', path: chart },
      values: await values(ctx),
      skipCrds: ctx.args.bools['skip-crds'],
      ...runFlags(ctx),
    });
    return printOutcome(ctx, o);
  },
};

const upgradeCommand: CliCommand = {
  path: ['upgrade'],
  summary: 'Upgrade a release to a chart package, carrying its values over as Helm does',
  usage: 'berth upgrade NAME CHART(.tgz or folder) [-n NAMESPACE] [--install] [--reuse-values|--reset-values|--reset-then-reuse-values] [-f values.yaml] [--set k=v] [--wait]',
  flags: {
    ...CLUSTER_FLAGS,
    ...RELEASE_FLAGS,
    install: { kind: 'bool', short: 'i', description: 'if a release by this name does not already exist, run an install' },
    'create-namespace': { kind: 'bool', description: 'with --install: create the release namespace if not present' },
    'reuse-values': { kind: 'bool', description: "reuse the last release's values and merge in any overrides" },
    'reset-values': { kind: 'bool', description: "reset the values to the ones built into the chart" },
    'reset-then-reuse-values': { kind: 'bool', description: "reset the values to the ones built into the chart, apply the last release's values and merge in any overrides" },
  },
  async run(ctx) {
    const [name, chart] = positional(ctx, 2, 'berth upgrade NAME CHART');
    const o = await cliDeployService().upgrade({
      target: target(ctx),
      release: name,
      namespace: ctx.args.strings.namespace,
      chart: { kind: 'file', path: chart },
      values: await values(ctx),
      install: ctx.args.bools.install,
      createNamespace: ctx.args.bools['create-namespace'],
      reuseValues: ctx.args.bools['reuse-values'],
      resetValues: ctx.args.bools['reset-values'],
      resetThenReuseValues: ctx.args.bools['reset-then-reuse-values'],
      ...runFlags(ctx),
    });
    return printOutcome(ctx, o);
  },
};

const rollbackCommand: CliCommand = {
  path: ['rollback'],
  summary: 'Roll a release back to an earlier revision (default: the previous one)',
  usage: 'berth rollback NAME [REVISION] [-n NAMESPACE] [--wait] [--timeout 5m0s]',
  flags: { ...CLUSTER_FLAGS, wait: RELEASE_FLAGS.wait, timeout: RELEASE_FLAGS.timeout },
  async run(ctx) {
    const [name, rev] = positional(ctx, 1, 'berth rollback NAME');
    const revision = rev === undefined ? undefined : Number(rev);
    if (revision !== undefined && (!Number.isInteger(revision) || revision < 0)) throw new BerthFailure('input.invalid', `“${rev}” is not a revision number.`);
    const o = await cliDeployService().rollback({ target: target(ctx), release: name, namespace: ctx.args.strings.namespace, revision, wait: ctx.args.bools.wait, timeoutSeconds: parseDuration(ctx.args.strings.timeout) });
    if (!ctx.json) {
      ctx.stdout('Rollback was a success! Happy Helming!\n');
      return 0;
    }
    return printOutcome(ctx, o);
  },
};

const uninstallCommand: CliCommand = {
  path: ['uninstall'],
  summary: 'Uninstall a release (objects marked helm.sh/resource-policy: keep stay)',
  usage: 'berth uninstall NAME [-n NAMESPACE] [--keep-history]',
  flags: { ...CLUSTER_FLAGS, 'keep-history': { kind: 'bool', description: 'remove all associated resources and mark the release as deleted, but retain the release history' } },
  async run(ctx) {
    const [name] = positional(ctx, 1, 'berth uninstall NAME');
    const o = await cliDeployService().uninstall({ target: target(ctx), release: name, namespace: ctx.args.strings.namespace, keepHistory: ctx.args.bools['keep-history'] });
    if (ctx.json) ctx.stdout(`${JSON.stringify(o, null, 2)}\n`);
    else {
      if (o.kept.length) ctx.stdout(`These resources were kept due to the resource policy:\n${o.kept.map((k) => `[${k}]`).join('\n')}\n\n`);
      ctx.stdout(`release "${o.release}" uninstalled\n`);
    }
    return 0;
  },
};

const listCommand: CliCommand = {
  path: ['list'],
  summary: 'List releases (Helm and Berth made alike)',
  usage: 'berth list [-n NAMESPACE | -A] [--deployed] [--failed] [--pending] [--superseded] [--uninstalled]',
  flags: {
    ...CLUSTER_FLAGS,
    'all-namespaces': { kind: 'bool', short: 'A', description: 'list releases across all namespaces' },
    deployed: { kind: 'bool', description: 'show deployed releases' },
    failed: { kind: 'bool', description: 'show failed releases' },
    pending: { kind: 'bool', description: 'show pending releases' },
    superseded: { kind: 'bool', description: 'show superseded releases' },
    uninstalled: { kind: 'bool', description: "show uninstalled releases (if 'uninstall --keep-history' was used)" },
    uninstalling: { kind: 'bool', description: 'show releases that are currently being uninstalled' },
  },
  async run(ctx) {
    const b = ctx.args.bools;
    const statuses: ReleaseStatus[] = [
      ...(b.deployed ? (['deployed'] as const) : []),
      ...(b.failed ? (['failed'] as const) : []),
      ...(b.pending ? (['pending-install', 'pending-upgrade', 'pending-rollback'] as const) : []),
      ...(b.superseded ? (['superseded'] as const) : []),
      ...(b.uninstalled ? (['uninstalled'] as const) : []),
      ...(b.uninstalling ? (['uninstalling'] as const) : []),
    ];
    const list = await cliDeployService().list({ target: target(ctx), namespace: ctx.args.strings.namespace, allNamespaces: b['all-namespaces'], statuses });
    if (ctx.json) {
      ctx.stdout(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    const rows = [['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION']];
    for (const r of list) rows.push([r.name, r.namespace, String(r.revision), r.updated, r.status, r.chart, r.appVersion ?? '']);
    ctx.stdout(table(rows));
    return 0;
  },
};

const statusCommand: CliCommand = {
  path: ['status'],
  summary: "Show a release's status and the live health of its workloads",
  usage: 'berth status NAME [-n NAMESPACE] [--revision N]',
  flags: { ...CLUSTER_FLAGS, revision: { kind: 'string', description: 'if set, display the status of the named release with revision' } },
  async run(ctx) {
    const [name] = positional(ctx, 1, 'berth status NAME');
    const svc = cliDeployService();
    const req = { target: target(ctx), namespace: ctx.args.strings.namespace, release: name };
    const revision = ctx.args.strings.revision ? Number(ctx.args.strings.revision) : undefined;
    const detail = await svc.get({ ...req, revision });
    const health = await svc.health(req);
    if (ctx.json) {
      ctx.stdout(`${JSON.stringify({ ...detail, health }, null, 2)}\n`);
      return 0;
    }
    ctx.stdout(`NAME: ${detail.name}\nLAST DEPLOYED: ${new Date(detail.updated).toString()}\nNAMESPACE: ${detail.namespace}\nSTATUS: ${detail.status}\nREVISION: ${detail.revision}\nCHART: ${detail.chart}\nDESCRIPTION: ${detail.description}\n`);
    printHealth(ctx, health);
    if (detail.notes) ctx.stdout(`NOTES:\n${detail.notes}\n`);
    return 0;
  },
};

const historyCommand: CliCommand = {
  path: ['history'],
  summary: 'Show the revisions of a release',
  usage: 'berth history NAME [-n NAMESPACE]',
  flags: CLUSTER_FLAGS,
  async run(ctx) {
    const [name] = positional(ctx, 1, 'berth history NAME');
    const h = await cliDeployService().history({ target: target(ctx), namespace: ctx.args.strings.namespace, release: name });
    if (ctx.json) {
      ctx.stdout(`${JSON.stringify(h, null, 2)}\n`);
      return 0;
    }
    const rows = [['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION']];
    for (const r of h) rows.push([String(r.revision), r.updated, r.status, r.chart, r.appVersion ?? '', r.description]);
    ctx.stdout(table(rows));
    return 0;
  },
};

export const deployCommands: CliCommand[] = [installCommand, upgradeCommand, rollbackCommand, uninstallCommand, listCommand, statusCommand, historyCommand];
