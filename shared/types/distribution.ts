/** Distribution: S3 catalog store, Helm repository and OCI publishing, import, provenance, air-gap bundles. */

// ── provenance ────────────────────────────────────────────────────────────────
export type ProvenanceStatus =
  /** Signed by a trusted key, and the package digest matches. */
  | 'verified'
  /** The signature is sound but the key is not among the trusted ones. */
  | 'unknown-signer'
  /** The signature does not match the signed text (tampered or corrupt). */
  | 'bad-signature'
  /** The signature holds but names another package (different sha256 or file name). */
  | 'digest-mismatch'
  /** Not a Helm provenance file. */
  | 'malformed'
  /** No .prov file came with the package. */
  | 'unsigned';

export interface ProvenanceSigner {
  /** Upper-case hex fingerprint of the signing (primary) key. */
  fingerprint: string;
  /** 16-hex key id the signature names. */
  keyId: string;
  userIds: string[];
}

export interface ProvenanceCheck {
  status: ProvenanceStatus;
  signer?: ProvenanceSigner;
  /** For people: what was checked and what it means. */
  message: string;
}

export interface SigningKeyInfo {
  fingerprint: string;
  userIds: string[];
  /** ASCII-armored public key to hand to store users (`gpg --import`, or Berth's trusted keys). */
  armoredPublicKey: string;
  created: string;
}
