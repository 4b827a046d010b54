/**
 * Artifact Hub's repository metadata file, `artifacthub-repo.yml`
 * (https://artifacthub.io/docs/topics/repositories/): `repositoryID` makes the publisher
 * "verified", `owners` lets them claim the repository. A Helm repository serves it next to
 * index.yaml; an OCI repository holds it under the tag `artifacthub.io` of each chart's
 * repository, as `oras push <repo>:artifacthub.io --config /dev/null:<config type>
 * artifacthub-repo.yml:<layer type>` stores it — Artifact Hub's tracker reads that layer.
 */
import { stringify } from 'yaml';
import type { ArtifactHubRepoSettings } from '../../shared/types/distribution';
import { chartRepository, type OciLocation } from './oci/reference';
import { digestOf, type ImageManifest, type RegistryClient } from './oci/registry-client';

export const ARTIFACT_HUB_REPO_FILE = 'artifacthub-repo.yml';
export const ARTIFACT_HUB_TAG = 'artifacthub.io';
export const ARTIFACT_HUB_CONFIG_MEDIA_TYPE = 'application/vnd.cncf.artifacthub.config.v1+yaml';
export const ARTIFACT_HUB_LAYER_MEDIA_TYPE = 'application/vnd.cncf.artifacthub.repository-metadata.layer.v1.yaml';

/** The file's text; owners default to `fallbackOwners` (the catalog's admins) when the target names none. */
export function artifactHubRepoYaml(settings: ArtifactHubRepoSettings | undefined, fallbackOwners: readonly string[]): string {
  const doc: { repositoryID?: string; owners?: { name?: string; email?: string }[] } = {};
  if (settings?.repositoryId) doc.repositoryID = settings.repositoryId;
  const owners = settings?.owners?.length ? settings.owners : fallbackOwners.map((name) => ({ name }));
  if (owners.length) doc.owners = owners.map((o) => ({ ...o }));
  return stringify(doc);
}

/** Pushes the metadata file to `<chart repository>:artifacthub.io`, byte for byte what oras would store. */
export async function pushArtifactHubMetadata(client: RegistryClient, location: OciLocation, chartName: string, yamlText: string): Promise<string> {
  const repository = chartRepository(location, chartName);
  const config = new Uint8Array(0); // oras's `--config /dev/null:…`: an empty config blob of that type
  const layer = new TextEncoder().encode(yamlText);
  await client.pushBlob(repository, config);
  await client.pushBlob(repository, layer);
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: ARTIFACT_HUB_CONFIG_MEDIA_TYPE, digest: digestOf(config), size: 0 },
    layers: [
      {
        mediaType: ARTIFACT_HUB_LAYER_MEDIA_TYPE,
        digest: digestOf(layer),
        size: layer.length,
        annotations: { 'org.opencontainers.image.title': ARTIFACT_HUB_REPO_FILE },
      },
    ],
  };
  return client.putManifest(repository, ARTIFACT_HUB_TAG, new TextEncoder().encode(JSON.stringify(manifest)));
}

/** Reads back what Artifact Hub would read from an OCI chart repository (tests, and `berth publish` checks). */
export async function pullArtifactHubMetadata(client: RegistryClient, location: OciLocation, chartName: string): Promise<string | undefined> {
  const repository = chartRepository(location, chartName);
  const { manifest } = await client.getManifest(repository, ARTIFACT_HUB_TAG);
  const layer = manifest.layers.find((l) => l.mediaType === ARTIFACT_HUB_LAYER_MEDIA_TYPE);
  return layer ? Buffer.from(await client.getBlob(repository, layer.digest)).toString('utf8') : undefined;
}
