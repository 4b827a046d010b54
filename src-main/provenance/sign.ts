/** Signing a chart package the way `helm package --sign` does: a clearsigned provenance message. */
import type { ChartMetadata } from '../chart/metadata';
import { readSigningKey } from './keys';
import { loadOpenpgp } from './openpgp-module';
import { provenanceMessage } from './prov-message';

export interface SigningKey {
  armoredPrivateKey: string;
  passphrase?: string;
}

/** Returns the `.prov` text for the package stored as `fileName` (e.g. `emqx-v4.0.2.tgz`). */
export async function signPackage(packageBytes: Uint8Array, fileName: string, metadata: ChartMetadata, key: SigningKey): Promise<string> {
  const openpgp = await loadOpenpgp();
  const signingKey = await readSigningKey(key.armoredPrivateKey, key.passphrase);
  const message = await openpgp.createCleartextMessage({ text: provenanceMessage(packageBytes, fileName, metadata) });
  // Helm signs with SHA-512 (pkg/provenance defaultPGPConfig); so do we.
  return openpgp.sign({ message, signingKeys: signingKey, config: { preferredHashAlgorithm: openpgp.enums.hash.sha512 } });
}
