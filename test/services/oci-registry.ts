/**
 * Debian's docker-registry (the CNCF distribution server) on 127.0.0.1, with htpasswd (basic)
 * authentication, storing into a temp folder. Installed by test/services/ensure.sh.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTokenServer, type TokenServer } from './registry-token-server';
import { ensureServices, freePort, startServer, type RunningServer } from './process';

export interface TestRegistry extends RunningServer {
  /** host:port, as in oci://host:port/... */
  host: string;
  username?: string;
  password?: string;
  tokens?: TokenServer;
}

/** `auth`: htpasswd (HTTP Basic); `tokenAuth`: Bearer tokens from a token service (see registry-token-server.ts). */
export async function startRegistry(
  options: { auth?: { username: string; password: string }; tokenAuth?: { username: string; password: string } } = {},
): Promise<TestRegistry> {
  ensureServices('registry');
  const dir = mkdtempSync(join(tmpdir(), 'berth-registry-'));
  const port = await freePort();
  const lines = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
  ];
  if (options.auth) {
    const entry = execFileSync('htpasswd', ['-Bbn', options.auth.username, options.auth.password], { encoding: 'utf8' });
    writeFileSync(join(dir, 'htpasswd'), entry.trim() + '\n');
    lines.push('auth:', '  htpasswd:', '    realm: berth-test', `    path: ${join(dir, 'htpasswd')}`);
  }
  let tokens: TokenServer | undefined;
  if (options.tokenAuth) {
    tokens = await startTokenServer(dir, options.tokenAuth);
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${tokens.realm}`,
      `    service: ${tokens.service}`,
      `    issuer: ${tokens.issuer}`,
      `    rootcertbundle: ${tokens.certFile}`,
    );
  }
  writeFileSync(join(dir, 'config.yml'), lines.join('\n') + '\n');
  const server = await startServer('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], port);
  const who = options.auth ?? options.tokenAuth;
  return {
    ...server,
    stop: async () => {
      await server.stop();
      await tokens?.close();
    },
    host: `127.0.0.1:${port}`,
    username: who?.username,
    password: who?.password,
    tokens,
  };
}
