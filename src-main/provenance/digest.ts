import { createHash } from 'node:crypto';

/** sha256 of bytes as lower-case hex: a chart package's digest in index.yaml, `.prov` files and OCI. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
