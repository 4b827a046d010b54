/**
 * Rollback, as `helm rollback` does it (pkg/action/rollback.go): a new revision that carries an
 * earlier revision's chart, values and manifest; every deployed revision becomes superseded.
 */
import { BerthFailure } from '../../shared/result';
import { refusal } from '../sentences';
import type { ReleaseOutcome } from '../../shared/types/deploy';
import type { ClusterSession } from './cluster';
import { releaseResources, updateResources } from './apply-release';
import { runHooks } from './hooks';
import { customLabelsOf, helmTime, type HelmRelease } from './release-record';
import { errorText, outcome, timeoutMs, waitOrFail, type FlowOptions } from './release-flow';

export interface RollbackInput {
  release: string;
  namespace: string;
  /** 0 or undefined: the revision before the latest. */
  revision?: number;
  wait?: boolean;
  timeoutSeconds?: number;
  noHooks?: boolean;
  /** Keep at most this many revisions (helm --history-max; 0 keeps all). */
  historyMax?: number;
}

export async function rollback(session: ClusterSession, input: RollbackInput, options: FlowOptions): Promise<ReleaseOutcome> {
  const history = await session.releases.history(input.release, input.namespace);
  if (history.length === 0) throw refusal('not-found', 'release.notFound', { release: input.release, namespace: input.namespace });
  const last = history[history.length - 1];
  const status = last.release.info.status ?? 'unknown';
  if (status.startsWith('pending-')) throw refusal('conflict', 'release.busy', { release: input.release, status });
  const to = input.revision || last.release.version - 1;
  const previous = history.find((r) => r.release.version === to);
  if (!previous) throw refusal('not-found', 'release.noRevision', { release: input.release, revision: to }, { revision: to });

  const rel: HelmRelease = {
    name: input.release,
    namespace: input.namespace,
    chart: previous.release.chart,
    config: previous.release.config,
    info: {
      first_deployed: last.release.info.first_deployed,
      last_deployed: helmTime(),
      status: 'pending-rollback',
      notes: previous.release.info.notes,
      description: `Rollback to ${to}`,
    },
    manifest: previous.release.manifest,
    hooks: previous.release.hooks,
    version: last.release.version + 1,
    apply_method: 'ssa',
  };
  const current = releaseResources(session, last.release.manifest ?? '', input.release, input.namespace);
  const target = releaseResources(session, rel.manifest ?? '', input.release, input.namespace);
  const unserved = target.find((r) => !r.info);
  if (unserved) {
    throw new BerthFailure(
      'deploy.failed',
      `Revision ${to} uses ${unserved.object.apiVersion} ${unserved.object.kind}, which this cluster does not serve, so it cannot be rolled back to.`,
    );
  }
  // Helm reads the target revision with Get, which hands on only its custom labels.
  const labels = customLabelsOf(previous.labels);
  await session.releases.create(rel, labels, input.historyMax);
  const deletion = { namespace: input.namespace, timeoutMs: timeoutMs(input.timeoutSeconds), waitForDelete: !!input.wait };
  const hooks = input.noHooks ? [] : rel.hooks;
  try {
    await runHooks(session, hooks, 'pre-rollback', deletion);
    await updateResources(session, current, target);
    const health = input.wait ? await waitOrFail(session, rel, input.timeoutSeconds, options) : undefined;
    await runHooks(session, hooks, 'post-rollback', deletion);
    for (const r of history) {
      if (r.release.info.status !== 'deployed') continue;
      r.release.info.status = 'superseded';
      await session.releases.update(r.release, r.labels);
    }
    rel.info.status = 'deployed';
    await session.releases.update(rel, labels);
    return outcome({ release: rel, labels }, health);
  } catch (e) {
    rel.info.status = 'failed';
    rel.info.description = `Release "${input.release}" failed: ${errorText(e)}`;
    await session.releases.update(rel, labels).catch(() => undefined);
    if (e instanceof BerthFailure) throw e;
    throw refusal('deploy.failed', 'release.rollbackFailed', { release: input.release, reason: errorText(e) });
  }
}
