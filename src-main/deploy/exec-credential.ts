/**
 * client-go's exec credential plugins (aws eks get-token, gke-gcloud-auth-plugin, kubelogin…):
 * run the command, read an ExecCredential from its stdout, reuse it until it expires.
 * https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins
 */
import { spawn } from 'node:child_process';
import { isAbsolute, resolve } from 'node:path';
import { BerthFailure } from '../../shared/result';
import type { ExecConfig, KubeCluster } from './kubeconfig';

export interface ExecCredential {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  /** Epoch ms after which the credential must be fetched again; undefined = until refused. */
  expiresAt?: number;
}

const EXEC_TIMEOUT_MS = 60_000;

function commandPath(exec: ExecConfig): string {
  // client-go resolves a command with a path separator against the kubeconfig's folder.
  return exec.command.includes('/') && !isAbsolute(exec.command) ? resolve(exec.baseDir, exec.command) : exec.command;
}

export async function runExecPlugin(exec: ExecConfig, cluster: KubeCluster): Promise<ExecCredential> {
  if (exec.interactiveMode === 'Always') {
    throw new BerthFailure(
      'cluster.unreachable',
      `The kubeconfig's credential plugin “${exec.command}” needs an interactive terminal, which Berth cannot give it. Log in with it in a terminal first, or use a context with a non-interactive plugin.`,
    );
  }
  const spec: Record<string, unknown> = { interactive: false };
  if (exec.provideClusterInfo) {
    spec.cluster = {
      server: cluster.server,
      'certificate-authority-data': cluster.certificateAuthorityData,
      'insecure-skip-tls-verify': cluster.insecureSkipTlsVerify,
      'tls-server-name': cluster.tlsServerName,
    };
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const e of exec.env) env[e.name] = e.value;
  env.KUBERNETES_EXEC_INFO = JSON.stringify({ apiVersion: exec.apiVersion, kind: 'ExecCredential', spec });

  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(commandPath(exec), exec.args, { env, cwd: exec.baseDir, stdio: ['ignore', 'pipe', 'pipe'], timeout: EXEC_TIMEOUT_MS });
    let out = '';
    let errText = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (errText += d.toString('utf8')));
    child.on('error', fail);
    child.on('close', (c) => done({ code: c, stdout: out, stderr: errText }));
  }).catch((e: NodeJS.ErrnoException) => {
    const hint = exec.installHint ? ` ${exec.installHint.trim()}` : '';
    if (e.code === 'ENOENT')
      throw new BerthFailure('cluster.unreachable', `The kubeconfig's credential plugin “${exec.command}” is not installed or not on PATH.${hint}`);
    throw new BerthFailure('cluster.unreachable', `The credential plugin “${exec.command}” could not be started: ${e.message}`);
  });
  if (code !== 0) {
    const why = stderr.trim().split('\n').slice(-3).join(' ').slice(0, 400);
    throw new BerthFailure('cluster.unreachable', `The credential plugin “${exec.command}” failed (exit ${code})${why ? `: ${why}` : '.'}`);
  }
  let status: Record<string, unknown>;
  try {
    const parsed = JSON.parse(stdout) as { status?: Record<string, unknown> };
    status = parsed.status ?? {};
  } catch {
    throw new BerthFailure('cluster.unreachable', `The credential plugin “${exec.command}” printed something that is not an ExecCredential.`);
  }
  const cred: ExecCredential = {};
  if (typeof status.token === 'string') cred.token = status.token;
  if (typeof status.clientCertificateData === 'string') cred.clientCertificateData = status.clientCertificateData;
  if (typeof status.clientKeyData === 'string') cred.clientKeyData = status.clientKeyData;
  if (typeof status.expirationTimestamp === 'string') {
    const t = Date.parse(status.expirationTimestamp);
    if (!Number.isNaN(t)) cred.expiresAt = t;
  }
  if (!cred.token && !(cred.clientCertificateData && cred.clientKeyData)) {
    throw new BerthFailure('cluster.unreachable', `The credential plugin “${exec.command}” returned neither a token nor a client certificate.`);
  }
  return cred;
}
