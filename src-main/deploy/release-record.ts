/**
 * Helm's release record, byte-compatible with helm v4's Secret storage driver
 * (pkg/storage/driver/secrets.go, util.go): the release as JSON, gzipped, base64-encoded,
 * stored under key "release" of Secret sh.helm.release.v1.<name>.v<revision> of type
 * helm.sh/release.v1, labelled name/owner=helm/status/version. So `helm list`, `helm history`,
 * `helm upgrade` and `helm rollback` work on releases Berth made, and the other way round.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { HelmChart, Values } from './helm-chart';
import type { HelmHook } from './manifests';

export type ReleaseStatus =
  | 'unknown' | 'deployed' | 'uninstalled' | 'superseded' | 'failed' | 'uninstalling'
  | 'pending-install' | 'pending-upgrade' | 'pending-rollback';

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

/** Go's encoding/json field order, so the JSON is the one Helm would write. */
function ordered(rel: HelmRelease): Record<string, unknown> {
  const info: Record<string, unknown> = {};
  for (const k of ['first_deployed', 'last_deployed', 'deleted', 'description', 'status', 'notes'] as const) {
    if (rel.info[k]) info[k] = rel.info[k];
  }
  const out: Record<string, unknown> = { name: rel.name, info };
  if (rel.chart) out.chart = rel.chart;
  if (rel.config && Object.keys(rel.config).length) out.config = rel.config;
  if (rel.manifest) out.manifest = rel.manifest;
  if (rel.hooks && rel.hooks.length) out.hooks = rel.hooks;
  if (rel.version) out.version = rel.version;
  if (rel.namespace) out.namespace = rel.namespace;
  if (rel.apply_method) out.apply_method = rel.apply_method;
  return out;
}

/** JSON → gzip (best compression) → base64: the value Helm stores under "release". */
export function encodeRelease(rel: HelmRelease): string {
  const json = Buffer.from(JSON.stringify(ordered(rel)), 'utf8');
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
 * The storage Secret for a release. `stamp` is "createdAt" for a new record and "modifiedAt"
 * for an update, as Helm's Create and Update set them (unix seconds).
 */
export function releaseSecret(rel: HelmRelease, stamp: 'createdAt' | 'modifiedAt', customLabels: Record<string, string> = {}, now = new Date()): SecretObject {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(customLabels)) if (!SYSTEM_LABELS.includes(k)) labels[k] = v;
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

/** Reads the release out of a storage Secret as the API returns it. */
export function releaseFromSecret(secret: { data?: Record<string, string> }): HelmRelease {
  const outer = secret.data?.release;
  if (!outer) throw new Error('the Secret holds no release');
  return decodeRelease(Buffer.from(outer, 'base64').toString('utf8'));
}

/** Go's time.Time JSON form (RFC 3339 with fractional seconds). */
export function helmTime(d = new Date()): string {
  return d.toISOString();
}
