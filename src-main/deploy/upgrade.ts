/**
 * Upgrade, as `helm upgrade` does it (pkg/action/upgrade.go): carry values over by Helm's rules,
 * render the new chart, pre-flight, record the new revision as pending-upgrade, move the cluster
 * from the deployed manifest to the new one, then supersede the old revision.
 */
import { BerthFailure } from '../../shared/result';
import { refusal } from '../sentences';
import type { ManifestChange, ReleaseOutcome, UpgradePreview } from '../../shared/types/deploy';
import type { ClusterSession } from './cluster';
import { releaseResources, updateResources } from './apply-release';
import { changesBetween } from './diff';
import type { Values } from './helm-chart';
import { runHooks } from './hooks';
import { failRecord, hasValueSources, install, onInterrupt, preflightFailure, renderFor, type InstallInput } from './install';
import { rollback } from './rollback';
import { preflight } from './preflight';
import { checkCustomLabels, mergeCustomLabels } from './release-labels';
import { helmTime, type HelmRelease } from './release-record';
import type { StoredRelease } from './release-store';
import { asValues, errorText, outcome, timeoutMs, validateReleaseName, waitOrFail, type FlowOptions } from './release-flow';
import type { RenderRequest } from './render-release';
import { buildResources, markOwnership, resourceKey } from './resources';

export interface UpgradeInput extends InstallInput {
  reuseValues?: boolean;
  resetValues?: boolean;
  resetThenReuseValues?: boolean;
  /** Install when there is no release of that name yet (helm upgrade --install). */
  install?: boolean;
}

type Carry = NonNullable<RenderRequest['carry']>;

/**
 * Helm's Upgrade.reuseValues: --reset-values takes only the given values; --reuse-values and
 * --reset-then-reuse-values merge them over the previous config (the engine merges, with Helm's
 * CoalesceTables, and for --reuse-values renders with the previous revision's chart values);
 * by default the previous config is kept when no values are given.
 */
export function valuesForUpgrade(
  input: Pick<UpgradeInput, 'values' | 'valueSources' | 'reuseValues' | 'resetValues' | 'resetThenReuseValues'>,
  current: HelmRelease,
): { values: Values; carry?: Carry } {
  const given = asValues(input.values);
  const config = current.config ?? {};
  if (input.resetValues) return { values: given };
  if (input.reuseValues) return { values: given, carry: { mode: 'reuse', chartValues: current.chart?.values ?? {}, config } };
  if (input.resetThenReuseValues) return { values: given, carry: { mode: 'reset-then-reuse', chartValues: {}, config } };
  // with -f or --set*, only the engine knows whether they merge to nothing: it decides, as helm does
  if (hasValueSources(input.valueSources) && Object.keys(config).length > 0) return { values: given, carry: { mode: 'default', chartValues: {}, config } };
  if (Object.keys(given).length === 0 && Object.keys(config).length > 0) return { values: config };
  return { values: given };
}

interface UpgradePlan {
  last: StoredRelease;
  current: StoredRelease;
  values: Values;
  carry?: Carry;
}

async function plan(session: ClusterSession, input: UpgradeInput): Promise<UpgradePlan | undefined> {
  const history = await session.releases.history(input.release, input.namespace);
  if (history.length === 0) return undefined;
  const last = history[history.length - 1];
  const status = last.release.info.status ?? 'unknown';
  if (status.startsWith('pending-')) {
    throw refusal('conflict', 'release.busyUpgrade', { release: input.release, status });
  }
  const deployed = [...history].reverse().find((r) => r.release.info.status === 'deployed');
  let current = deployed;
  if (!current) {
    if (status === 'failed' || status === 'superseded') current = last;
    else throw refusal('not-found', 'release.noDeployed', { release: input.release, status });
  }
  return { last, current, ...valuesForUpgrade(input, current.release) };
}

/** The new revision as the upgrade (or its preview) renders it: the planned values, the next revision number. */
function renderPlanned(session: ClusterSession, options: FlowOptions, input: UpgradeInput, p: UpgradePlan) {
  return renderFor(session, options, {
    chart: input.chart,
    values: p.values,
    valueSources: input.valueSources,
    carry: p.carry,
    release: input.release,
    namespace: input.namespace,
    revision: p.last.release.version + 1,
    isUpgrade: true,
  });
}

/** The manifests before and after, per object, without changing anything. */
export async function previewUpgrade(session: ClusterSession, input: UpgradeInput, options: FlowOptions): Promise<UpgradePreview> {
  const p = await plan(session, input);
  if (!p) throw refusal('not-found', 'release.notFound', { release: input.release, namespace: input.namespace });
  const rendered = await renderPlanned(session, options, input, p);
  const md = rendered.chart.metadata;
  const cmd = p.current.release.chart?.metadata ?? {};
  const changes: ManifestChange[] = changesBetween(p.current.release.manifest ?? '', rendered.manifest, input.namespace);
  return {
    release: input.release,
    namespace: input.namespace,
    fromRevision: p.current.release.version,
    fromChart: `${String(cmd.name ?? '')}-${String(cmd.version ?? '')}`,
    toChart: `${String(md.name ?? '')}-${String(md.version ?? '')}`,
    values: rendered.values,
    changes,
  };
}

export async function upgrade(session: ClusterSession, input: UpgradeInput, options: FlowOptions): Promise<ReleaseOutcome> {
  validateReleaseName(input.release);
  const p = await plan(session, input);
  if (!p) {
    if (input.install) return install(session, input, options);
    throw refusal('not-found', 'release.notFoundToUpgrade', { release: input.release, namespace: input.namespace });
  }
  const revision = p.last.release.version + 1;
  const rendered = await renderPlanned(session, options, input, p);
  const current = releaseResources(session, p.current.release.manifest ?? '', input.release, input.namespace);
  const target = buildResources(rendered.manifests, session.apis, input.namespace);
  for (const r of target) markOwnership(r.object, input.release, input.namespace);

  const owned = new Set(current.map((r) => resourceKey(r.object)));
  const report = await preflight(session, target, {
    releaseName: input.release,
    releaseNamespace: input.namespace,
    owned,
    ownedKey: (r) => resourceKey(r.object),
    takeOwnership: input.takeOwnership,
  });
  if (!report.ok) throw preflightFailure(report);

  // Helm takes the latest revision's labels (helm upgrade: mergeCustomLabels(lastRelease.Labels, --labels)).
  checkCustomLabels(input.labels ?? {});
  const labels = mergeCustomLabels(p.last.labels, input.labels ?? {});
  const rel: HelmRelease = {
    name: input.release,
    namespace: input.namespace,
    chart: rendered.chart,
    config: rendered.values,
    ...(rendered.configJson !== undefined ? { configJson: rendered.configJson } : {}),
    info: {
      first_deployed: p.current.release.info.first_deployed,
      last_deployed: helmTime(),
      status: 'pending-upgrade',
      description: 'Preparing upgrade',
      notes: rendered.notes || undefined,
    },
    manifest: rendered.manifest,
    hooks: rendered.hooks,
    version: revision,
    apply_method: 'ssa',
  };
  if (input.dryRun) {
    rel.info.description = 'Dry run complete';
    return outcome({ release: rel, labels });
  }
  await session.releases.create(rel, labels, input.historyMax);
  const deletion = { namespace: input.namespace, timeoutMs: timeoutMs(input.timeoutSeconds), waitForDelete: !!input.wait };
  const hooks = input.noHooks ? [] : rel.hooks;
  const interrupted = onInterrupt(() => failRecord(session, rel, labels, `Upgrade "${input.release}" failed: context canceled`));
  try {
    await runHooks(session, hooks, 'pre-upgrade', deletion);
    await updateResources(session, current, target, { force: input.takeOwnership });
    const health = input.wait ? await waitOrFail(session, rel, input.timeoutSeconds, options, target) : undefined;
    await runHooks(session, hooks, 'post-upgrade', deletion);
    p.current.release.info.status = 'superseded';
    await session.releases.update(p.current.release, p.current.labels);
    rel.info.status = 'deployed';
    rel.info.description = input.description || 'Upgrade complete';
    await session.releases.update(rel, labels);
    return outcome({ release: rel, labels }, health);
  } catch (e) {
    await failRecord(session, rel, labels, `Upgrade "${input.release}" failed: ${errorText(e)}`);
    if (input.rollbackOnFailure) {
      // helm upgrade --rollback-on-failure: back to the revision that was deployed, and the error says so
      const back = await rollback(
        session,
        {
          release: input.release,
          namespace: input.namespace,
          revision: p.current.release.version,
          wait: true,
          timeoutSeconds: input.timeoutSeconds,
          historyMax: input.historyMax,
        },
        options,
      ).then(
        () => undefined,
        (r: unknown) => r,
      );
      const why = back
        ? `an error occurred while rolling back the release. original upgrade error: ${errorText(e)}: ${errorText(back)}`
        : `release ${input.release} failed, and has been rolled back due to rollback-on-failure being set: ${errorText(e)}`;
      throw new BerthFailure(e instanceof BerthFailure ? e.code : 'deploy.failed', why);
    }
    if (e instanceof BerthFailure) throw e;
    throw refusal('deploy.failed', 'release.upgradeFailed', { release: input.release, reason: errorText(e) });
  } finally {
    interrupted.dispose();
  }
}
