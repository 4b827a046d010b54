/**
 * `berth upgrade-check --kube-version 1.xx [-A | -n NS] [--repair RELEASE]`: the releases whose
 * stored manifests use APIs that Kubernetes version removed — the ones the next `helm upgrade`
 * would fail on after the cluster upgrade — and the helm-mapkubeapis repair of one of them.
 */
import { UsageError } from '../args';
import type { CliCommand } from '../command';
import { target } from './deploy';

export const upgradeCheckCommand: CliCommand = {
  path: ['upgrade-check'],
  summary: 'List releases whose stored manifests use APIs a Kubernetes version removed; --repair fixes one as helm-mapkubeapis does',
  usage: 'berth upgrade-check --kube-version 1.25 [-A | -n NAMESPACE] [--repair RELEASE]',
  flags: {
    'kube-version': { kind: 'string', description: 'the Kubernetes version the cluster is about to run (e.g. 1.25)' },
    'all-namespaces': { kind: 'bool', short: 'A', description: 'check releases in every namespace' },
    repair: {
      kind: 'string',
      description: 'repair this release’s record (in --namespace): removed APIs replaced by their successors, objects without one dropped',
    },
  },
  async run(ctx) {
    const kubeVersion = ctx.args.strings['kube-version'];
    if (!kubeVersion) throw new UsageError('give the Kubernetes version to check against: --kube-version 1.25');
    const { connectForRecords } = await import('../../deploy/cluster');
    const { repairRelease, upgradeReadiness } = await import('../../deploy/upgrade-check');
    const session = connectForRecords(target(ctx));
    const namespace = ctx.args.strings.namespace || session.defaultNamespace;
    const repair = ctx.args.strings.repair;
    if (repair) {
      const done = await repairRelease(session.releases, repair, namespace, kubeVersion);
      if (ctx.json) ctx.stdout(JSON.stringify(done ?? null, null, 2) + '\n');
      else if (!done) ctx.stdout(`Release ${repair} in ${namespace} uses no API that Kubernetes ${kubeVersion} removed; nothing to repair.\n`);
      else {
        const dropped = done.uses.filter((u) => !u.replacement);
        ctx.stdout(
          `Repaired ${repair} in ${namespace} as revision ${done.revision}: ${
            done.uses
              .filter((u) => u.replacement)
              .map((u) => `${u.kind}/${u.name} ${u.apiVersion} → ${u.replacement}`)
              .join(', ') || 'no API replaced'
          }` +
            `${dropped.length ? `; removed from the record (no successor): ${dropped.map((u) => `${u.kind}/${u.name}`).join(', ')}` : ''}.\n` +
            `Do not roll back past revision ${done.revision}: earlier revisions carry the removed APIs.\n`,
        );
      }
      return 0;
    }
    const found = upgradeReadiness(await session.releases.list(ctx.args.bools['all-namespaces'] ? undefined : namespace), kubeVersion);
    if (ctx.json) {
      ctx.stdout(JSON.stringify(found, null, 2) + '\n');
      return found.length ? 1 : 0;
    }
    if (found.length === 0) {
      ctx.stdout(`No release ${ctx.args.bools['all-namespaces'] ? 'on the cluster' : `in ${namespace}`} uses an API that Kubernetes ${kubeVersion} removed.\n`);
      return 0;
    }
    const rows = [['NAMESPACE', 'RELEASE', 'REVISION', 'CHART', 'OBJECT', 'API', 'REMOVED IN', 'REPAIR']];
    for (const r of found)
      for (const u of r.uses)
        rows.push([
          r.namespace,
          r.release,
          String(r.revision),
          r.chart,
          `${u.kind}/${u.name}`,
          u.apiVersion,
          u.removedIn,
          u.replacement ? `→ ${u.replacement}` : 'drop (no successor)',
        ]);
    const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
    ctx.stdout(
      rows
        .map((row) =>
          row
            .map((c, i) => c.padEnd(widths[i]))
            .join('  ')
            .trimEnd(),
        )
        .join('\n') + '\n',
    );
    ctx.stdout(
      `\n${found.length} release(s) would make "helm upgrade" fail after the cluster moves to ${kubeVersion}. Repair each with: berth upgrade-check --kube-version ${kubeVersion} -n NAMESPACE --repair RELEASE\n`,
    );
    return 1;
  },
};
