/**
 * A small client for the OCI distribution HTTP API (the part Helm charts need): blobs,
 * manifests and tag lists, with HTTP Basic or token (Bearer) authentication negotiated from the
 * registry's WWW-Authenticate challenge, as Docker and ORAS clients do.
 */
import { createHash } from 'node:crypto';
import { BerthFailure } from '../../../shared/result';

export interface RegistryCredentials {
  username?: string;
  password?: string;
  /** A ready bearer token (e.g. a CI token); sent as is. */
  token?: string;
}

export interface RegistryClientOptions {
  registry: string;
  /** Talk plain HTTP instead of HTTPS (like helm's --plain-http), for local registries. */
  plainHttp?: boolean;
  credentials?: RegistryCredentials;
  fetchImpl?: typeof fetch;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
/** What a container runtime accepts when it pulls by tag: the digest it pins is the one of this document. */
const IMAGE_ACCEPT = [OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST].join(', ');

export function digestOf(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  for (const m of header.slice(space + 1).matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) params[m[1].toLowerCase()] = m[2];
  return { scheme, params };
}

export class RegistryClient {
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;
  private authorization: string | undefined;

  constructor(private readonly options: RegistryClientOptions) {
    this.base = `${options.plainHttp ? 'http' : 'https'}://${options.registry}`;
    this.fetchImpl = options.fetchImpl ?? fetch;
    if (options.credentials?.token) this.authorization = `Bearer ${options.credentials.token}`;
  }

  private async send(path: string, init: RequestInit, scope: string): Promise<Response> {
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    const attempt = () => {
      const headers = new Headers(init.headers);
      if (this.authorization) headers.set('authorization', this.authorization);
      return this.fetchImpl(url, { ...init, headers, redirect: 'follow' });
    };
    let res: Response;
    try {
      res = await attempt();
    } catch (e) {
      throw new BerthFailure(
        'distribution.unreachable',
        `Berth could not reach the registry ${this.options.registry} (${causeOf(e)}). Check the address and that it is running.`,
      );
    }
    if (res.status !== 401) return res;
    const challenge = res.headers.get('www-authenticate');
    await res.body?.cancel();
    if (!challenge) throw this.authFailed();
    const before = this.authorization;
    await this.authenticate(challenge, scope);
    if (this.authorization === before) throw this.authFailed();
    res = await attempt();
    if (res.status === 401) throw this.authFailed();
    return res;
  }

  private authFailed(): BerthFailure {
    const who = this.options.credentials?.username ? ` as ${this.options.credentials.username}` : '';
    return new BerthFailure(
      'distribution.auth-failed',
      `The registry ${this.options.registry} refused the sign-in${who}: check the username and password (or token).`,
    );
  }

  private async authenticate(header: string, scope: string): Promise<void> {
    const { scheme, params } = parseChallenge(header);
    const creds = this.options.credentials;
    const basic = creds?.username !== undefined ? `Basic ${Buffer.from(`${creds.username}:${creds.password ?? ''}`).toString('base64')}` : undefined;
    if (scheme === 'basic') {
      if (!basic) throw this.authFailed();
      this.authorization = basic;
      return;
    }
    if (scheme !== 'bearer' || !params.realm)
      throw new BerthFailure('distribution.bad-response', `The registry ${this.options.registry} asks for a sign-in Berth does not know (${scheme}).`);
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', params.scope ?? scope);
    let res: Response;
    try {
      res = await this.fetchImpl(url, { headers: basic ? { authorization: basic } : {} });
    } catch (e) {
      throw new BerthFailure('distribution.unreachable', `Berth could not reach the registry's token service ${url.host} (${causeOf(e)}).`);
    }
    if (res.status === 401 || res.status === 403) throw this.authFailed();
    if (!res.ok) throw new BerthFailure('distribution.bad-response', `The registry's token service answered ${res.status}.`);
    const body = (await res.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new BerthFailure('distribution.bad-response', 'The registry’s token service answered without a token.');
    this.authorization = `Bearer ${token}`;
  }

  private async fail(res: Response, what: string): Promise<never> {
    let detail = '';
    try {
      const body = (await res.json()) as { errors?: { code?: string; message?: string }[] };
      detail =
        body.errors
          ?.map((e) => e.message ?? e.code)
          .filter(Boolean)
          .join('; ') ?? '';
    } catch {
      // not a JSON error body
    }
    const suffix = detail ? `: ${detail}` : '';
    if (res.status === 403) throw new BerthFailure('distribution.refused', `The registry ${this.options.registry} does not allow you to ${what}${suffix}.`);
    if (res.status === 404)
      throw new BerthFailure('distribution.not-found', `The registry ${this.options.registry} has nothing at that place (${what})${suffix}.`);
    throw new BerthFailure('distribution.refused', `The registry ${this.options.registry} refused to ${what} (HTTP ${res.status})${suffix}.`);
  }

  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const res = await this.send(`/v2/${repository}/blobs/${digest}`, { method: 'HEAD' }, `repository:${repository}:pull`);
    await res.body?.cancel();
    if (res.status === 404) return false;
    if (!res.ok) return this.fail(res, `check blob ${digest}`);
    return true;
  }

  async pushBlob(repository: string, bytes: Uint8Array, digest = digestOf(bytes)): Promise<string> {
    const scope = `repository:${repository}:pull,push`;
    if (await this.hasBlob(repository, digest)) return digest;
    const start = await this.send(`/v2/${repository}/blobs/uploads/`, { method: 'POST', headers: { 'content-length': '0' } }, scope);
    await start.body?.cancel();
    if (start.status !== 202) return this.fail(start, `push to ${repository}`);
    const location = start.headers.get('location');
    if (!location) throw new BerthFailure('distribution.bad-response', `The registry ${this.options.registry} started an upload without saying where.`);
    const url = new URL(location, this.base);
    url.searchParams.set('digest', digest);
    const put = await this.send(url.toString(), { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes) }, scope);
    await put.body?.cancel();
    if (put.status !== 201) return this.fail(put, `store a layer in ${repository}`);
    return digest;
  }

  async putManifest(repository: string, reference: string, manifestBytes: Uint8Array, mediaType = OCI_MANIFEST): Promise<string> {
    const res = await this.send(
      `/v2/${repository}/manifests/${reference}`,
      { method: 'PUT', headers: { 'content-type': mediaType }, body: new Uint8Array(manifestBytes) },
      `repository:${repository}:pull,push`,
    );
    await res.body?.cancel();
    if (res.status !== 201) return this.fail(res, `tag ${repository}:${reference}`);
    return res.headers.get('docker-content-digest') ?? digestOf(manifestBytes);
  }

  async getManifest(repository: string, reference: string): Promise<{ manifest: ImageManifest; bytes: Uint8Array; digest: string }> {
    const res = await this.send(
      `/v2/${repository}/manifests/${reference}`,
      { headers: { accept: `${OCI_MANIFEST}, application/vnd.docker.distribution.manifest.v2+json` } },
      `repository:${repository}:pull`,
    );
    if (!res.ok) return this.fail(res, `read ${repository}:${reference}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    let manifest: ImageManifest;
    try {
      manifest = JSON.parse(Buffer.from(bytes).toString('utf8')) as ImageManifest;
    } catch {
      throw new BerthFailure('distribution.bad-response', `${repository}:${reference} is not a JSON manifest.`);
    }
    if (!manifest.config || !Array.isArray(manifest.layers))
      throw new BerthFailure('distribution.bad-response', `${repository}:${reference} is not an image manifest.`);
    return { manifest, bytes, digest: digestOf(bytes) };
  }

  /**
   * The digest a tag points to now, as `docker pull` pins it: HEAD with the index, manifest list and
   * manifest media types accepted, read from Docker-Content-Digest; registries that do not send it
   * are asked with GET and the body is hashed.
   */
  async resolveDigest(repository: string, reference: string): Promise<string> {
    const scope = `repository:${repository}:pull`;
    const head = await this.send(`/v2/${repository}/manifests/${reference}`, { method: 'HEAD', headers: { accept: IMAGE_ACCEPT } }, scope);
    await head.body?.cancel();
    if (!head.ok) return this.fail(head, `read ${repository}:${reference}`);
    const header = head.headers.get('docker-content-digest');
    if (header && /^sha256:[0-9a-f]{64}$/.test(header)) return header;
    const res = await this.send(`/v2/${repository}/manifests/${reference}`, { headers: { accept: IMAGE_ACCEPT } }, scope);
    if (!res.ok) return this.fail(res, `read ${repository}:${reference}`);
    return digestOf(new Uint8Array(await res.arrayBuffer()));
  }

  async getBlob(repository: string, digest: string): Promise<Uint8Array> {
    const res = await this.send(`/v2/${repository}/blobs/${digest}`, {}, `repository:${repository}:pull`);
    if (!res.ok) return this.fail(res, `read blob ${digest}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (digestOf(bytes) !== digest) throw new BerthFailure('distribution.bad-response', `The registry sent a blob whose sha256 is not ${digest}.`);
    return bytes;
  }

  /** Repository names in the registry (`/v2/_catalog`); registries may refuse to list. */
  async listRepositories(): Promise<string[]> {
    const names: string[] = [];
    let next: string | undefined = '/v2/_catalog?n=1000';
    while (next) {
      const res = await this.send(next, {}, 'registry:catalog:*');
      if (!res.ok) return this.fail(res, 'list its repositories');
      const body = (await res.json()) as { repositories?: string[] | null };
      names.push(...(body.repositories ?? []));
      const link = res.headers.get('link');
      const m = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link) : null;
      next = m ? m[1] : undefined;
    }
    return names;
  }

  /** Removes a tag's manifest (registries must allow deletes; Docker's needs storage.delete.enabled). */
  async deleteManifest(repository: string, digest: string): Promise<void> {
    const res = await this.send(`/v2/${repository}/manifests/${digest}`, { method: 'DELETE' }, `repository:${repository}:pull,push,delete`);
    await res.body?.cancel();
    if (res.status === 404) return;
    if (res.status !== 202 && res.status !== 200) return this.fail(res, `remove ${repository}@${digest}`);
  }

  async listTags(repository: string): Promise<string[]> {
    const tags: string[] = [];
    let next: string | undefined = `/v2/${repository}/tags/list?n=1000`;
    while (next) {
      const res = await this.send(next, {}, `repository:${repository}:pull`);
      if (res.status === 404) {
        await res.body?.cancel();
        return tags;
      }
      if (!res.ok) return this.fail(res, `list the tags of ${repository}`);
      const body = (await res.json()) as { tags?: string[] | null };
      tags.push(...(body.tags ?? []));
      const link = res.headers.get('link');
      const m = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link) : null;
      next = m ? m[1] : undefined;
    }
    return tags;
  }
}

function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}
