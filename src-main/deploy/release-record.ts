/**
 * Helm's release record, byte-compatible with helm v4's Secret storage driver
 * (pkg/storage/driver/secrets.go, util.go): the release as JSON, gzipped, base64-encoded,
 * stored under key "release" of Secret sh.helm.release.v1.<name>.v<revision> of type
 * helm.sh/release.v1, labelled name/owner=helm/status/version. So `helm list`, `helm history`,
 * `helm upgrade` and `helm rollback` work on releases Berth made, and the other way round.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { goJson, inOrder, RawJson, sortedKeys } from './go-json';
import { goNow } from './go-time';
import { METADATA_FIELDS, type HelmChart, type Values } from './helm-chart';
import type { HelmHook } from './manifests';

export type ReleaseStatus =
  'unknown' | 'deployed' | 'uninstalled' | 'superseded' | 'failed' | 'uninstalling' | 'pending-install' | 'pending-upgrade' | 'pending-rollback';

export interface ReleaseInfo {
  first_deployed?: string;
  last_deployed?: string;
  deleted?: string;
  description?: string;
  status?: ReleaseStatus;
  notes?: string;
}

/** helm.sh/helm/v4/pkg/release/v1.Release, as JSON. */
export interface HelmRelease {
  name: string;
  info: ReleaseInfo;
  chart: HelmChart | null;
  config?: Values;
  /**
   * Not helm's field: `config` as the exact JSON text the engine produced (Go's json.Marshal, so
   * an int64 from --set keeps every digit); written into the record in place of `config`.
   */
  configJson?: string;
  manifest?: string;
  hooks?: HelmHook[];
  version: number;
  namespace: string;
  /** "ssa" or "csa"; absent on releases made before Helm 4. */
  apply_method?: 'ssa' | 'csa';
}

export const RELEASE_SECRET_TYPE = 'helm.sh/release.v1';
const GZIP_MAGIC = [0x1f, 0x8b, 0x08];
/** Labels Helm owns on the storage object; everything else on it is a user's custom label. */
export const SYSTEM_LABELS = ['name', 'owner', 'status', 'version', 'createdAt', 'modifiedAt'];

export function releaseSecretName(name: string, revision: number): string {
  return `sh.helm.release.v1.${name}.v${revision}`;
}

// Go's struct field order (helm v4 pkg/release/v1, pkg/chart/v2, pkg/chart/common); maps are sorted.
const INFO_FIELDS = ['first_deployed', 'last_deployed', 'deleted', 'description', 'status', 'notes', 'resources'];
const CHART_FIELDS = ['metadata', 'lock', 'templates', 'values', 'schema', 'schemamodtime', 'files', 'modtime'];
const DEPENDENCY_FIELDS = ['name', 'version', 'repository', 'condition', 'tags', 'enabled', 'import-values', 'alias'];
const HOOK_FIELDS = ['name', 'kind', 'path', 'manifest', 'events', 'last_run', 'weight', 'delete_policies', 'output_log_policies'];

type Obj = Record<string, unknown>;
const asObj = (x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : undefined);

function goChart(chart: HelmChart): Obj | null | undefined {
  const md = asObj(chart.metadata);
  const metadata = md && inOrder(md, METADATA_FIELDS, ['annotations']);
  if (metadata && Array.isArray(md?.dependencies)) {
    metadata.dependencies = (md.dependencies as unknown[]).map((d) => inOrder(asObj(d), DEPENDENCY_FIELDS) ?? d);
  }
  if (metadata && Array.isArray(md?.maintainers))
    metadata.maintainers = (md.maintainers as unknown[]).map((m) => inOrder(asObj(m), ['name', 'email', 'url']) ?? m);
  const lock = asObj(chart.lock);
  const out = inOrder(chart as unknown as Obj, CHART_FIELDS, ['values']);
  if (out) {
    out.metadata = metadata ?? chart.metadata;
    if (lock)
      out.lock = inOrder(
        {
          ...lock,
          dependencies: Array.isArray(lock.dependencies) ? lock.dependencies.map((d) => inOrder(asObj(d), DEPENDENCY_FIELDS) ?? d) : lock.dependencies,
        },
        ['generated', 'digest', 'dependencies'],
      );
  }
  return out;
}

/**
 * The release as Go's encoding/json writes helm's Release struct: fields in struct order,
 * omitempty ones left out when empty, map keys (values, annotations) sorted.
 */
export function goRelease(rel: HelmRelease, options: { withChart?: boolean } = {}): Obj {
  const info: Obj = {};
  for (const k of INFO_FIELDS) {
    const v = (rel.info as Obj)[k];
    if (v) info[k] = v;
  }
  const out: Obj = { name: rel.name, info };
  if (rel.chart && options.withChart !== false) out.chart = goChart(rel.chart);
  if (rel.configJson !== undefined) {
    if (rel.configJson !== '{}' && rel.configJson !== 'null') out.config = new RawJson(rel.configJson);
  } else if (rel.config && Object.keys(rel.config).length) out.config = sortedKeys(rel.config);
  if (rel.manifest) out.manifest = rel.manifest;
  if (rel.hooks && rel.hooks.length)
    out.hooks = rel.hooks.map((h) =>
      inOrder(
        { ...h, ...(h.last_run ? { last_run: inOrder(h.last_run as unknown as Obj, ['started_at', 'completed_at', 'phase']) } : {}) } as unknown as Obj,
        HOOK_FIELDS,
      ),
    );
  if (rel.version) out.version = rel.version;
  if (rel.namespace) out.namespace = rel.namespace;
  if (rel.apply_method) out.apply_method = rel.apply_method;
  return out;
}

/** JSON → gzip (best compression) → base64: the value Helm stores under "release". */
export function encodeRelease(rel: HelmRelease): string {
  const json = Buffer.from(goJson(goRelease(rel)), 'utf8');
  return gzipSync(json, { level: 9 }).toString('base64');
}

export function decodeRelease(encoded: string): HelmRelease {
  let bytes = Buffer.from(encoded, 'base64');
  // Releases stored before Helm compressed them are plain JSON (Helm checks the magic too).
  if (bytes.length > 3 && GZIP_MAGIC.every((b, i) => bytes[i] === b)) bytes = gunzipSync(bytes);
  const rel = JSON.parse(bytes.toString('utf8')) as HelmRelease;
  rel.info ??= {};
  rel.config ??= {};
  rel.namespace ??= '';
  rel.version ??= 0;
  return rel;
}

export interface SecretObject {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: { name: string; namespace: string; labels: Record<string, string>; resourceVersion?: string };
  type: string;
  data: { release: string };
}

/**
 * The storage Secret for a release, labelled as Helm's Secrets driver labels it: the labels the
 * release carries (custom ones, and — for a release read back with List/Query — Helm's own from
 * its storage object, so an earlier createdAt or modifiedAt stays), then `stamp` ("createdAt" on
 * Create, "modifiedAt" on Update, unix seconds), then name/owner/status/version.
 */
export function releaseSecret(rel: HelmRelease, stamp: 'createdAt' | 'modifiedAt', carried: Record<string, string> = {}, now = new Date()): SecretObject {
  const labels: Record<string, string> = { ...carried };
  labels[stamp] = String(Math.floor(now.getTime() / 1000));
  labels.name = rel.name;
  labels.owner = 'helm';
  labels.status = rel.info.status ?? 'unknown';
  labels.version = String(rel.version);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: releaseSecretName(rel.name, rel.version), namespace: rel.namespace, labels },
    type: RELEASE_SECRET_TYPE,
    // The Secret's own base64 wraps Helm's base64 text.
    data: { release: Buffer.from(encodeRelease(rel), 'utf8').toString('base64') },
  };
}

/** Helm's filterSystemLabels: what a user set on the release, without Helm's own labels. */
export function customLabelsOf(labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (!SYSTEM_LABELS.includes(k)) out[k] = v;
  return out;
}

/** Reads the release out of a storage Secret as the API returns it. */
export function releaseFromSecret(secret: { data?: Record<string, string> }): HelmRelease {
  const outer = secret.data?.release;
  if (!outer) throw new Error('the Secret holds no release');
  return decodeRelease(Buffer.from(outer, 'base64').toString('utf8'));
}

/** Now, as Helm stamps a release (Go's time.Now() in JSON: local zone, nanoseconds). */
export function helmTime(): string {
  return goNow();
}
