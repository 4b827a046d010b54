import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BlobRef } from '../../shared/types/catalog';
import { writeFileAtomic } from '../atomic-file';
import { sha256Hex } from './signing';

const SHA = /^[0-9a-f]{64}$/;

/**
 * Content-addressed files (chart packages, icons, screenshots) under `<dataDir>/catalog/blobs/`.
 * A file is named by its sha256 and checked against it on every read, so a damaged or
 * swapped file is never served.
 */
export class BlobCache {
  constructor(readonly dir: string) {}

  path(sha256: string): string {
    if (!SHA.test(sha256)) throw new Error(`not a sha256 digest: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return SHA.test(sha256) && existsSync(this.path(sha256));
  }

  put(bytes: Uint8Array, mediaType: string): BlobRef {
    const sha256 = sha256Hex(bytes);
    if (!this.has(sha256)) writeFileAtomic(this.path(sha256), bytes);
    return { sha256, size: bytes.length, mediaType };
  }

  /** Stores bytes that claim to be `sha256`; refuses them when they are not. */
  putVerified(sha256: string, bytes: Uint8Array): boolean {
    if (sha256Hex(bytes) !== sha256) return false;
    if (!this.has(sha256)) writeFileAtomic(this.path(sha256), bytes);
    return true;
  }

  /** The verified bytes, or undefined when missing; a damaged copy is removed. */
  get(sha256: string): Uint8Array | undefined {
    if (!this.has(sha256)) return undefined;
    const bytes = readFileSync(this.path(sha256));
    if (sha256Hex(bytes) === sha256) return bytes;
    rmSync(this.path(sha256), { force: true });
    return undefined;
  }
}
