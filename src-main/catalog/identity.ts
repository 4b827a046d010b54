import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { Identity } from '../../shared/types/catalog';
import { refusal } from '../sentences';
import { writeFileAtomic } from '../atomic-file';
import { publicKeyHex, shortId } from './signing';
import { validateDisplayName } from './validation';

interface IdentityFile {
  keyId: string;
  displayName: string;
  createdAt: string;
}

/**
 * This person's key pair and display name, created on first use in `<dataDir>/identity/`.
 * The private key file is readable by its owner only and never leaves the data dir:
 * nothing in Berth reads it except to sign this person's own events.
 */
export class LocalIdentity {
  private readonly dir: string;
  private privateKey?: KeyObject;
  private info?: IdentityFile;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'identity');
  }

  get(): Identity {
    const info = this.load();
    return { keyId: info.keyId, shortId: shortId(info.keyId), displayName: info.displayName, createdAt: info.createdAt };
  }

  get keyId(): string {
    return this.load().keyId;
  }

  signingKey(): KeyObject {
    this.load();
    return this.privateKey as KeyObject;
  }

  rename(displayName: string): Identity {
    const name = validateDisplayName(displayName);
    const info = { ...this.load(), displayName: name };
    writeFileAtomic(join(this.dir, 'identity.json'), JSON.stringify(info, null, 2) + '\n');
    this.info = info;
    return this.get();
  }

  private load(): IdentityFile {
    if (this.info) return this.info;
    const keyFile = join(this.dir, 'private-key.pem');
    const infoFile = join(this.dir, 'identity.json');
    if (!existsSync(keyFile)) this.create(keyFile, infoFile);
    try {
      this.privateKey = createPrivateKey(readFileSync(keyFile, 'utf8'));
    } catch {
      throw refusal('internal', 'store.keyUnreadable', { path: keyFile });
    }
    const keyId = publicKeyHex(createPublicKey(this.privateKey));
    let info: IdentityFile;
    try {
      const parsed = JSON.parse(readFileSync(infoFile, 'utf8')) as Partial<IdentityFile>;
      info = {
        keyId,
        displayName: typeof parsed.displayName === 'string' ? parsed.displayName : defaultName(),
        createdAt: parsed.createdAt ?? new Date().toISOString(),
      };
    } catch {
      info = { keyId, displayName: defaultName(), createdAt: new Date().toISOString() };
    }
    this.info = info;
    return info;
  }

  private create(keyFile: string, infoFile: string): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    // 'wx' so two Berth processes starting at once never overwrite each other's key
    try {
      writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return;
      throw e;
    }
    chmodSync(keyFile, 0o600);
    const info: IdentityFile = { keyId: publicKeyHex(publicKey), displayName: defaultName(), createdAt: new Date().toISOString() };
    writeFileAtomic(infoFile, JSON.stringify(info, null, 2) + '\n');
  }
}

function defaultName(): string {
  try {
    return userInfo().username || 'Berth user';
  } catch {
    return 'Berth user';
  }
}
