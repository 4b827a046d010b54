/**
 * Which rendered objects use Kubernetes API versions that the chosen Kubernetes versions no
 * longer serve (an error there) or that are deprecated and will be removed (a warning).
 * The table is the chart toolkit's, from Kubernetes' deprecated API migration guide.
 */
import { isMap, isScalar, parseAllDocuments } from 'yaml';
import type { ReportFinding } from '../../shared/types/review-tools';
import { apiStatusIn, findApiChange } from '../chart/kube-apis';

export function minorOf(kubeVersion: string): number | undefined {
  const m = /^v?1\.(\d+)/.exec(kubeVersion.trim());
  return m ? Number(m[1]) : undefined;
}

interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  source: string;
  line: number;
}

function objectsIn(manifests: Record<string, string>): ObjectRef[] {
  const out: ObjectRef[] = [];
  for (const [source, text] of Object.entries(manifests)) {
    for (const doc of parseAllDocuments(text, { version: '1.1' })) {
      if ('errors' in doc && doc.errors.length > 0) continue;
      const o = doc.toJS({ maxAliasCount: 100 }) as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } } | null;
      if (!o || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') continue;
      // the line of `apiVersion:` itself, which is what the reader needs to change
      const pair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'apiVersion') : undefined;
      const start = (isScalar(pair?.key) ? pair.key.range?.[0] : undefined) ?? doc.contents?.range?.[0] ?? 0;
      out.push({
        apiVersion: o.apiVersion,
        kind: o.kind,
        name: typeof o.metadata?.name === 'string' ? o.metadata.name : '',
        source,
        line: text.slice(0, start).split('\n').length,
      });
    }
  }
  return out;
}

function finding(o: ObjectRef, versions: string[]): ReportFinding | undefined {
  const change = findApiChange(o.apiVersion, o.kind);
  if (!change) return undefined;
  const gone = versions.filter((v) => apiStatusIn(change, v) === 'removed');
  const deprecated = versions.filter((v) => apiStatusIn(change, v) === 'deprecated');
  const instead = change.replacement ? ` Use ${change.replacement} instead.` : ' The kind itself is gone.';
  const what = `${o.kind} ${o.name || '(unnamed)'} uses ${o.apiVersion}`;
  // the key's `Gone` suffix: no replacement kind exists
  const gone_ = change.replacement ? '' : 'Gone';
  const values = {
    kind: o.kind,
    name: o.name || '(unnamed)',
    api: o.apiVersion,
    removedIn: change.removedIn ?? '',
    deprecatedIn: change.deprecatedIn ?? '',
    replacement: change.replacement ?? '',
  };
  if (gone.length > 0) {
    const message = `${what}, which Kubernetes ${gone.join(', ')} no longer serves (removed in ${change.removedIn}).${instead}`;
    return {
      severity: 'error',
      rule: 'api.removed',
      file: o.source,
      line: o.line,
      message,
      say: { key: `report.apiRemoved${gone_}`, values: { ...values, gone: gone.join(', ') } },
    };
  }
  if (deprecated.length > 0 || change.removedIn) {
    const when = change.removedIn ? `removed in Kubernetes ${change.removedIn}` : `deprecated since Kubernetes ${change.deprecatedIn}`;
    const key = `report.${change.removedIn ? 'apiDeprecatedRemovedIn' : 'apiDeprecatedSince'}${gone_}`;
    return {
      severity: 'warning',
      rule: 'api.deprecated',
      file: o.source,
      line: o.line,
      message: `${what}, which is deprecated and ${when}.${instead}`,
      say: { key, values },
    };
  }
  return undefined;
}

/**
 * `byVersion`: the manifests rendered for each chosen Kubernetes version (templates may pick
 * API versions from the cluster's capabilities). One finding per object, naming every chosen
 * version that no longer serves its API.
 */
export function scanApis(byVersion: ReadonlyMap<string, Record<string, string>>): ReportFinding[] {
  const objects = new Map<string, { ref: ObjectRef; versions: string[] }>();
  for (const [kv, manifests] of byVersion) {
    for (const ref of objectsIn(manifests)) {
      const key = `${ref.source}|${ref.line}|${ref.apiVersion}|${ref.kind}|${ref.name}`;
      const entry = objects.get(key) ?? { ref, versions: [] };
      entry.versions.push(kv);
      objects.set(key, entry);
    }
  }
  return [...objects.values()].map((o) => finding(o.ref, o.versions)).filter((f): f is ReportFinding => f !== undefined);
}
