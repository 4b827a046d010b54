/**
 * Checking a `.prov` file as `helm verify` does (pkg/provenance Signatory.Verify): the clearsigned
 * text must carry a good signature, and its `files:` entry for the package's file name must be
 * the package's sha256. Berth also tells a sound signature by an unknown key apart from a bad one.
 */
import type * as openpgp from 'openpgp';
import { loadOpenpgp } from './openpgp-module';
import type { ProvenanceCheck, ProvenanceSigner } from '../../shared/types/distribution';
import { sha256Hex } from './digest';
import { parseProvenanceMessage } from './prov-message';

function signerOf(key: openpgp.Key, keyId: string): ProvenanceSigner {
  return { fingerprint: key.getFingerprint().toUpperCase(), keyId, userIds: key.getUserIDs() };
}

function who(signer: ProvenanceSigner | undefined, keyId: string): string {
  return signer?.userIds[0] ?? `key ${keyId}`;
}

export async function verifyProvenance(
  packageBytes: Uint8Array,
  fileName: string,
  provText: string | undefined,
  trustedKeys: readonly openpgp.Key[],
): Promise<ProvenanceCheck> {
  if (provText === undefined) return { status: 'unsigned', message: 'This package has no provenance file, so its origin cannot be checked.' };
  const pgp = await loadOpenpgp();
  let message: openpgp.CleartextMessage;
  try {
    message = await pgp.readCleartextMessage({ cleartextMessage: provText });
  } catch {
    return { status: 'malformed', message: 'The provenance file is not a clearsigned OpenPGP message.' };
  }
  const parsed = parseProvenanceMessage(message.getText());
  if (!parsed) return { status: 'malformed', message: 'The provenance file does not hold Chart.yaml and a files: list as Helm writes them.' };

  const keyIds = message.getSigningKeyIDs().map((id) => id.toHex().toUpperCase());
  const keyId = keyIds[0] ?? 'unknown';
  const candidates = trustedKeys.filter((k) => k.getKeys().some((sub) => keyIds.includes(sub.getKeyID().toHex().toUpperCase())));
  if (candidates.length === 0) {
    return {
      status: 'unknown-signer',
      signer: { fingerprint: '', keyId, userIds: [] },
      message: `Signed with key ${keyId}, which is not among your trusted keys.`,
    };
  }
  let signer: ProvenanceSigner | undefined;
  try {
    const result = await pgp.verify({ message, verificationKeys: candidates, expectSigned: true });
    await result.signatures[0].verified;
    signer = signerOf(candidates[0], keyId);
  } catch {
    return {
      status: 'bad-signature',
      message: `The signature does not match the provenance text (${who(signerOf(candidates[0], keyId), keyId)}): the file was altered or is corrupt.`,
    };
  }
  const expected = `sha256:${sha256Hex(packageBytes)}`;
  const listed = parsed.files[fileName];
  if (listed === undefined) {
    return { status: 'digest-mismatch', signer, message: `The provenance file, signed by ${who(signer, keyId)}, does not list a file named ${fileName}.` };
  }
  if (listed !== expected) {
    return {
      status: 'digest-mismatch',
      signer,
      message: `The package is not the one ${who(signer, keyId)} signed: its sha256 differs from the provenance file.`,
    };
  }
  return { status: 'verified', signer, message: `Signed by ${who(signer, keyId)}; the package is exactly the one signed.` };
}
