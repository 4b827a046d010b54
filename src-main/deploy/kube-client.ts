/**
 * A small Kubernetes REST client over node:https: the connection and credentials of one
 * kubeconfig context, JSON in and out, and API errors turned into KubeApiError values.
 */
import { readFileSync } from 'node:fs';
import { Agent, request as httpsRequest, type RequestOptions } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { BerthFailure, Sentence } from '../../shared/result';
import { refusal, sentence } from '../sentences';
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

function fileOrData(file: string | undefined, data: string | undefined, what: Sentence): Buffer | undefined {
  if (data) return Buffer.from(data, 'base64');
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch {
    throw refusal('cluster.unreachable', 'kube.unreadable', { what, file }, { file });
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
      throw refusal('input.invalid', 'kube.notUrl', { server: target.cluster.server });
    }
    if (target.user.authProvider && !target.user.token && !target.user.exec) {
      throw refusal('cluster.unreachable', 'kube.authProvider', { context: target.context.name, provider: target.user.authProvider });
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
        throw refusal('cluster.unreachable', 'kube.unreadable', { what: sentence('kube.tokenFile'), file: user.tokenFile });
      }
    }
    return {
      token,
      cert: fileOrData(user.clientCertificate, user.clientCertificateData, sentence('kube.clientCertificate')),
      key: fileOrData(user.clientKey, user.clientKeyData, sentence('kube.clientKey')),
    };
  }

  private agentFor(cert?: Buffer, key?: Buffer): Agent {
    if (this.agent) return this.agent;
    const { cluster } = this.target;
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: 8,
      ca: fileOrData(cluster.certificateAuthority, cluster.certificateAuthorityData, sentence('kube.certificateAuthority')),
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
      throw refusal('cluster.unreachable', 'kube.unauthorized', { server: this.server, context: this.target.context.name });
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
    const where = { server: this.server, context: this.target.context.name };
    const cause = this.unreachableCause(e);
    return cause
      ? refusal('cluster.unreachable', 'kube.unreachable', { ...where, cause }, { server: this.server })
      : refusal('cluster.unreachable', 'kube.unreachableSaying', { ...where, reason: e.message }, { server: this.server });
  }

  /** Why the cluster cannot be reached, in Berth's words; undefined for an error only Node can say. */
  private unreachableCause(e: NodeJS.ErrnoException): Sentence | undefined {
    if (e.code === 'ECONNREFUSED') return sentence('kube.cause.refused');
    if (e.code === 'ENOTFOUND') return sentence('kube.cause.noHost');
    if (e.code === 'TLS_HANDSHAKE_TIMEOUT') return sentence('kube.cause.tlsTimeout', { seconds: TLS_HANDSHAKE_TIMEOUT_MS / 1000 });
    const untrusted =
      e.code?.startsWith('ERR_TLS') ||
      e.code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
      e.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
      e.code === 'SELF_SIGNED_CERT_IN_CHAIN' ||
      e.code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY';
    if (untrusted && e.code) {
      const named = this.target.cluster.certificateAuthority || this.target.cluster.certificateAuthorityData;
      return sentence(named ? 'kube.cause.untrustedByCa' : 'kube.cause.untrusted', { code: e.code });
    }
    return e.message === 'timed out' ? sentence('kube.cause.noAnswer') : undefined;
  }

  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }
}
