/**
 * Where imported apps come from: a Helm repository (index.yaml by URL, or a folder holding one)
 * or an OCI repository of one chart (oci://host/path/<chart>). Each source lists chart versions
 * with their package digest, so a re-import can skip what the catalog already holds, and fetches
 * a version's package (checked against that digest) with its `.prov`, if any.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BerthFailure } from '../../shared/result';
import type { CosignCheck } from '../../shared/types/distribution';
import { sha256Hex } from '../provenance/digest';
import { parseChartVersion } from './chart-version-order';
import { HELM_CHART_MEDIA_TYPE, pullChart } from './oci/helm-chart-artifact';
import { cosignVerify } from './oci/cosign';
import { chartRepository, parseOciLocation, tagToVersion, type OciLocation } from './oci/reference';
import { RegistryClient, type RegistryCredentials } from './oci/registry-client';
import { parseRepoIndex, type RepoIndexEntry } from './repo-index';

export interface SourceChartVersion {
  name: string;
  version: string;
  /** sha256 of the package, hex (index.yaml `digest`, or the OCI chart layer digest). */
  digest: string;
  appVersion?: string;
  description?: string;
}

export interface FetchedChart {
  packageBytes: Uint8Array;
  provenance?: string;
  fileName: string;
  /** Charts from an OCI registry: where the artifact is and how to check its cosign signatures. */
  oci?: OciOrigin & { verifyCosign(trustedKeys: readonly string[]): Promise<CosignCheck> };
}

/** Where a chart came from in an OCI registry (kept so its cosign signatures can be checked again). */
export interface OciOrigin {
  registry: string;
  repository: string;
  manifestDigest: string;
  plainHttp?: boolean;
}

/** A Helm repository (URL or folder) or OCI repository that charts are imported from; not a `ChartSource` (shared/types/chart.ts). */
export interface ImportSource {
  /** What the source is, for people. */
  label: string;
  list(): Promise<SourceChartVersion[]>;
  fetch(v: SourceChartVersion): Promise<FetchedChart>;
}

export interface SourceOptions {
  credentials?: RegistryCredentials;
  /** Plain HTTP for oci:// (local registries). */
  plainHttp?: boolean;
  fetchImpl?: typeof fetch;
}

function basicAuth(c: RegistryCredentials | undefined): Record<string, string> {
  if (c?.token) return { authorization: `Bearer ${c.token}` };
  if (c?.username !== undefined) return { authorization: `Basic ${Buffer.from(`${c.username}:${c.password ?? ''}`).toString('base64')}` };
  return {};
}

async function httpGet(url: string, options: SourceOptions, allow404 = false): Promise<Uint8Array | undefined> {
  let res: Response;
  try {
    res = await (options.fetchImpl ?? fetch)(url, { headers: basicAuth(options.credentials), redirect: 'follow' });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e instanceof Error ? e.message : String(e));
    throw new BerthFailure('distribution.unreachable', `Berth could not reach ${new URL(url).host} (${cause}).`);
  }
  if (res.status === 404 && allow404) return undefined;
  if (res.status === 401 || res.status === 403)
    throw new BerthFailure('distribution.auth-failed', `${new URL(url).host} refused access to ${url}: check the username and password.`);
  if (res.status === 404) throw new BerthFailure('distribution.not-found', `There is nothing at ${url}.`);
  if (!res.ok) throw new BerthFailure('distribution.bad-response', `${url} answered HTTP ${res.status}.`);
  return new Uint8Array(await res.arrayBuffer());
}

function entryToVersion(e: RepoIndexEntry): SourceChartVersion {
  const out: SourceChartVersion = { name: e.name, version: e.version, digest: e.digest };
  if (typeof e.metadata.appVersion === 'string') out.appVersion = e.metadata.appVersion;
  if (typeof e.metadata.description === 'string') out.description = e.metadata.description;
  return out;
}

function checkDigest(bytes: Uint8Array, expected: string, what: string): void {
  if (expected && sha256Hex(bytes) !== expected) {
    throw new BerthFailure('distribution.bad-response', `${what} does not match the digest its repository lists; Berth did not import it.`);
  }
}

/** A Helm repository over HTTP(S): `https://host/path` or `https://host/path/index.yaml`. */
export function helmRepositoryUrlSource(url: string, options: SourceOptions = {}): ImportSource {
  const indexUrl = url.endsWith('.yaml') || url.endsWith('.json') ? url : `${url.replace(/\/+$/, '')}/index.yaml`;
  let entries: Map<string, RepoIndexEntry> | undefined;
  const key = (n: string, v: string) => `${n}@${v}`;
  return {
    label: indexUrl,
    async list() {
      const bytes = (await httpGet(indexUrl, options))!;
      const index = parseRepoIndex(Buffer.from(bytes).toString('utf8'), indexUrl);
      entries = new Map();
      const out: SourceChartVersion[] = [];
      for (const list of index.entries.values())
        for (const e of list) {
          entries.set(key(e.name, e.version), e);
          out.push(entryToVersion(e));
        }
      return out;
    },
    async fetch(v) {
      if (!entries) await this.list();
      const e = entries?.get(key(v.name, v.version));
      if (!e || !e.urls[0]) throw new BerthFailure('not-found', `${v.name} ${v.version} is not in ${indexUrl}.`);
      const pkgUrl = new URL(e.urls[0], indexUrl).toString();
      const packageBytes = (await httpGet(pkgUrl, options))!;
      checkDigest(packageBytes, e.digest, `${v.name} ${v.version}`);
      const prov = await httpGet(`${pkgUrl}.prov`, options, true);
      const fileName = decodeURIComponent(new URL(pkgUrl).pathname.split('/').pop() ?? `${v.name}-${v.version}.tgz`);
      return { packageBytes, provenance: prov ? Buffer.from(prov).toString('utf8') : undefined, fileName };
    },
  };
}

/** A Helm repository folder: one holding index.yaml (or the index.yaml file itself). */
export function helmRepositoryFolderSource(path: string): ImportSource {
  const indexFile = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.yaml') : path;
  if (!existsSync(indexFile)) throw new BerthFailure('not-found', `${resolve(path)} has no index.yaml, so it is not a Helm repository folder.`);
  const folder = dirname(resolve(indexFile));
  let entries: Map<string, RepoIndexEntry> | undefined;
  return {
    label: folder,
    async list() {
      const index = parseRepoIndex(readFileSync(indexFile, 'utf8'), indexFile);
      entries = new Map();
      const out: SourceChartVersion[] = [];
      for (const list of index.entries.values())
        for (const e of list) {
          entries.set(`${e.name}@${e.version}`, e);
          out.push(entryToVersion(e));
        }
      return out;
    },
    async fetch(v) {
      if (!entries) await this.list();
      const e = entries?.get(`${v.name}@${v.version}`);
      if (!e || !e.urls[0]) throw new BerthFailure('not-found', `${v.name} ${v.version} is not in ${indexFile}.`);
      // urls may be absolute (helm repo index --url); the package sits in the folder under its file name
      const fileName = decodeURIComponent(e.urls[0].split('/').pop() ?? '');
      const file = join(folder, fileName);
      if (!existsSync(file)) throw new BerthFailure('not-found', `${fileName} is listed in index.yaml but not in ${folder}.`);
      const packageBytes = new Uint8Array(readFileSync(file));
      checkDigest(packageBytes, e.digest, `${v.name} ${v.version}`);
      const provenance = existsSync(`${file}.prov`) ? readFileSync(`${file}.prov`, 'utf8') : undefined;
      return { packageBytes, provenance, fileName };
    },
  };
}

/**
 * OCI charts: `oci://host/path/<chart>` names one chart's repository; when nothing is there,
 * the reference is taken as a place holding several charts (`oci://host/path`), found through
 * the registry's repository listing.
 */
export function ociRepositorySource(reference: string, options: SourceOptions = {}): ImportSource {
  const full = parseOciLocation(reference);
  const client = new RegistryClient({ registry: full.registry, plainHttp: options.plainHttp, credentials: options.credentials, fetchImpl: options.fetchImpl });
  const split = (repository: string): { location: OciLocation; chart: string } => {
    const slash = repository.lastIndexOf('/');
    return { location: { registry: full.registry, namespace: slash < 0 ? '' : repository.slice(0, slash) }, chart: repository.slice(slash + 1) };
  };
  const charts = new Map<string, { location: OciLocation; chart: string }>();
  const versionsOf = async (repository: string): Promise<SourceChartVersion[]> => {
    const { location, chart } = split(repository);
    const out: SourceChartVersion[] = [];
    for (const tag of await client.listTags(repository)) {
      const version = tagToVersion(tag);
      if (!parseChartVersion(version)) continue;
      const { manifest } = await client.getManifest(repository, tag);
      const layer = manifest.layers.find((l) => l.mediaType === HELM_CHART_MEDIA_TYPE || l.mediaType === 'application/tar+gzip');
      if (!layer) continue; // a container image or another artifact, not a chart
      charts.set(chart, { location, chart });
      out.push({ name: chart, version, digest: layer.digest.replace(/^sha256:/, '') });
    }
    return out;
  };
  return {
    label: reference,
    async list() {
      if (full.namespace) {
        const direct = await versionsOf(full.namespace);
        if (direct.length) return direct;
      }
      const prefix = full.namespace ? `${full.namespace}/` : '';
      const out: SourceChartVersion[] = [];
      for (const repository of await client.listRepositories()) {
        if (repository.startsWith(prefix) && !repository.slice(prefix.length).includes('/')) out.push(...(await versionsOf(repository)));
      }
      return out;
    },
    async fetch(v) {
      if (!charts.has(v.name)) await this.list();
      const where = charts.get(v.name);
      if (!where) throw new BerthFailure('not-found', `${v.name} is not in ${reference}.`);
      const pulled = await pullChart(client, where.location, where.chart, v.version);
      const repository = chartRepository(where.location, where.chart);
      return {
        packageBytes: pulled.packageBytes,
        provenance: pulled.provenance,
        fileName: `${v.name}-${v.version}.tgz`,
        oci: {
          registry: full.registry,
          repository,
          manifestDigest: pulled.manifestDigest,
          ...(options.plainHttp ? { plainHttp: true } : {}),
          verifyCosign: (keys) => cosignVerify(client, repository, pulled.manifestDigest, keys),
        },
      };
    },
  };
}

/** Picks the source for what a person typed: oci://…, http(s)://…, or a folder. */
export function chartSourceFor(location: string, options: SourceOptions = {}): ImportSource {
  if (location.startsWith('oci://')) return ociRepositorySource(location, options);
  if (/^https?:\/\//.test(location)) return helmRepositoryUrlSource(location, options);
  return helmRepositoryFolderSource(location);
}
