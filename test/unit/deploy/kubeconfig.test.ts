import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeKubeconfig } from '../../../src-main/deploy/cluster';
import { runExecPlugin } from '../../../src-main/deploy/exec-credential';
import { kubeconfigPaths, loadKubeconfig, resolveContext } from '../../../src-main/deploy/kubeconfig';
import { BerthFailure } from '../../../shared/result';

function write(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const first = `
apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: dev-cluster
  cluster: { server: https://127.0.0.1:6443, certificate-authority: certs/ca.crt }
contexts:
- name: dev
  context: { cluster: dev-cluster, user: dev-user, namespace: team-a }
- name: shared
  context: { cluster: dev-cluster, user: exec-user }
users:
- name: dev-user
  user: { token: abc }
- name: exec-user
  user:
    exec: { apiVersion: client.authentication.k8s.io/v1, command: ./plugin.sh, args: [x] }
`;
const second = `
apiVersion: v1
kind: Config
current-context: other
clusters:
- name: dev-cluster
  cluster: { server: https://ignored.example }
- name: prod
  cluster: { server: https://10.0.0.1 }
contexts:
- name: shared
  context: { cluster: prod, user: cert-user }
- name: prod
  context: { cluster: prod, user: cert-user }
users:
- name: cert-user
  user: { client-certificate: /abs/tls.crt, client-key: key.pem }
`;

describe('kubeconfig, read as kubectl reads it', () => {
  it('merges the KUBECONFIG list with the first file winning, resolving relative paths per file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-kc-'));
    const a = write(dir, 'a.yaml', first);
    const b = write(dir, 'b.yaml', second);
    const paths = kubeconfigPaths(undefined, { KUBECONFIG: `${a}:${join(dir, 'missing.yaml')}:${b}`, HOME: dir });
    const config = loadKubeconfig(paths);
    expect(config.files).toEqual([a, b]);
    expect(config.currentContext).toBe('dev');
    expect(config.clusters.get('dev-cluster')?.server).toBe('https://127.0.0.1:6443');
    expect(config.clusters.get('dev-cluster')?.certificateAuthority).toBe(join(dir, 'certs/ca.crt'));
    expect(config.contexts.get('shared')?.user).toBe('exec-user');
    expect(config.users.get('cert-user')?.clientKey).toBe(join(dir, 'key.pem'));
    expect(config.users.get('exec-user')?.exec?.baseDir).toBe(dir);

    const info = describeKubeconfig({ kubeconfig: undefined });
    expect(Array.isArray(info.contexts)).toBe(true);
    const resolved = resolveContext(config);
    expect(resolved.namespace).toBe('team-a');
    expect(resolveContext(config, 'prod').namespace).toBe('default');
  });

  it('falls back to ~/.kube/config and names the auth method of each context', () => {
    const home = mkdtempSync(join(tmpdir(), 'berth-home-'));
    expect(kubeconfigPaths(undefined, { HOME: home })).toEqual([join(home, '.kube', 'config')]);
    const dir = mkdtempSync(join(tmpdir(), 'berth-kc-'));
    const a = write(dir, 'a.yaml', first);
    const b = write(dir, 'b.yaml', second);
    const prev = process.env.KUBECONFIG;
    process.env.KUBECONFIG = `${a}:${b}`;
    try {
      const info = describeKubeconfig();
      const byName = Object.fromEntries(info.contexts.map((c) => [c.name, c]));
      expect(byName.dev).toMatchObject({ auth: 'token', namespace: 'team-a', current: true, server: 'https://127.0.0.1:6443' });
      expect(byName.shared.auth).toBe('exec');
      expect(byName.prod.auth).toBe('client-certificate');
    } finally {
      process.env.KUBECONFIG = prev;
    }
  });

  it('refuses a missing context plainly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-kc-'));
    const config = loadKubeconfig([write(dir, 'a.yaml', first)]);
    expect(() => resolveContext(config, 'nope')).toThrow(/no context named “nope”/);
    expect(() => resolveContext(loadKubeconfig([join(dir, 'none')]))).toThrow(BerthFailure);
  });

  it('runs an exec credential plugin relative to its kubeconfig and reads its token and expiry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-exec-'));
    const plugin = write(
      dir,
      'plugin.sh',
      '#!/bin/sh\necho "{\\"apiVersion\\":\\"client.authentication.k8s.io/v1\\",\\"kind\\":\\"ExecCredential\\",\\"status\\":{\\"token\\":\\"tok-$1-$MY_ENV\\",\\"expirationTimestamp\\":\\"2099-01-01T00:00:00Z\\"}}"\n',
    );
    chmodSync(plugin, 0o755);
    const cred = await runExecPlugin(
      { apiVersion: 'client.authentication.k8s.io/v1', command: './plugin.sh', args: ['x'], env: [{ name: 'MY_ENV', value: 'y' }], baseDir: dir },
      { server: 'https://127.0.0.1' },
    );
    expect(cred.token).toBe('tok-x-y');
    expect(cred.expiresAt).toBe(Date.parse('2099-01-01T00:00:00Z'));
    await expect(
      runExecPlugin({ apiVersion: 'v1', command: 'berth-no-such-plugin', args: [], env: [], baseDir: dir, installHint: 'Install it.' }, { server: 'x' }),
    ).rejects.toThrow(/not installed or not on PATH\. Install it\./);
  });
});
