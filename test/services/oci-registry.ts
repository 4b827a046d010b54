/**
 * Debian's docker-registry (the CNCF distribution server) on 127.0.0.1, with htpasswd (basic)
 * authentication, storing into a temp folder. Installed by test/services/ensure.sh.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureServices, freePort, startServer, type RunningServer } from './process';

export interface TestRegistry extends RunningServer {
  /** host:port, as in oci://host:port/... */
  host: string;
  username?: string;
  password?: string;
}

export async function startRegistry(options: { auth?: { username: string; password: string } } = {}): Promise<TestRegistry> {
  ensureServices();
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
  writeFileSync(join(dir, 'config.yml'), lines.join('\n') + '\n');
  const server = await startServer('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], port);
  return { ...server, host: `127.0.0.1:${port}`, username: options.auth?.username, password: options.auth?.password };
}
