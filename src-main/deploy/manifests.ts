/**
 * Helm's manifest sorting (pkg/release/v1/util: SplitManifests, SortManifests, InstallOrder),
 * so that Berth stores the same release manifest Helm would and applies it in the same order.
 */
import { parse } from 'yaml';
import { BerthFailure } from '../../shared/result';

export const INSTALL_ORDER = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy',
  'PodDisruptionBudget', 'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass',
  'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole',
  'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList',
  'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController',
  'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob',
  'IngressClass', 'Ingress', 'APIService', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
] as const;

export const UNINSTALL_ORDER = [
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'Ingress',
  'IngressClass', 'Service', 'CronJob', 'Job', 'StatefulSet', 'HorizontalPodAutoscaler', 'Deployment',
  'ReplicaSet', 'ReplicationController', 'Pod', 'DaemonSet', 'RoleBindingList', 'RoleBinding',
  'RoleList', 'Role', 'ClusterRoleBindingList', 'ClusterRoleBinding', 'ClusterRoleList',
  'ClusterRole', 'CustomResourceDefinition', 'PersistentVolumeClaim', 'PersistentVolume',
  'StorageClass', 'ConfigMap', 'SecretList', 'Secret', 'ServiceAccount', 'PodDisruptionBudget',
  'PodSecurityPolicy', 'LimitRange', 'ResourceQuota', 'NetworkPolicy', 'Namespace', 'PriorityClass',
] as const;

export type HookEvent =
  | 'pre-install' | 'post-install' | 'pre-delete' | 'post-delete' | 'pre-upgrade' | 'post-upgrade'
  | 'pre-rollback' | 'post-rollback' | 'test';

const HOOK_EVENTS: Record<string, HookEvent> = {
  'pre-install': 'pre-install', 'post-install': 'post-install', 'pre-delete': 'pre-delete',
  'post-delete': 'post-delete', 'pre-upgrade': 'pre-upgrade', 'post-upgrade': 'post-upgrade',
  'pre-rollback': 'pre-rollback', 'post-rollback': 'post-rollback', test: 'test', 'test-success': 'test',
};

export interface ManifestHead {
  apiVersion: string;
  kind: string;
  name: string;
  annotations: Record<string, string>;
}

export interface Manifest {
  /** The template it came from, e.g. "emqx/templates/service.yaml". */
  source: string;
  content: string;
  head: ManifestHead;
}

/** A hook as Helm stores it in the release record (JSON field names are Helm's). */
export interface HelmHook {
  name: string;
  kind: string;
  path: string;
  manifest: string;
  events: HookEvent[];
  last_run: { started_at?: string; completed_at?: string; phase: string };
  weight?: number;
  delete_policies?: string[];
  output_log_policies?: string[];
}

const SEPARATOR = /(?:^|\s*\n)---\s*/;

/** Helm's SplitManifests: documents of one rendered file, trimmed, empties dropped. */
export function splitManifests(text: string): string[] {
  return text
    .trim()
    .split(SEPARATOR)
    .filter((d) => d !== '')
    .map((d) => d.trim());
}

function readHead(doc: string, source: string): ManifestHead {
  let parsed: unknown;
  try {
    parsed = parse(doc);
  } catch (e) {
    throw new BerthFailure('chart.render-failed', `YAML parse error on ${source}: ${(e as Error).message}`, { file: source });
  }
  const o = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const md = (typeof o.metadata === 'object' && o.metadata !== null ? o.metadata : {}) as Record<string, unknown>;
  const annotations: Record<string, string> = {};
  if (typeof md.annotations === 'object' && md.annotations !== null) {
    for (const [k, v] of Object.entries(md.annotations as Record<string, unknown>)) annotations[k] = String(v);
  }
  return {
    apiVersion: typeof o.apiVersion === 'string' ? o.apiVersion : '',
    kind: typeof o.kind === 'string' ? o.kind : '',
    name: typeof md.name === 'string' ? md.name : '',
    annotations,
  };
}

function kindRank(order: readonly string[]): (a: string, b: string) => number {
  const rank = new Map(order.map((k, i) => [k, i]));
  // Helm's lessByKind: known kinds in list order, then unknown kinds alphabetically.
  return (a, b) => {
    const ra = rank.get(a);
    const rb = rank.get(b);
    if (ra === undefined && rb === undefined) return a < b ? -1 : a > b ? 1 : 0;
    if (ra === undefined) return 1;
    if (rb === undefined) return -1;
    return ra - rb;
  };
}

/** Sorts by kind, keeping the original order among equals (Go's sort.SliceStable). */
export function sortByKind<T>(items: T[], kindOf: (t: T) => string, order: readonly string[]): T[] {
  const cmp = kindRank(order);
  return items.map((item, i) => ({ item, i })).sort((a, b) => cmp(kindOf(a.item), kindOf(b.item)) || a.i - b.i).map((x) => x.item);
}

export interface SortedManifests {
  hooks: HelmHook[];
  manifests: Manifest[];
}

/** Helm's SortManifests over the engine's output (template path → rendered text). */
export function sortManifests(files: Record<string, string>, order: readonly string[] = INSTALL_ORDER): SortedManifests {
  const hooks: HelmHook[] = [];
  const manifests: Manifest[] = [];
  for (const path of Object.keys(files).sort()) {
    const content = files[path];
    if (path.split('/').pop()!.startsWith('_')) continue;
    if (content.trim() === '') continue;
    for (const doc of splitManifests(content)) {
      const head = readHead(doc, path);
      const hookTypes = head.annotations['helm.sh/hook'];
      if (hookTypes === undefined) {
        manifests.push({ source: path, content: doc, head });
        continue;
      }
      const events: HookEvent[] = [];
      let unknown = false;
      for (const t of hookTypes.split(',')) {
        const e = HOOK_EVENTS[t.trim().toLowerCase()];
        if (!e) unknown = true;
        else events.push(e);
      }
      if (unknown) continue; // Helm skips hooks with an unknown event
      const rawWeight = head.annotations['helm.sh/hook-weight'] ?? '';
      const weight = /^[+-]?\d+$/.test(rawWeight) ? Number.parseInt(rawWeight, 10) : 0; // Go's strconv.Atoi
      const list = (a: string | undefined) => (a === undefined ? [] : a.split(',').map((s) => s.trim().toLowerCase()));
      const hook: HelmHook = { name: head.name, kind: head.kind, path, manifest: doc, events, last_run: { phase: '' } };
      if (weight !== 0) hook.weight = weight;
      const dp = list(head.annotations['helm.sh/hook-delete-policy']);
      if (dp.length) hook.delete_policies = dp;
      const op = list(head.annotations['helm.sh/hook-output-log-policy']);
      if (op.length) hook.output_log_policies = op;
      hooks.push(hook);
    }
  }
  return {
    hooks: sortByKind(hooks, (h) => h.kind, order),
    manifests: sortByKind(manifests, (m) => m.head.kind, order),
  };
}

/** The release manifest text exactly as Helm writes it: "---\n# Source: path\n<doc>\n" per document. */
export function joinManifests(manifests: Manifest[]): string {
  return manifests.map((m) => `---\n# Source: ${m.source}\n${m.content}\n`).join('');
}

/**
 * Splits a stored release manifest back into documents. Helm stores "# Source:" comments; the
 * documents themselves are what gets applied.
 */
export function manifestsOf(releaseManifest: string): Manifest[] {
  const out: Manifest[] = [];
  for (const doc of splitManifests(releaseManifest)) {
    const m = /^# Source: (.*)\n?/.exec(doc);
    const source = m ? m[1] : '';
    const content = m ? doc.slice(m[0].length) : doc;
    out.push({ source, content, head: readHead(content, source || 'the release manifest') });
  }
  return out;
}
