/**
 * cosign signatures of OCI artifacts (here: Helm charts), in the format `cosign sign --key`
 * writes and `cosign verify --key` reads (sigstore/cosign's signature specification):
 *   - the signature of `repo@sha256:<hex>` lives at the tag `repo:sha256-<hex>.sig`, an OCI image
 *     manifest whose layers are signatures (more signers add layers);
 *   - each layer is a "simple signing" payload (media type application/vnd.dev.cosign.simplesigning.v1+json)
 *     naming the signed manifest digest, with the base64 ECDSA P-256 / SHA-256 signature (ASN.1 DER) of
 *     the payload bytes in the layer annotation `dev.cosignproject.cosign/signature`.
 * No transparency log is written or read: signing and verifying work offline, against a public key.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { BerthFailure } from '../../../shared/result';
import type { CosignCheck } from '../../../shared/types/distribution';
import { digestOf, OCI_MANIFEST, type Descriptor, type ImageManifest, type RegistryClient } from './registry-client';

export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';

export interface CosignKeyPair {
  /** PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`); `cosign import-key-pair` takes it. */
  privateKeyPem: string;
  /** PKIX PEM (`-----BEGIN PUBLIC KEY-----`), as `cosign generate-key-pair` writes cosign.pub. */
  publicKeyPem: string;
}

export function generateCosignKeyPair(): CosignKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** A public key in PEM, checked to be an ECDSA P-256 key (what cosign key pairs are). */
export function readCosignPublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new BerthFailure('input.invalid', 'That is not a PEM public key (cosign.pub starts with -----BEGIN PUBLIC KEY-----).');
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new BerthFailure('input.invalid', 'Berth checks cosign signatures made with ECDSA P-256 keys (cosign generate-key-pair); that key is another kind.');
  }
  return key;
}

/** sha256 of the key's DER (SubjectPublicKeyInfo), hex: how Berth names a cosign key. */
export function cosignKeyFingerprint(pem: string): string {
  return createHash('sha256')
    .update(readCosignPublicKey(pem).export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export function signatureTag(manifestDigest: string): string {
  if (!/^sha256:[0-9a-f]{64}$/.test(manifestDigest)) throw new BerthFailure('input.invalid', `${manifestDigest} is not a sha256 digest.`);
  return `${manifestDigest.replace(':', '-')}.sig`;
}

/** The simple signing payload cosign signs: the repository as `docker-reference`, the manifest digest. */
export function simpleSigningPayload(dockerReference: string, manifestDigest: string): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': dockerReference },
        image: { 'docker-manifest-digest': manifestDigest },
        type: 'cosign container image signature',
      },
      optional: null,
    }),
  );
}

async function existingSignatures(client: RegistryClient, repository: string, tag: string): Promise<Descriptor[]> {
  try {
    return (await client.getManifest(repository, tag)).manifest.layers;
  } catch (e) {
    if (e instanceof BerthFailure && e.code === 'distribution.not-found') return [];
    throw e;
  }
}

/**
 * Signs `repository@manifestDigest` on `registry` with a cosign private key (PEM), adding a layer to
 * the `.sig` manifest (a signature already there from the same payload and signer is kept once).
 */
export async function cosignSign(client: RegistryClient, registry: string, repository: string, manifestDigest: string, privateKeyPem: string): Promise<string> {
  const tag = signatureTag(manifestDigest);
  const payload = simpleSigningPayload(`${registry}/${repository}`, manifestDigest);
  const signature = sign('sha256', payload, createPrivateKey(privateKeyPem)).toString('base64');
  await client.pushBlob(repository, payload);
  const layer: Descriptor = {
    mediaType: SIMPLE_SIGNING_MEDIA_TYPE,
    size: payload.length,
    digest: digestOf(payload),
    annotations: { [SIGNATURE_ANNOTATION]: signature },
  };
  const publicPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  // ECDSA signatures differ each time: keep earlier layers, except this signer's over the same payload
  const layers = (await existingSignatures(client, repository, tag)).filter((l) => !(l.digest === layer.digest && signedBy(payload, l, publicPem)));
  layers.push(layer);
  const config = new TextEncoder().encode(
    JSON.stringify({
      architecture: '',
      created: '0001-01-01T00:00:00Z',
      history: [{ created: '0001-01-01T00:00:00Z' }],
      os: '',
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
      config: {},
    }),
  );
  await client.pushBlob(repository, config);
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: OCI_CONFIG, size: config.length, digest: digestOf(config) },
    layers,
  };
  await client.putManifest(repository, tag, new TextEncoder().encode(JSON.stringify(manifest)));
  return `${registry}/${repository}:${tag}`;
}

function signedBy(payload: Uint8Array, layer: Descriptor, publicKeyPem: string): boolean {
  const signature = layer.annotations?.[SIGNATURE_ANNOTATION];
  if (!signature) return false;
  try {
    return verify('sha256', payload, readCosignPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Checks the cosign signatures of `repository@manifestDigest` against trusted public keys (PEM):
 * verified when one trusted key signed a payload naming exactly this digest.
 */
export async function cosignVerify(client: RegistryClient, repository: string, manifestDigest: string, trustedKeys: readonly string[]): Promise<CosignCheck> {
  const layers = (await existingSignatures(client, repository, signatureTag(manifestDigest))).filter(
    (l) => l.mediaType === SIMPLE_SIGNING_MEDIA_TYPE && l.annotations?.[SIGNATURE_ANNOTATION],
  );
  if (layers.length === 0) return { status: 'unsigned', message: `No cosign signature is stored for ${repository}@${manifestDigest}.` };
  let other: CosignCheck | undefined;
  for (const layer of layers) {
    const payload = await client.getBlob(repository, layer.digest);
    let named: string | undefined;
    try {
      named = (JSON.parse(Buffer.from(payload).toString('utf8')) as { critical?: { image?: { 'docker-manifest-digest'?: string } } }).critical?.image?.[
        'docker-manifest-digest'
      ];
    } catch {
      named = undefined;
    }
    const signer = trustedKeys.find((k) => signedBy(payload, layer, k));
    if (signer && named === manifestDigest) {
      return {
        status: 'verified',
        keyFingerprint: cosignKeyFingerprint(signer),
        message: `Signed with cosign by a trusted key (${cosignKeyFingerprint(signer).slice(0, 16)}…); no transparency log was consulted.`,
      };
    }
    if (signer)
      other = { status: 'digest-mismatch', message: `A trusted key's cosign signature names ${named ?? 'no digest'}, not this chart (${manifestDigest}).` };
  }
  return (
    other ?? {
      status: 'unknown-signer',
      message: `The chart carries ${layers.length === 1 ? 'a cosign signature' : `${layers.length} cosign signatures`}, but none by a key you trust.`,
    }
  );
}
