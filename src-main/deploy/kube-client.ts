/**
 * A small Kubernetes REST client over node:https: the connection and credentials of one
 * kubeconfig context, JSON in and out, and API errors turned into KubeApiError values.
 */
import { readFileSync } from 'node:fs';
import { Agent, request as httpsRequest, type RequestOptions } from 'node:https';
import { request as httpRequest } from 'node:http';
import { BerthFailure } from '../../shared/result';
import { runExecPlugin, type ExecCredential } from './exec-credential';
import type { ResolvedContext } from './kubeconfig';

/** A Status object the API server answered with (404, 409, 422, 403…). */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly details?: { causes?: { reason?: string; message?: string; field?: string }[]; kind?: string; name?: string; group?: string },
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
// Go's http.DefaultTransport TLSHandshakeTimeout, which helm and kubectl inherit: a server that
// accepts the connection but never completes the handshake fails in 10 s, not at the request timeout.
const TLS_HANDSHAKE_TIMEOUT_MS = 10_000;

function fileOrData(file: string | undefined, data: string | undefined, what: string): Buffer | undefined {
  if (data) return Buffer.from(data, 'base64');
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch {
    throw new BerthFailure('cluster.unreachable', `The kubeconfig names ${what} ${file}, which cannot be read.`, { file });
  }
}

export class KubeClient {
  private readonly base: URL;
  private execCredential?: ExecCredential;
  private agent?: Agent;

  constructor(readonly target: ResolvedContext) {
    try {
      this.base = new URL(target.cluster.server);
    } catch {
      throw new BerthFailure('input.invalid', `The cluster address “${target.cluster.server}” is not a URL.`);
    }
    if (target.user.authProvider && !target.user.token && !target.user.exec) {
      throw new BerthFailure(
        'cluster.unreachable',
        `Context “${target.context.name}” uses the “${target.user.authProvider}” auth provider, which Kubernetes removed; switch it to its exec credential plugin (as kubectl asks you to).`,
      );
    }
  }

  get server(): string {
    return this.target.cluster.server;
  }

  /** The context's default namespace. */
  get namespace(): string {
    return this.target.namespace;
  }

  private async credentials(refresh = false): Promise<{ token?: string; cert?: Buffer; key?: Buffer }> {
    const { user } = this.target;
    if (user.exec) {
      const expired = this.execCredential?.expiresAt !== undefined && this.execCredential.expiresAt - 10_000 < Date.now();
      if (!this.execCredential || expired || refresh) {
        this.execCredential = await runExecPlugin(user.exec, this.target.cluster);
        this.agent = undefined;
      }
      const c = this.execCredential;
      return {
        token: c.token,
        cert: c.clientCertificateData ? Buffer.from(c.clientCertificateData) : undefined,
        key: c.clientKeyData ? Buffer.from(c.clientKeyData) : undefined,
      };
    }
    let token = user.token;
    if (!token && user.tokenFile) {
      try {
        token = readFileSync(user.tokenFile, 'utf8').trim();
      } catch {
        throw new BerthFailure('cluster.unreachable', `The kubeconfig names token file ${user.tokenFile}, which cannot be read.`);
      }
    }
    return {
      token,
      cert: fileOrData(user.clientCertificate, user.clientCertificateData, 'client certificate'),
      key: fileOrData(user.clientKey, user.clientKeyData, 'client key'),
    };
  }

  private agentFor(cert?: Buffer, key?: Buffer): Agent {
    if (this.agent) return this.agent;
    const { cluster } = this.target;
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: 8,
      ca: fileOrData(cluster.certificateAuthority, cluster.certificateAuthorityData, 'certificate authority'),
      cert,
      key,
      rejectUnauthorized: !cluster.insecureSkipTlsVerify,
      servername: cluster.tlsServerName,
    });
    return this.agent;
  }

  /** Sends one request; parses JSON answers; throws KubeApiError for API refusals. */
  async request<T = unknown>(req: KubeRequest): Promise<T> {
    const first = await this.send(req, false);
    // An expired exec credential shows up as 401: fetch a fresh one once, as client-go does.
    const answer = first.status === 401 && this.target.user.exec ? await this.send(req, true) : first;
    return this.interpret<T>(answer, req);
  }

  private interpret<T>(answer: { status: number; body: string }, req: KubeRequest): T {
    const { status, body } = answer;
    let json: unknown = undefined;
    if (body) {
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
    }
    if (status >= 200 && status < 300) return (json ?? body) as T;
    const s = (json ?? {}) as { reason?: string; message?: string; details?: KubeApiError['details'] };
    if (status === 401) {
      throw new BerthFailure(
        'cluster.unreachable',
        `The cluster at ${this.server} did not accept the credentials of context “${this.target.context.name}” (401 Unauthorized).`,
      );
    }
    const message = s.message ?? (body.trim().slice(0, 300) || `HTTP ${status} for ${req.method} ${req.path}`);
    throw new KubeApiError(status, s.reason ?? String(status), message, s.details);
  }

  private async send(req: KubeRequest, refresh: boolean): Promise<{ status: number; body: string }> {
    const creds = await this.credentials(refresh);
    const url = new URL(this.base.pathname.replace(/\/$/, '') + req.path, this.base);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { Accept: req.accept ?? 'application/json', 'User-Agent': 'berth' };
    if (creds.token) headers.Authorization = `Bearer ${creds.token}`;
    else if (this.target.user.username) {
      headers.Authorization = `Basic ${Buffer.from(`${this.target.user.username}:${this.target.user.password ?? ''}`).toString('base64')}`;
    }
    let payload: Buffer | undefined;
    if (req.body !== undefined) {
      payload = Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = String(payload.length);
    }
    const options: RequestOptions = { method: req.method, headers, timeout: req.timeoutMs ?? DEFAULT_TIMEOUT_MS };
    const isHttps = url.protocol === 'https:';
    if (isHttps) options.agent = this.agentFor(creds.cert, creds.key);
    return new Promise((done, fail) => {
      const r = (isHttps ? httpsRequest : httpRequest)(url, options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', fail);
      });
      r.on('timeout', () => r.destroy(new Error('timed out')));
      r.on('socket', (socket) => {
        // a socket reused from the keep-alive pool is connected already
        if (!socket.connecting) return;
        const timer = setTimeout(
          () => r.destroy(Object.assign(new Error('TLS handshake timeout'), { code: 'TLS_HANDSHAKE_TIMEOUT' })),
          TLS_HANDSHAKE_TIMEOUT_MS,
        );
        socket.once(isHttps ? 'secureConnect' : 'connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      r.on('error', (e: NodeJS.ErrnoException) => fail(this.unreachable(e)));
      if (payload) r.write(payload);
      r.end();
    });
  }

  private unreachable(e: NodeJS.ErrnoException): BerthFailure {
    const where = `the cluster at ${this.server} (context “${this.target.context.name}”)`;
    const why =
      e.code === 'ECONNREFUSED'
        ? 'nothing is listening there; is the cluster running?'
        : e.code === 'ENOTFOUND'
          ? 'the host name does not resolve.'
          : e.code === 'TLS_HANDSHAKE_TIMEOUT'
            ? `it accepted the connection but did not complete the TLS handshake within ${TLS_HANDSHAKE_TIMEOUT_MS / 1000} s (TLS handshake timeout).`
            : e.code?.startsWith('ERR_TLS') ||
                e.code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
                e.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
                e.code === 'SELF_SIGNED_CERT_IN_CHAIN' ||
                e.code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
              ? this.target.cluster.certificateAuthority || this.target.cluster.certificateAuthorityData
                ? `its certificate is not trusted by the kubeconfig's certificate authority (${e.code}).`
                : `its certificate is not trusted by this system, and the kubeconfig names no certificate authority for the cluster; add certificate-authority-data to the cluster entry (${e.code}).`
              : e.message === 'timed out'
                ? 'it did not answer in time.'
                : e.message;
    return new BerthFailure('cluster.unreachable', `Berth could not reach ${where}: ${why}`, { server: this.server });
  }

  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }
}
