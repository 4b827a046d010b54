/**
 * This person's provenance material, kept in their data dir and never in the catalog:
 *   <dataDir>/provenance/signing-key.asc     their private signing key (armored; 0600)
 *   <dataDir>/provenance/trusted-keys.asc    public keys whose signatures they trust
 *   <dataDir>/provenance/prov/<sha256>.prov  `.prov` files that came with packages (by package digest)
 *   <dataDir>/provenance/cosign.key          their cosign private key (PKCS#8 PEM, ECDSA P-256; 0600) and cosign.pub
 *   <dataDir>/provenance/cosign-trusted.pem  cosign public keys whose signatures they trust
 *   <dataDir>/provenance/oci/<sha256>.json   where an imported or published package sits in an OCI registry, and its last cosign check
 */
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as openpgp from 'openpgp';
import { BerthFailure } from '../../shared/result';
import type { CosignCheck, CosignKeyInfo, SigningKeyInfo } from '../../shared/types/distribution';
import { writeFileAtomic } from '../atomic-file';
import { cosignKeyFingerprint, generateCosignKeyPair } from '../publish/oci/cosign';
import { describeKey, generateSigningKey, readAnyKeys } from './keys';

/** An OCI chart's place and its last cosign check (so a check offline can say what was seen). */
export interface OciRecord {
  registry: string;
  repository: string;
  manifestDigest: string;
  plainHttp?: boolean;
  lastCheck?: CosignCheck & { at: string };
}

export class ProvenanceStore {
  constructor(readonly dir: string) {}

  private path(name: string): string {
    return join(this.dir, name);
  }

  signingKeyArmored(): string | undefined {
    const file = this.path('signing-key.asc');
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }

  async signingKey(): Promise<SigningKeyInfo | undefined> {
    const armored = this.signingKeyArmored();
    return armored ? describeKey(armored) : undefined;
  }

  async generateSigningKey(identity: { name: string; email?: string }, passphrase?: string): Promise<SigningKeyInfo> {
    if (!identity.name.trim()) throw new BerthFailure('input.invalid', 'Give the name the signing key should carry (people see it when they verify).');
    const key = await generateSigningKey(identity, passphrase);
    this.saveSigningKey(key.armoredPrivateKey);
    await this.trust(key.armoredPublicKey);
    const { armoredPrivateKey: _secret, ...info } = key;
    return info;
  }

  saveSigningKey(armoredPrivateKey: string): void {
    if (!armoredPrivateKey.includes('PRIVATE KEY BLOCK')) throw new BerthFailure('input.invalid', 'That is not an ASCII-armored OpenPGP private key.');
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(this.path('signing-key.asc'), armoredPrivateKey);
    chmodSync(this.path('signing-key.asc'), 0o600);
  }

  async trustedKeys(): Promise<openpgp.Key[]> {
    const file = this.path('trusted-keys.asc');
    if (!existsSync(file)) return [];
    const out: openpgp.Key[] = [];
    for (const block of readFileSync(file, 'utf8').split(/(?=-----BEGIN PGP PUBLIC KEY BLOCK-----)/)) {
      if (block.trim()) out.push(...(await readAnyKeys(block)));
    }
    return out;
  }

  async trusted(): Promise<SigningKeyInfo[]> {
    return Promise.all((await this.trustedKeys()).map((k) => describeKey(k)));
  }

  async trust(publicKey: string | Uint8Array): Promise<SigningKeyInfo[]> {
    const incoming = await readAnyKeys(publicKey);
    const keys = await this.trustedKeys();
    const have = new Set(keys.map((k) => k.getFingerprint()));
    for (const k of incoming) if (!have.has(k.getFingerprint())) keys.push(k.toPublic());
    this.writeTrusted(keys);
    return this.trusted();
  }

  async distrust(fingerprint: string): Promise<SigningKeyInfo[]> {
    this.writeTrusted((await this.trustedKeys()).filter((k) => k.getFingerprint().toUpperCase() !== fingerprint.toUpperCase()));
    return this.trusted();
  }

  private writeTrusted(keys: openpgp.Key[]): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(this.path('trusted-keys.asc'), keys.map((k) => k.armor()).join('\n'));
  }

  // ── cosign ──────────────────────────────────────────────────────────────

  cosignPrivateKey(): string | undefined {
    const file = this.path('cosign.key');
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }

  cosignKey(): CosignKeyInfo | undefined {
    const file = this.path('cosign.pub');
    if (!existsSync(file)) return undefined;
    const publicKeyPem = readFileSync(file, 'utf8');
    return { fingerprint: cosignKeyFingerprint(publicKeyPem), publicKeyPem };
  }

  /** A new cosign key pair (replacing an earlier one); its public key is trusted at once. */
  generateCosignKey(): CosignKeyInfo {
    const pair = generateCosignKeyPair();
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(this.path('cosign.key'), pair.privateKeyPem);
    chmodSync(this.path('cosign.key'), 0o600);
    writeFileAtomic(this.path('cosign.pub'), pair.publicKeyPem);
    this.trustCosign(pair.publicKeyPem);
    return this.cosignKey()!;
  }

  trustedCosignKeys(): string[] {
    const file = this.path('cosign-trusted.pem');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8').match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  }

  trustedCosign(): CosignKeyInfo[] {
    return this.trustedCosignKeys().map((publicKeyPem) => ({ fingerprint: cosignKeyFingerprint(publicKeyPem), publicKeyPem }));
  }

  trustCosign(publicKeyPem: string): CosignKeyInfo[] {
    const fingerprint = cosignKeyFingerprint(publicKeyPem);
    const keys = this.trustedCosignKeys();
    if (!keys.some((k) => cosignKeyFingerprint(k) === fingerprint)) keys.push(publicKeyPem.trim());
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(this.path('cosign-trusted.pem'), keys.map((k) => k.trim()).join('\n') + '\n');
    return this.trustedCosign();
  }

  distrustCosign(fingerprint: string): CosignKeyInfo[] {
    const keys = this.trustedCosignKeys().filter((k) => cosignKeyFingerprint(k) !== fingerprint.toLowerCase());
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(this.path('cosign-trusted.pem'), keys.map((k) => k.trim()).join('\n') + (keys.length ? '\n' : ''));
    return this.trustedCosign();
  }

  ociOrigin(packageSha256: string): OciRecord | undefined {
    const file = this.path(`oci/${packageSha256}.json`);
    try {
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as OciRecord) : undefined;
    } catch {
      return undefined;
    }
  }

  keepOciOrigin(packageSha256: string, record: OciRecord): void {
    if (!/^[0-9a-f]{64}$/.test(packageSha256)) throw new BerthFailure('input.invalid', 'A package digest is 64 hex characters.');
    writeFileAtomic(this.path(`oci/${packageSha256}.json`), JSON.stringify(record, null, 2) + '\n');
  }

  provenanceFor(packageSha256: string): string | undefined {
    const file = this.path(`prov/${packageSha256}.prov`);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }

  keepProvenance(packageSha256: string, prov: string): void {
    if (!/^[0-9a-f]{64}$/.test(packageSha256)) throw new BerthFailure('input.invalid', 'A package digest is 64 hex characters.');
    writeFileAtomic(this.path(`prov/${packageSha256}.prov`), prov);
  }
}
