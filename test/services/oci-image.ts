/**
 * A minimal container image pushed by hand through the registry API (what `docker push` stores):
 * one gzipped tar layer, an image config naming its diff id, an OCI image manifest under a tag.
 * Different `content` gives a different digest, so a test can move a tag.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { writeTgz } from '../../src-main/chart/tar-write';
import { digestOf, OCI_MANIFEST, type RegistryClient } from '../../src-main/publish/oci/registry-client';

export async function pushTestImage(client: RegistryClient, repository: string, tag: string, content: string): Promise<string> {
  const layer = writeTgz([{ name: 'app/message.txt', data: new TextEncoder().encode(content) }]);
  const diffId = `sha256:${createHash('sha256').update(gunzipSync(layer)).digest('hex')}`;
  const config = new TextEncoder().encode(
    JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Cmd: ['/bin/true'] }, rootfs: { type: 'layers', diff_ids: [diffId] } }),
  );
  await client.pushBlob(repository, layer);
  await client.pushBlob(repository, config);
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digestOf(config), size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: digestOf(layer), size: layer.length }],
  };
  return client.putManifest(repository, tag, new TextEncoder().encode(JSON.stringify(manifest)));
}
