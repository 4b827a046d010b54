/**
 * OpenPGP keys for chart provenance. Berth signs with a key kept in the publisher's data dir
 * (never in the catalog) and hands out the public half two ways: ASCII-armored for people and
 * Berth's trusted keys, and as a binary keyring file, the only form `helm verify --keyring`
 * reads (ProtonMail/go-crypto openpgp.ReadKeyRing does not take armor).
 */
import type * as openpgp from 'openpgp';
import { loadOpenpgp } from './openpgp-module';
import { BerthFailure } from '../../shared/result';
import type { SigningKeyInfo } from '../../shared/types/distribution';

export interface GeneratedSigningKey extends SigningKeyInfo {
  armoredPrivateKey: string;
}

export async function generateSigningKey(identity: { name: string; email?: string }, passphrase?: string): Promise<GeneratedSigningKey> {
  const { privateKey, publicKey } = await (await loadOpenpgp()).generateKey({
    type: 'ecc',
    curve: 'ed25519Legacy',
    userIDs: [identity.email ? { name: identity.name, email: identity.email } : { name: identity.name }],
    passphrase,
    format: 'armored',
  });
  const info = await describeKey(publicKey);
  return { ...info, armoredPrivateKey: privateKey };
}

export async function readAnyKeys(text: string | Uint8Array): Promise<openpgp.Key[]> {
  const pgp = await loadOpenpgp();
  try {
    if (typeof text !== 'string') {
      const asText = Buffer.from(text).toString('latin1');
      if (!asText.includes('-----BEGIN PGP')) return await pgp.readKeys({ binaryKeys: text });
      text = Buffer.from(text).toString('utf8');
    }
    return await pgp.readKeys({ armoredKeys: text });
  } catch (e) {
    throw new BerthFailure('input.invalid', `That is not an OpenPGP key Berth can read (${e instanceof Error ? e.message : 'unknown format'}).`);
  }
}

export async function describeKey(key: openpgp.Key | string): Promise<SigningKeyInfo> {
  const k = typeof key === 'string' ? (await readAnyKeys(key))[0] : key;
  return {
    fingerprint: k.getFingerprint().toUpperCase(),
    userIds: k.getUserIDs(),
    armoredPublicKey: k.toPublic().armor(),
    created: k.getCreationTime().toISOString(),
  };
}

/** Loads the signing key, decrypting it with the passphrase when it is protected. */
export async function readSigningKey(armoredPrivateKey: string, passphrase?: string): Promise<openpgp.PrivateKey> {
  const pgp = await loadOpenpgp();
  let key: openpgp.PrivateKey;
  try {
    key = await pgp.readPrivateKey({ armoredKey: armoredPrivateKey });
  } catch {
    throw new BerthFailure('input.invalid', 'The signing key is not an OpenPGP private key.');
  }
  if (key.isDecrypted()) return key;
  if (!passphrase) throw new BerthFailure('input.invalid', 'The signing key is protected by a passphrase; enter it to sign.');
  try {
    return await pgp.decryptKey({ privateKey: key, passphrase });
  } catch {
    throw new BerthFailure('input.invalid', 'The passphrase does not unlock the signing key.');
  }
}

/** Public keys as one binary keyring (concatenated transferable public keys), for `helm verify --keyring`. */
export async function binaryKeyring(publicKeys: readonly (string | openpgp.Key)[]): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (const k of publicKeys) {
    const keys = typeof k === 'string' ? await readAnyKeys(k) : [k];
    for (const key of keys) parts.push(key.toPublic().write());
  }
  return Buffer.concat(parts);
}

/** Secret keys as a binary keyring, the form `helm package --sign --keyring` reads. */
export async function binarySecretKeyring(armoredPrivateKey: string): Promise<Uint8Array> {
  const key = await (await loadOpenpgp()).readPrivateKey({ armoredKey: armoredPrivateKey });
  return key.write();
}
