/**
 * Install, as `helm install` does it (pkg/action/install.go): render, pre-flight against the
 * cluster, record the release as pending-install, run pre-install hooks, apply in install order
 * with server-side apply, optionally wait, run post-install hooks, record it deployed.
 */
import { BerthFailure } from '../../shared/result';
import type { PreflightReport, ReleaseOutcome } from '../../shared/types/deploy';
import { createNamespace, type ClusterSession } from './cluster';
import { installCrds } from './crds';
import { updateResources } from './apply-release';
import { runHooks } from './hooks';
import { preflight, summarizeProblems } from './preflight';
import { checkCustomLabels, mergeCustomLabels } from './release-labels';
import { helmTime, type HelmRelease } from './release-record';
import { asValues, errorText, outcome, timeoutMs, validateReleaseName, waitOrFail, type FlowOptions } from './release-flow';
import { renderRelease, type RenderedRelease, type RenderRequest } from './render-release';
import { buildResources, markOwnership } from './resources';

export interface InstallInput {
  release: string;
  namespace: string;
  chart: Uint8Array;
  values?: Record<string, unknown>;
  createNamespace?: boolean;
  wait?: boolean;
  timeoutSeconds?: number;
  description?: string;
  dryRun?: boolean;
  labels?: Record<string, string>;
  skipCrds?: boolean;
}

export function preflightFailure(report: PreflightReport): BerthFailure {
  const removed = report.problems.filter((p) => p.kind === 'removed-api').length;
  return new BerthFailure('deploy.preflight-failed', summarizeProblems(report.problems), {
    problems: report.problems.length,
    removedApis: removed,
    quickFix: removed > 0 ? 'api-migration' : '',
  });
}

/** The cluster's `.Capabilities`, as helm install reads them from the server (pkg/action getCapabilities). */
export function capabilitiesOf(session: ClusterSession): RenderRequest['capabilities'] {
  const v = session.apis.version;
  return { kubeVersion: v.gitVersion, kubeMajor: v.major, kubeMinor: v.minor, apiVersions: session.apis.versionSet };
}

export async function renderFor(session: ClusterSession, options: FlowOptions, input: { chart: Uint8Array; values: Record<string, unknown>; release: string; namespace: string; revision: number; isUpgrade: boolean; carry?: RenderRequest['carry'] }): Promise<RenderedRelease> {
  return renderRelease(options.renderer, {
    chart: input.chart,
    values: asValues(input.values),
    release: { name: input.release, namespace: input.namespace, revision: input.revision, isInstall: !input.isUpgrade, isUpgrade: input.isUpgrade },
    capabilities: capabilitiesOf(session),
    ...(input.carry ? { carry: input.carry } : {}),
  });
}

export async function install(session: ClusterSession, input: InstallInput, options: FlowOptions): Promise<ReleaseOutcome> {
  validateReleaseName(input.release);
  const values = asValues(input.values);
  const history = await session.releases.history(input.release, input.namespace);
  if (history.length > 0) {
    const last = history[history.length - 1].release;
    // Helm's availableName: a name with any history, even uninstalled, is still in use.
    const why =
      last.info.status === 'uninstalled'
        ? `its history is kept (uninstalled with --keep-history); uninstall it without keeping history to reuse the name.`
        : `revision ${last.version} is ${last.info.status ?? 'unknown'}; upgrade it, or uninstall it first.`;
    throw new BerthFailure('conflict', `A release named “${input.release}” already exists in namespace ${input.namespace}: ${why}`, { release: input.release });
  }
  if (!input.dryRun && !input.skipCrds) session = await installCrds(session, await options.crds({ chart: input.chart, values }));
  const rendered = await renderFor(session, options, { chart: input.chart, values, release: input.release, namespace: input.namespace, revision: 1, isUpgrade: false });
  const resources = buildResources(rendered.manifests, session.apis, input.namespace);
  for (const r of resources) markOwnership(r.object, input.release, input.namespace);

  const report = await preflight(session, resources, { releaseName: input.release, releaseNamespace: input.namespace, createNamespace: input.createNamespace });
  if (!report.ok) throw preflightFailure(report);

  const now = helmTime();
  const rel: HelmRelease = {
    name: input.release,
    namespace: input.namespace,
    chart: rendered.chart,
    config: values,
    info: { first_deployed: now, last_deployed: now, status: 'pending-install', description: 'Initial install underway', notes: rendered.notes || undefined },
    manifest: rendered.manifest,
    hooks: rendered.hooks,
    version: 1,
    apply_method: 'ssa',
  };
  const labels = mergeCustomLabels({}, input.labels ?? {});
  checkCustomLabels(labels);
  if (input.dryRun) {
    rel.info.description = 'Dry run complete';
    return outcome({ release: rel, labels });
  }
  if (input.createNamespace && (await createNamespace(session, input.namespace))) {
    // Objects in the new namespace could not be dry-run before it existed: check them now,
    // still before anything of the release is applied.
    const again = await preflight(session, resources, { releaseName: input.release, releaseNamespace: input.namespace });
    if (!again.ok) throw preflightFailure(again);
  }
  await session.releases.create(rel, labels);

  const limit = timeoutMs(input.timeoutSeconds);
  try {
    await runHooks(session, rel.hooks, 'pre-install', input.namespace, limit);
    await updateResources(session, [], resources);
    let health;
    if (input.wait) {
      health = await waitOrFail(session, rel, input.timeoutSeconds, options);
      if (health.health === 'red') throw new BerthFailure(health.timedOut ? 'deploy.timeout' : 'deploy.failed', health.reason ?? 'The release did not become ready.');
    }
    await runHooks(session, rel.hooks, 'post-install', input.namespace, limit);
    rel.info.status = 'deployed';
    rel.info.description = input.description || 'Install complete';
    await session.releases.update(rel, labels);
    return outcome({ release: rel, labels }, health);
  } catch (e) {
    rel.info.status = 'failed';
    rel.info.description = `Release "${input.release}" failed: ${errorText(e)}`;
    await session.releases.update(rel, labels).catch(() => undefined);
    if (e instanceof BerthFailure) throw e;
    throw new BerthFailure('deploy.failed', `Installing ${input.release} failed: ${errorText(e)}`);
  }
}
