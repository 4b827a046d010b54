/**
 * Container image references resolved to the digest their tag points to, through the registry
 * v2 API as `docker pull` asks it (anonymous, or with the credentials saved for that registry;
 * Basic or token sign-in as the registry's challenge says). Docker Hub's short names are
 * normalised as Docker does: `nginx:1.25` is `registry-1.docker.io/library/nginx:1.25`.
 */
import { BerthFailure } from '../../../shared/result';
import type { ImageLock } from '../../../shared/types/image-digests';
import { RegistryClient, type RegistryCredentials } from './registry-client';

export interface ImageName {
  /** host[:port] to talk to. */
  registry: string;
  repository: string;
  /** A tag (default `latest`) or, when the reference carries one, the digest. */
  tag?: string;
  digest?: string;
}

const DOCKER_HUB = 'registry-1.docker.io';

/** Docker's rules: the first part is a registry when it has a dot or a port, or is `localhost`. */
export function parseImageName(ref: string): ImageName | undefined {
  const text = ref.trim();
  if (!text || /\s/.test(text)) return undefined;
  const [nameTag, digest] = text.split('@', 2);
  if (digest !== undefined && !/^sha256:[0-9a-f]{64}$/.test(digest)) return undefined;
  const slash = nameTag.indexOf('/');
  const first = slash >= 0 ? nameTag.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let rest = hasRegistry ? nameTag.slice(slash + 1) : nameTag;
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  if (tag !== undefined) rest = rest.slice(0, colon);
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(rest)) return undefined;
  if (tag !== undefined && !/^[\w][\w.-]{0,127}$/.test(tag)) return undefined;
  let registry = hasRegistry ? first : DOCKER_HUB;
  if (registry === 'docker.io' || registry === 'index.docker.io') registry = DOCKER_HUB;
  const repository = registry === DOCKER_HUB && !rest.includes('/') ? `library/${rest}` : rest;
  return { registry, repository, ...(digest ? { digest } : { tag: tag ?? 'latest' }) };
}

/** How to reach one registry: the credentials saved for it and whether it speaks plain HTTP. */
export interface RegistryAccess {
  credentials?: RegistryCredentials;
  plainHttp?: boolean;
}

export type RegistryAccessLookup = (registry: string) => RegistryAccess | undefined;

/** Docker's default: registries on the loopback interface are spoken to over plain HTTP. */
function isLoopback(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

export interface ResolveOptions {
  access?: RegistryAccessLookup;
  /** Per registry request (default 10 s), so an offline machine answers quickly. */
  timeoutMs?: number;
}

/** The digest `ref` points to now. Throws a BerthFailure with a sentence when it cannot be resolved. */
export async function resolveImageDigest(ref: string, options: ResolveOptions = {}): Promise<string> {
  const name = parseImageName(ref);
  if (!name) throw new BerthFailure('input.invalid', `“${ref}” is not an image reference Berth can look up.`);
  if (name.digest) return name.digest;
  const access = options.access?.(name.registry) ?? {};
  const timeoutMs = options.timeoutMs ?? 10_000;
  const client = new RegistryClient({
    registry: name.registry,
    plainHttp: access.plainHttp ?? isLoopback(name.registry),
    credentials: access.credentials,
    fetchImpl: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
  });
  return client.resolveDigest(name.repository, name.tag ?? 'latest');
}

/** Every image with its digest, or the sentence why it has none; never throws, so being offline never blocks an approval. */
export async function lockImages(images: string[], options: ResolveOptions = {}): Promise<ImageLock[]> {
  return Promise.all(
    images.map(async (image): Promise<ImageLock> => {
      try {
        return { image, digest: await resolveImageDigest(image, options) };
      } catch (e) {
        return { image, reason: e instanceof BerthFailure ? e.message : `Berth could not resolve it (${e instanceof Error ? e.message : String(e)}).` };
      }
    }),
  );
}
