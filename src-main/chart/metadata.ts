/**
 * Chart.yaml as Helm reads it (helm.sh/helm/v4 pkg/chart/v2/metadata.go): the same fields,
 * the same defaults (no apiVersion means v1) and the same validation, so a chart Berth accepts
 * is one Helm accepts.
 */
import { BerthFailure } from '../../shared/result';
import type { ChartMaintainer } from '../../shared/types/chart';

export interface ChartDependency {
  name: string;
  version: string;
  repository?: string;
  condition?: string;
  tags: string[];
  alias?: string;
  importValues: unknown[];
}

export interface ChartMetadata {
  apiVersion: string;
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  type?: string;
  home?: string;
  icon?: string;
  keywords: string[];
  maintainers: ChartMaintainer[];
  sources: string[];
  kubeVersion?: string;
  deprecated: boolean;
  annotations: Record<string, string>;
  dependencies: ChartDependency[];
}

/** Masterminds/semver's loose SemVer 2 (what Helm's semver.NewVersion accepts): leading `v`, optional minor/patch. */
const SEMVER =
  /^v?(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const ALIAS = /^[a-zA-Z0-9_-]+$/;

export function isValidChartVersion(v: string): boolean {
  return SEMVER.test(v);
}

function invalid(message: string, file = 'Chart.yaml'): BerthFailure {
  return new BerthFailure('chart.invalid', `${file}: ${message}`, { file });
}

/** Helm's sanitizeString: whitespace becomes a space, unprintable characters are dropped. */
function sanitize(s: string): string {
  return s.replace(/\s/g, ' ').replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu, '');
}

function str(obj: Record<string, unknown>, key: string, file: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    throw invalid(
      `"${key}" must be a string, not ${Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a map' : `the ${typeof v} ${JSON.stringify(v)}`}`,
      file,
    );
  return v;
}

function strList(obj: Record<string, unknown>, key: string, file: string): string[] {
  const v = obj[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw invalid(`"${key}" must be a list of strings`, file);
  return v as string[];
}

function record(v: unknown, what: string, file: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid(`${what} must be a map`, file);
  return v as Record<string, unknown>;
}

function readDependency(v: unknown, file: string): ChartDependency {
  if (v === null || v === undefined) throw invalid('dependencies must not contain empty or null nodes', file);
  const d = record(v, 'each dependency', file);
  const importValues = d['import-values'];
  const dep: ChartDependency = {
    name: sanitize(str(d, 'name', file) ?? ''),
    version: sanitize(str(d, 'version', file) ?? ''),
    repository: str(d, 'repository', file),
    condition: str(d, 'condition', file),
    tags: strList(d, 'tags', file).map(sanitize),
    alias: str(d, 'alias', file),
    importValues: Array.isArray(importValues) ? importValues : [],
  };
  if (dep.alias && !ALIAS.test(dep.alias)) throw invalid(`dependency "${dep.name}" has disallowed characters in the alias`, file);
  return dep;
}

/** Reads and validates parsed Chart.yaml content (plus the v1 requirements.yaml dependencies, if any). */
export function readChartMetadata(parsed: unknown, requirements?: unknown): ChartMetadata {
  const file = 'Chart.yaml';
  const raw = record(parsed ?? {}, 'Chart.yaml', file);
  const maintainers = raw.maintainers;
  if (maintainers !== undefined && maintainers !== null && !Array.isArray(maintainers)) throw invalid('"maintainers" must be a list');
  const annotations = raw.annotations ?? {};
  const annotationMap = record(annotations, '"annotations"', file);
  for (const [k, v] of Object.entries(annotationMap)) if (typeof v !== 'string') throw invalid(`annotation "${k}" must be a string`);
  const deprecated = raw.deprecated;
  if (deprecated !== undefined && deprecated !== null && typeof deprecated !== 'boolean') throw invalid('"deprecated" must be true or false');

  let deps: unknown = raw.dependencies;
  if (requirements !== undefined && requirements !== null) deps = record(requirements, 'requirements.yaml', 'requirements.yaml').dependencies ?? deps;
  if (deps !== undefined && deps !== null && !Array.isArray(deps)) throw invalid('"dependencies" must be a list');

  const md: ChartMetadata = {
    apiVersion: str(raw, 'apiVersion', file) || 'v1',
    name: sanitize(str(raw, 'name', file) ?? ''),
    version: str(raw, 'version', file) ?? '',
    appVersion: str(raw, 'appVersion', file),
    description: str(raw, 'description', file),
    type: str(raw, 'type', file),
    home: str(raw, 'home', file),
    icon: str(raw, 'icon', file),
    keywords: strList(raw, 'keywords', file).map(sanitize),
    sources: strList(raw, 'sources', file).map(sanitize),
    kubeVersion: str(raw, 'kubeVersion', file),
    deprecated: deprecated === true,
    annotations: annotationMap as Record<string, string>,
    maintainers: ((maintainers as unknown[] | null | undefined) ?? []).map((m) => {
      if (m === null || m === undefined) throw invalid('maintainers must not contain empty or null nodes');
      const r = record(m, 'each maintainer', file);
      const out: ChartMaintainer = { name: sanitize(str(r, 'name', file) ?? '') };
      const email = str(r, 'email', file);
      const url = str(r, 'url', file);
      if (email) out.email = sanitize(email);
      if (url) out.url = sanitize(url);
      return out;
    }),
    dependencies: ((deps as unknown[] | null | undefined) ?? []).map((d) => readDependency(d, file)),
  };
  validateMetadata(md);
  return md;
}

function validateMetadata(md: ChartMetadata): void {
  if (!md.name) throw invalid('chart.metadata.name is required');
  if (md.name === '.' || md.name === '..') throw invalid(`chart.metadata.name "${md.name}" is not allowed`);
  if (md.name.includes('/') || md.name.includes('\\')) throw invalid(`chart.metadata.name "${md.name}" is invalid`);
  if (!md.version) throw invalid('chart.metadata.version is required');
  if (!isValidChartVersion(md.version)) throw invalid(`chart.metadata.version "${md.version}" is invalid`);
  if (md.type && md.type !== 'application' && md.type !== 'library') throw invalid('chart.metadata.type must be application or library');
  if (md.apiVersion !== 'v1' && md.apiVersion !== 'v2') throw invalid(`apiVersion "${md.apiVersion}" is not supported (Berth reads v1 and v2 charts)`);
  const keys = new Set<string>();
  for (const d of md.dependencies) {
    const key = d.alias || d.name;
    if (keys.has(key)) throw invalid(`more than one dependency with name or alias "${key}"`);
    keys.add(key);
  }
}
