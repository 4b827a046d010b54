/**
 * S3 keys saved on this computer for the catalog's bucket: `<dataDir>/sync/s3-keys.json`, mode
 * 0600, never in the catalog or a store location. Berth before 0.1 kept them in the publishing
 * secrets (`<dataDir>/distribution/secrets.json`, key `s3`); the first read moves them here.
 */
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { refusal } from '../sentences';
import type { S3Credentials } from '../../shared/types/distribution';
import { writeFileAtomic } from '../atomic-file';

/** Where older Berth kept the keys, next to registry passwords (read only to move them). */
const LEGACY_SECRETS = ['distribution', 'secrets.json'];

export class S3KeyStore {
  readonly file: string;

  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, 'sync', 's3-keys.json');
  }

  /** The saved keys, if any (moved from the old place on first read). */
  get(): S3Credentials | undefined {
    if (!existsSync(this.file)) this.moveLegacyKeys();
    const saved = readJson(this.file) as { s3?: S3Credentials } | undefined;
    return saved?.s3;
  }

  /** Saves keys (both parts required), or forgets them with `null`. */
  save(credentials: S3Credentials | null): void {
    if (!credentials) {
      this.moveLegacyKeys(); // forgetting must not leave an old copy to come back on the next read
      rmSync(this.file, { force: true });
      return;
    }
    if (!credentials.accessKeyId?.trim() || !credentials.secretAccessKey?.trim()) {
      throw refusal('input.invalid', 'store.giveKeys');
    }
    this.write({
      accessKeyId: credentials.accessKeyId.trim(),
      secretAccessKey: credentials.secretAccessKey.trim(),
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    });
  }

  private write(s3: S3Credentials): void {
    writeFileAtomic(this.file, JSON.stringify({ s3 }, null, 2) + '\n');
    chmodSync(this.file, 0o600);
  }

  /** Writes the keys here first, then removes them there: a crash in between leaves two copies, never none. */
  private moveLegacyKeys(): void {
    const legacyFile = join(this.dataDir, ...LEGACY_SECRETS);
    const legacy = readJson(legacyFile) as ({ s3?: S3Credentials } & Record<string, unknown>) | undefined;
    if (!legacy?.s3) return;
    const { s3, ...rest } = legacy;
    if (!existsSync(this.file)) this.write(s3);
    writeFileAtomic(legacyFile, JSON.stringify(rest, null, 2) + '\n');
    chmodSync(legacyFile, 0o600);
  }
}

function readJson(file: string): unknown {
  try {
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  } catch {
    return undefined; // a damaged file reads as "no keys": the AWS sources still apply
  }
}
