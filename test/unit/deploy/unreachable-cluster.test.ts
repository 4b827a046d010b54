/**
 * Clusters that cannot be talked to fail fast and say why: a server that accepts the connection
 * but never speaks TLS fails at Go's TLS handshake timeout (as helm does), and a certificate the
 * system does not trust is not blamed on a certificate authority the kubeconfig never named.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../../src-main/deploy/cluster';

const dir = mkdtempSync(join(tmpdir(), 'berth-unreachable-'));
const sockets: Socket[] = [];
const closers: (() => void)[] = [];
afterAll(() => {
  for (const s of sockets) s.destroy();
  for (const c of closers) c();
});

function kubeconfig(server: string): string {
  const p = join(dir, `kubeconfig-${Math.random().toString(36).slice(2)}`);
  writeFileSync(
    p,
    `apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster:\n    server: ${server}\ncontexts:\n- name: c\n  context:\n    cluster: k\n    user: u\nusers:\n- name: u\n  user:\n    token: t\n`,
  );
  return p;
}

describe('an unreachable cluster', () => {
  it('that accepts TCP but never answers fails within 15 s with the TLS handshake timeout', async () => {
    const silent = createNetServer((s) => sockets.push(s));
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    closers.push(() => silent.close());
    const started = Date.now();
    await expect(connect({ kubeconfig: kubeconfig(`https://127.0.0.1:${(silent.address() as AddressInfo).port}`) })).rejects.toThrow(/TLS handshake timeout/);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);

  it("with no certificate authority in the kubeconfig does not blame the kubeconfig's", async () => {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'],
      { stdio: 'ignore' },
    );
    const { readFileSync } = await import('node:fs');
    const server = createTlsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    closers.push(() => server.close());
    const failure = await connect({ kubeconfig: kubeconfig(`https://127.0.0.1:${(server.address() as AddressInfo).port}`) }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(failure?.message).toMatch(/not trusted by this system, and the kubeconfig names no certificate authority/);
    expect(failure?.message).not.toMatch(/kubeconfig's certificate authority/);
  }, 30_000);
});
