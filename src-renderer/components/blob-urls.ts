import { call } from '../api';

/** Object URLs for stored files (icons, screenshots), fetched once per content hash. */
const urls = new Map<string, Promise<string | undefined>>();

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function blobUrl(sha256: string): Promise<string | undefined> {
  let url = urls.get(sha256);
  if (!url) {
    url = call('blob.get', { sha256 }).then((r) => {
      if (!r.ok) {
        urls.delete(sha256);
        return undefined;
      }
      return URL.createObjectURL(new Blob([base64ToBytes(r.value.base64)], { type: r.value.mediaType }));
    });
    urls.set(sha256, url);
  }
  return url;
}
