/**
 * Install, as `helm install` does it (pkg/action/install.go): render, pre-flight against the
 * cluster, record the release as pending-install, run pre-install hooks, apply in install order
 * with server-side apply, optionally wait, run post-install hooks, record it deployed.
 */
import { BerthFailure } from '../../shared/result';
import { refusal, sentence } from '../sentences';
import type { ValueSources } from '../../shared/types/chart';
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
import { uninstall } from './uninstall';

export interface InstallInput {
  release: string;
  namespace: string;
  chart: Uint8Array;
  values?: Record<string, unknown>;
  /** helm's -f files and --set* flags, parsed and merged over `values` by Helm's own code in the engine. */
  valueSources?: ValueSources;
  createNamespace?: boolean;
  wait?: boolean;
  timeoutSeconds?: number;
  description?: string;
  dryRun?: boolean;
  labels?: Record<string, string>;
  skipCrds?: boolean;
  noHooks?: boolean;
  takeOwnership?: boolean;
  rollbackOnFailure?: boolean;
  historyMax?: number;
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

export async function renderFor(
  session: ClusterSession,
  options: FlowOptions,
  input: {
    chart: Uint8Array;
    values: Record<string, unknown>;
    valueSources?: ValueSources;
    release: string;
    namespace: string;
    revision: number;
    isUpgrade: boolean;
    carry?: RenderRequest['carry'];
  },
): Promise<RenderedRelease> {
  return renderRelease(options.renderer, {
    chart: input.chart,
    values: asValues(input.values),
    ...(hasValueSources(input.valueSources) ? { valueSources: input.valueSources } : {}),
    release: { name: input.release, namespace: input.namespace, revision: input.revision, isInstall: !input.isUpgrade, isUpgrade: input.isUpgrade },
    capabilities: capabilitiesOf(session),
    ...(input.carry ? { carry: input.carry } : {}),
  });
}

/** Whether any -f file or --set* flag was given. */
export function hasValueSources(sources: ValueSources | undefined): sources is ValueSources {
  return sources !== undefined && Object.values(sources).some((list) => Array.isArray(list) && list.length > 0);
}

export async function install(session: ClusterSession, input: InstallInput, options: FlowOptions): Promise<ReleaseOutcome> {
  validateReleaseName(input.release);
  const values = asValues(input.values);
  const history = await session.releases.history(input.release, input.namespace);
  if (history.length > 0) {
    const last = history[history.length - 1].release;
    // Helm's availableName: a name with any history, even uninstalled, is still in use.
    const cause =
      last.info.status === 'uninstalled'
        ? sentence('release.cause.keptHistory')
        : sentence('release.cause.revisionIs', { revision: last.version, status: last.info.status ?? 'unknown' });
    throw refusal('conflict', 'release.exists', { release: input.release, namespace: input.namespace, cause }, { release: input.release });
  }
  const valueSources = hasValueSources(input.valueSources) ? { valueSources: input.valueSources } : {};
  if (!input.dryRun && !input.skipCrds) session = await installCrds(session, await options.crds({ chart: input.chart, values, ...valueSources }));
  const rendered = await renderFor(session, options, {
    chart: input.chart,
    values,
    ...valueSources,
    release: input.release,
    namespace: input.namespace,
    revision: 1,
    isUpgrade: false,
  });
  const resources = buildResources(rendered.manifests, session.apis, input.namespace);
  for (const r of resources) markOwnership(r.object, input.release, input.namespace);

  const report = await preflight(session, resources, {
    releaseName: input.release,
    releaseNamespace: input.namespace,
    createNamespace: input.createNamespace,
    takeOwnership: input.takeOwnership,
  });
  if (!report.ok) throw preflightFailure(report);

  const now = helmTime();
  const rel: HelmRelease = {
    name: input.release,
    namespace: input.namespace,
    chart: rendered.chart,
    config: rendered.values,
    ...(rendered.configJson !== undefined ? { configJson: rendered.configJson } : {}),
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
    const again = await preflight(session, resources, {
      releaseName: input.release,
      releaseNamespace: input.namespace,
      takeOwnership: input.takeOwnership,
      newNamespace: input.namespace,
    });
    if (!again.ok) throw preflightFailure(again);
  }
  await session.releases.create(rel, labels);

  const deletion = { namespace: input.namespace, timeoutMs: timeoutMs(input.timeoutSeconds), waitForDelete: !!input.wait };
  const hooks = input.noHooks ? [] : rel.hooks;
  // Ctrl-C while the install runs: helm records the release failed before it exits, so the name is not left pending.
  const interrupted = onInterrupt(() => failRecord(session, rel, labels, `Release "${input.release}" failed: context canceled`));
  try {
    await runHooks(session, hooks, 'pre-install', deletion);
    await updateResources(session, [], resources, { force: input.takeOwnership });
    const health = input.wait ? await waitOrFail(session, rel, input.timeoutSeconds, options, resources) : undefined;
    await runHooks(session, hooks, 'post-install', deletion);
    rel.info.status = 'deployed';
    rel.info.description = input.description || 'Install complete';
    await session.releases.update(rel, labels);
    return outcome({ release: rel, labels }, health);
  } catch (e) {
    await failRecord(session, rel, labels, `Release "${input.release}" failed: ${errorText(e)}`);
    if (input.rollbackOnFailure) {
      // helm install --rollback-on-failure: the failed release is uninstalled, and the error says so
      await uninstall(session, { release: input.release, namespace: input.namespace }).catch(() => undefined);
      throw new BerthFailure(
        e instanceof BerthFailure ? e.code : 'deploy.failed',
        `release ${input.release} failed, and has been uninstalled due to rollback-on-failure being set: ${errorText(e)}`,
      );
    }
    if (e instanceof BerthFailure) throw e;
    throw refusal('deploy.failed', 'release.installFailed', { release: input.release, reason: errorText(e) });
  } finally {
    interrupted.dispose();
  }
}

/** Records a release as failed with helm's description (best effort: the failure itself is what matters). */
export async function failRecord(session: ClusterSession, rel: HelmRelease, labels: Record<string, string>, description: string): Promise<void> {
  rel.info.status = 'failed';
  rel.info.description = description;
  await session.releases.update(rel, labels).catch(() => undefined);
}

/**
 * Runs `record` on SIGINT or SIGTERM while an operation is under way, then exits 130 as an
 * interrupted helm does; without this, Node would exit at once and leave the record pending.
 */
export function onInterrupt(record: () => Promise<void>): { dispose(): void } {
  const handler = (signal: NodeJS.Signals) => {
    process.stderr.write(`Error: release failed: ${signal === 'SIGINT' ? 'context canceled' : 'terminated'}\n`);
    void record().finally(() => process.exit(130));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return {
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
