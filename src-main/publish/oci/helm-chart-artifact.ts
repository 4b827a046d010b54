/**
 * Helm charts as OCI artifacts, exactly as `helm push` stores them (helm.sh/helm/v4
 * pkg/registry Client.Push): the config blob is Chart.yaml's metadata as Go JSON, the layers are
 * the .tgz and the optional .prov (sorted by digest), and the manifest carries the
 * org.opencontainers.image.* annotations Helm derives from Chart.yaml plus the chart's own.
 */
import { BerthFailure } from '../../../shared/result';
import type { ChartMetadata } from '../../chart/metadata';
import { goJson, helmMetadataJson } from '../../provenance/helm-metadata';
import { readPackageMetadata } from '../repo-index';
import { chartRepository, tagToVersion, versionToTag, type OciLocation } from './reference';
import { digestOf, type Descriptor, type ImageManifest, type RegistryClient } from './registry-client';

export const HELM_CONFIG_MEDIA_TYPE = 'application/vnd.cncf.helm.config.v1+json';
export const HELM_CHART_MEDIA_TYPE = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
export const HELM_PROV_MEDIA_TYPE = 'application/vnd.cncf.helm.chart.provenance.v1.prov';
const LEGACY_CHART_MEDIA_TYPE = 'application/tar+gzip';

/** generateOCIAnnotations: title and version always come from Chart.yaml, never from its annotations. */
export function helmOciAnnotations(md: ChartMetadata, created: string): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (k: string, v: string | undefined) => {
    if (v && v.trim()) out[k] = v;
  };
  add('org.opencontainers.image.description', md.description);
  add('org.opencontainers.image.title', md.name);
  add('org.opencontainers.image.version', md.version);
  add('org.opencontainers.image.url', md.home);
  add('org.opencontainers.image.created', created);
  add('org.opencontainers.image.source', md.sources[0]);
  if (md.maintainers.length) {
    add('org.opencontainers.image.authors', md.maintainers.map((m) => `${m.name}${m.email ? ` (${m.email})` : ''}`).join(', '));
  }
  for (const [k, v] of Object.entries(md.annotations)) {
    if (k !== 'org.opencontainers.image.title' && k !== 'org.opencontainers.image.version') out[k] = v;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface ChartArtifact {
  config: Uint8Array;
  manifest: ImageManifest;
  manifestBytes: Uint8Array;
  blobs: Map<string, Uint8Array>;
}

/** Builds the artifact `helm push` would build; `created` is RFC 3339 (Helm: now, in UTC, whole seconds). */
export function buildChartArtifact(packageBytes: Uint8Array, provenance: string | undefined, created: string, metadata?: ChartMetadata): ChartArtifact {
  const md = metadata ?? readPackageMetadata(packageBytes, 'the chart package');
  const config = new TextEncoder().encode(goJson(helmMetadataJson(md)));
  const blobs = new Map<string, Uint8Array>();
  const describe = (mediaType: string, bytes: Uint8Array): Descriptor => {
    const digest = digestOf(bytes);
    blobs.set(digest, bytes);
    return { mediaType, digest, size: bytes.length };
  };
  const layers = [describe(HELM_CHART_MEDIA_TYPE, packageBytes)];
  if (provenance !== undefined) layers.push(describe(HELM_PROV_MEDIA_TYPE, new TextEncoder().encode(provenance)));
  layers.sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
  const manifest: ImageManifest = { schemaVersion: 2, config: describe(HELM_CONFIG_MEDIA_TYPE, config), layers, annotations: helmOciAnnotations(md, created) };
  return { config, manifest, manifestBytes: new TextEncoder().encode(goJson(manifest)), blobs };
}

export interface PushedChart {
  reference: string;
  digest: string;
}

export async function pushChart(
  client: RegistryClient,
  location: OciLocation,
  packageBytes: Uint8Array,
  options: { provenance?: string; created?: string } = {},
): Promise<PushedChart> {
  const md = readPackageMetadata(packageBytes, 'the chart package');
  const created = options.created ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const artifact = buildChartArtifact(packageBytes, options.provenance, created, md);
  const repository = chartRepository(location, md.name);
  for (const [digest, bytes] of artifact.blobs) await client.pushBlob(repository, bytes, digest);
  const tag = versionToTag(md.version);
  const digest = await client.putManifest(repository, tag, artifact.manifestBytes);
  return { reference: `${location.registry}/${repository}:${tag}`, digest };
}

export interface PulledChart {
  name: string;
  version: string;
  packageBytes: Uint8Array;
  provenance?: string;
  manifestDigest: string;
  /** sha256 of the .tgz, hex, as index.yaml digests are written. */
  chartDigest: string;
}

export async function pullChart(client: RegistryClient, location: OciLocation, name: string, version: string): Promise<PulledChart> {
  const repository = chartRepository(location, name);
  const { manifest, digest } = await client.getManifest(repository, versionToTag(version));
  const chartLayer = manifest.layers.find((l) => l.mediaType === HELM_CHART_MEDIA_TYPE || l.mediaType === LEGACY_CHART_MEDIA_TYPE);
  if (!chartLayer) throw new BerthFailure('distribution.bad-response', `${repository}:${versionToTag(version)} is not a Helm chart (no chart layer).`);
  const packageBytes = await client.getBlob(repository, chartLayer.digest);
  const provLayer = manifest.layers.find((l) => l.mediaType === HELM_PROV_MEDIA_TYPE);
  const provenance = provLayer ? Buffer.from(await client.getBlob(repository, provLayer.digest)).toString('utf8') : undefined;
  return { name, version, packageBytes, provenance, manifestDigest: digest, chartDigest: chartLayer.digest.replace(/^sha256:/, '') };
}

/** Chart versions present in the repository, from its tags (`_` read back as `+`). */
export async function listChartVersions(client: RegistryClient, location: OciLocation, name: string): Promise<string[]> {
  return (await client.listTags(chartRepository(location, name))).map(tagToVersion);
}
