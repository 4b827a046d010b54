/**
 * Pre-flight: before anything changes, every object of the release is checked against the real
 * cluster — is its API served (or removed, and since when), does its namespace exist, does it
 * belong to another owner, and does a server-side dry run (validation and admission) accept it.
 * Each problem is one plain sentence naming the resource and the reason.
 */
import type { Sentence } from '../../shared/result';
import type { PreflightProblem, PreflightReport } from '../../shared/types/deploy';
import { splitApiVersion } from './discovery';
import { KubeApiError } from './kube-client';
import type { ClusterSession } from './cluster';
import { namespaceExists } from './cluster';
import { apiStatusIn, findApiChange } from '../chart/kube-apis';
import { applyResource, describe, getResource, ownershipProblem, type ReleaseResource } from './resources';

export interface PreflightOptions {
  releaseName: string;
  releaseNamespace: string;
  /** The namespace will be created by the install (--create-namespace). */
  createNamespace?: boolean;
  /** Keys (resourceKey) of objects the release already owns: no ownership check for them. */
  owned?: Set<string>;
  ownedKey?: (r: ReleaseResource) => string;
  /** helm --take-ownership: objects of other owners are adopted, not refused. */
  takeOwnership?: boolean;
  /** A namespace this install created a moment ago: nothing in it can belong to anyone yet. */
  newNamespace?: string;
}

function apiProblem(session: ClusterSession, r: ReleaseResource): PreflightProblem {
  const { apiVersion, kind } = r.object;
  const resource = describe(r.object);
  const version = session.apis.version.gitVersion;
  const removed = findApiChange(apiVersion, kind);
  if (removed?.removedIn && apiStatusIn(removed, version) === 'removed') {
    const instead = removed.replacement
      ? ` Use ${removed.replacement} instead; the chart toolkit's API-migration quick fix rewrites it.`
      : ` ${kind} no longer exists in Kubernetes; the chart must stop using it.`;
    const values = {
      resource,
      api: apiVersion,
      removedIn: removed.removedIn,
      version,
      kind,
      ...(removed.replacement ? { replacement: removed.replacement } : {}),
    };
    const problem: PreflightProblem = {
      kind: 'removed-api',
      resource,
      source: r.source,
      message: `${resource} uses ${apiVersion}, which Kubernetes stopped serving in ${removed.removedIn}; this cluster runs ${version}.${instead}`,
      say: { key: removed.replacement ? 'preflight.removedApi' : 'preflight.removedKind', values },
    };
    if (removed.replacement) problem.fix = { kind: 'api-migration', from: apiVersion, to: removed.replacement, resourceKind: kind };
    return problem;
  }
  const { group } = splitApiVersion(apiVersion);
  const served = session.apis.byKind(kind).filter((i) => i.group === group);
  const servedAs = served.map((i) => (i.group ? `${i.group}/${i.version}` : i.version)).join(', ');
  const message = served.length
    ? `${resource} uses ${apiVersion}, which this cluster (${version}) does not serve; it serves ${kind} as ${servedAs}.`
    : `${resource} uses ${apiVersion} ${kind}, which this cluster (${version}) does not know; if it is a custom resource, install its CustomResourceDefinition first.`;
  const say: Sentence = served.length
    ? { key: 'preflight.notServed', values: { resource, api: apiVersion, version, kind, served: servedAs } }
    : { key: 'preflight.unknownKind', values: { resource, api: apiVersion, version, kind } };
  return { kind: 'unknown-api', resource, source: r.source, message, say };
}

function refusal(r: ReleaseResource, e: KubeApiError): PreflightProblem {
  const resource = describe(r.object);
  const causes = (e.details?.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)).filter(Boolean);
  const detail = causes.length && !e.message.includes(causes[0] ?? '') ? ` (${causes.join('; ')})` : '';
  // the reason is Kubernetes' own words, passed on as they came
  if (e.status === 403) {
    const message = `You may not create ${resource} with this context: ${e.message}`;
    return { kind: 'forbidden', resource, source: r.source, message, say: { key: 'preflight.forbidden', values: { resource, reason: e.message } } };
  }
  const message = `Kubernetes refused ${resource}: ${e.message}${detail}`;
  return { kind: 'refused', resource, source: r.source, message, say: { key: 'preflight.refused', values: { resource, reason: `${e.message}${detail}` } } };
}

/** Objects checked at once: the kube client keeps up to 8 connections. */
const PARALLEL = 8;

export async function preflight(session: ClusterSession, resources: ReleaseResource[], options: PreflightOptions): Promise<PreflightReport> {
  const problems: PreflightProblem[] = [];
  const namespaces = new Map<string, boolean>();
  const createdByRelease = new Set(resources.filter((r) => r.object.kind === 'Namespace' && r.object.apiVersion === 'v1').map((r) => r.object.metadata.name));
  const nsOk = async (ns: string): Promise<boolean> => {
    if (!namespaces.has(ns)) namespaces.set(ns, await namespaceExists(session, ns));
    return namespaces.get(ns)! || createdByRelease.has(ns) || (options.createNamespace === true && ns === options.releaseNamespace);
  };

  if (!(await nsOk(options.releaseNamespace))) {
    problems.push({
      kind: 'missing-namespace',
      resource: `Namespace ${options.releaseNamespace}`,
      message: `Namespace ${options.releaseNamespace} does not exist on the cluster; create it (or ask Berth to create it) or pick another namespace.`,
      say: { key: 'preflight.missingNamespace', values: { namespace: options.releaseNamespace } },
    });
  }
  // every namespace the objects name, read once up front, so the objects can be checked side by side
  const named = resources.map((r) => (r.info?.namespaced ? r.object.metadata.namespace : undefined)).filter((ns): ns is string => !!ns && !namespaces.has(ns));
  await Promise.all([...new Set(named)].map((ns) => nsOk(ns)));
  const check = async (r: ReleaseResource): Promise<{ problem?: PreflightProblem; checked?: boolean }> => {
    if (!r.info) return { problem: apiProblem(session, r) };
    const ns = r.info.namespaced ? r.object.metadata.namespace : undefined;
    if (ns && ns !== options.releaseNamespace && !(await nsOk(ns))) {
      return {
        problem: {
          kind: 'missing-namespace',
          resource: describe(r.object),
          source: r.source,
          message: `${describe(r.object)} goes into namespace ${ns}, which does not exist on the cluster (the chart sets that namespace; check its values).`,
          say: { key: 'preflight.objectNamespaceMissing', values: { resource: describe(r.object), namespace: ns } },
        },
      };
    }
    if (ns && !(await nsOk(ns))) return {}; // reported once above
    // no object can exist yet in a namespace that does not exist or that the install just made
    const nothingThere = !!ns && (!namespaces.get(ns) || ns === options.newNamespace);
    if (r.object.metadata.name && !nothingThere && !options.takeOwnership && !options.owned?.has(options.ownedKey?.(r) ?? '')) {
      const existing = await getResource(session.client, r).catch(() => undefined);
      const why = existing && ownershipProblem(existing, options.releaseName, options.releaseNamespace);
      if (why) {
        return {
          problem: {
            kind: 'ownership',
            resource: describe(r.object),
            source: r.source,
            message: `${describe(r.object)} already exists and is not part of release ${options.releaseName}: ${why}. Delete it or choose another release name.`,
            say: { key: 'preflight.ownership', values: { resource: describe(r.object), release: options.releaseName, why } },
          },
        };
      }
    }
    // A namespace that does not exist yet (the chart or --create-namespace makes it) admits no
    // dry run; install checks those objects again once it has created the namespace.
    if (ns && (createdByRelease.has(ns) || !namespaces.get(ns))) return {};
    try {
      await applyResource(session.client, r, { dryRun: true });
      return { checked: true };
    } catch (e) {
      if (e instanceof KubeApiError) return { problem: refusal(r, e) };
      throw e;
    }
  };
  // up to PARALLEL objects at a time (the client's connection pool), problems in the chart's order
  const results: { problem?: PreflightProblem; checked?: boolean }[] = new Array(resources.length);
  let next = 0;
  const worker = async () => {
    while (next < resources.length) {
      const i = next++;
      results[i] = await check(resources[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, resources.length) }, worker));
  let checked = 0;
  for (const r of results) {
    if (r.problem) problems.push(r.problem);
    if (r.checked) checked++;
  }
  return { ok: problems.length === 0, serverVersion: session.apis.version.gitVersion, checked, problems };
}

/** One paragraph for an error message: the first problems, plainly. */
export function summarizeProblems(problems: PreflightProblem[], limit = 3): string {
  const shown = problems.slice(0, limit).map((p) => p.message);
  const more = problems.length > limit ? ` (and ${problems.length - limit} more)` : '';
  return `${shown.join(' ')}${more}`;
}
