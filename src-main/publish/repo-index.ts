/**
 * Helm repository index (index.yaml) as helm.sh/helm/v4 pkg/repo/v1 writes it: apiVersion v1,
 * one list per chart name, each entry = the chart's Metadata + urls + created + digest (sha256 of
 * the .tgz), versions newest first, and `generated` at the top level.
 */
import { parse } from 'yaml';
import { BerthFailure } from '../../shared/result';
import { readChartArchive } from '../chart/archive';
import { readMetadataFromArchive } from '../chart/inspect';
import type { ChartMetadata } from '../chart/metadata';
import { sha256Hex } from '../provenance/digest';
import { helmMetadataJson, helmYaml, type HelmJson } from '../provenance/helm-metadata';
import { compareChartVersions, parseChartVersion } from './chart-version-order';

export { sha256Hex };

export interface RepoIndexEntry {
  name: string;
  version: string;
  /** Chart.yaml fields as Helm serializes them (see helmMetadataJson). */
  metadata: Record<string, HelmJson>;
  urls: string[];
  /** RFC 3339 time the entry was first indexed. */
  created: string;
  /** sha256 of the package, hex. */
  digest: string;
}

export interface RepoIndex {
  apiVersion: 'v1';
  generated: string;
  entries: Map<string, RepoIndexEntry[]>;
}

/** Helm's urlutil.URLJoin: the file name joined onto the base URL's path. */
export function joinPackageUrl(baseUrl: string | undefined, fileName: string): string {
  if (!baseUrl) return fileName;
  try {
    const u = new URL(baseUrl);
    u.pathname = `${u.pathname.replace(/\/+$/, '')}/${fileName}`;
    return u.toString();
  } catch {
    return `${baseUrl.replace(/\/+$/, '')}/${fileName}`;
  }
}

export function readPackageMetadata(bytes: Uint8Array, label: string): ChartMetadata {
  return readMetadataFromArchive(readChartArchive(bytes, { label }));
}

export function entryForPackage(
  pkg: { fileName: string; bytes: Uint8Array; metadata?: ChartMetadata },
  options: { baseUrl?: string; created: string },
): RepoIndexEntry {
  const md = pkg.metadata ?? readPackageMetadata(pkg.bytes, pkg.fileName);
  return {
    name: md.name,
    version: md.version,
    metadata: helmMetadataJson(md),
    urls: [joinPackageUrl(options.baseUrl, pkg.fileName)],
    created: options.created,
    digest: sha256Hex(pkg.bytes),
  };
}

export function newRepoIndex(generated = new Date().toISOString()): RepoIndex {
  return { apiVersion: 'v1', generated, entries: new Map() };
}

export function addEntry(index: RepoIndex, entry: RepoIndexEntry): void {
  const list = index.entries.get(entry.name) ?? [];
  list.push(entry);
  index.entries.set(entry.name, list);
}

/** Helm's SortEntries: each chart's versions newest first. */
export function sortEntries(index: RepoIndex): void {
  for (const list of index.entries.values()) list.sort((a, b) => compareChartVersions(b.version, a.version));
}

export function findEntry(index: RepoIndex, name: string, version: string): RepoIndexEntry | undefined {
  return index.entries.get(name)?.find((e) => e.version === version);
}

export function serializeRepoIndex(index: RepoIndex): string {
  const entries: Record<string, HelmJson> = {};
  for (const [name, list] of index.entries) {
    entries[name] = list.map((e) => ({ ...e.metadata, urls: e.urls, created: e.created, digest: e.digest }));
  }
  return helmYaml({ apiVersion: index.apiVersion, entries, generated: index.generated });
}

function bad(source: string, why: string): BerthFailure {
  return new BerthFailure('input.invalid', `${source} is not a Helm repository index: ${why}.`);
}

/**
 * Reads index.yaml (or its JSON form) as Helm's loadIndex does: entries that are empty or lack a
 * name or a valid version are skipped, the rest sorted newest first.
 */
export function parseRepoIndex(text: string, source = 'index.yaml'): RepoIndex {
  if (!text.trim()) throw bad(source, 'the file is empty');
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw bad(source, e instanceof Error ? e.message.split('\n')[0] : 'it is not YAML');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw bad(source, 'the top level is not a map');
  const raw = doc as Record<string, unknown>;
  if (!raw.apiVersion) throw bad(source, 'no apiVersion');
  const index = newRepoIndex(typeof raw.generated === 'string' ? raw.generated : new Date(0).toISOString());
  const rawEntries = raw.entries;
  if (rawEntries !== undefined && rawEntries !== null && (typeof rawEntries !== 'object' || Array.isArray(rawEntries)))
    throw bad(source, '“entries” is not a map');
  for (const [chartName, list] of Object.entries((rawEntries ?? {}) as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
      const { urls, created, digest, removed: _removed, checksum: _c, engine: _e, tillerVersion: _t, url: _u, ...metadata } = item as Record<string, unknown>;
      const name = typeof metadata.name === 'string' ? metadata.name : chartName;
      const version = metadata.version;
      if (typeof version !== 'string' || !parseChartVersion(version)) continue;
      addEntry(index, {
        name,
        version,
        metadata: metadata as Record<string, HelmJson>,
        urls: Array.isArray(urls) ? urls.filter((u): u is string => typeof u === 'string') : [],
        created: created instanceof Date ? created.toISOString() : typeof created === 'string' ? created : '',
        digest: typeof digest === 'string' ? digest : '',
      });
    }
  }
  sortEntries(index);
  return index;
}
