import { screen } from '@testing-library/react';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BerthError } from '../../shared/result';
import { call } from '../../src-renderer/api';
import { QueryError } from '../../src-renderer/components/QueryError';
import { connectMainSide, renderWidget } from './render';

const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** The error of a call the main side refuses, as the renderer receives it. */
async function refused(name: Parameters<typeof call>[0], request: Parameters<typeof call>[1]): Promise<BerthError> {
  const r = await call(name, request);
  if (r.ok) throw new Error(`${name} was expected to be refused`);
  return r.error;
}

/** Three or more Latin words in a row: an English sentence, not a path or a name. */
const LATIN_SENTENCE = /[A-Za-z][A-Za-z’']+(?:[ ,]+[A-Za-z][A-Za-z’']*){2,}/;

async function shownInChinese(error: BerthError): Promise<string> {
  const { unmount } = await renderWidget(<QueryError error={error} />, 'zh-CN');
  const text = (await screen.findByRole('alert')).textContent ?? '';
  unmount();
  return text;
}

describe('a real refusal from the main side, read in 简体中文', () => {
  it('a sync with no shared place: Chinese headline and sentence, the English kept for the log', async () => {
    connectMainSide();
    const error = await refused('catalog.sync', {});
    expect(error.message).toContain('not connected to a shared folder');
    const text = await shownInChinese(error);
    expect(text).toContain('此应用目录未连接共享文件夹、目录文件或 S3 存储桶。');
    expect(text).not.toMatch(LATIN_SENTENCE);
  });

  it('a forbidden lifecycle action (revoking the last admin, renaming a built-in category) is said in Chinese', async () => {
    connectMainSide();
    const folder = mkdtempSync(join(tmpdir(), 'berth-shared-'));
    folders.push(folder);
    const init = await call('catalog.init', { name: 'Team', store: { kind: 'folder', path: folder } });
    expect(init.ok).toBe(true);
    const me = await call('identity.show', {});
    if (!me.ok) throw new Error('no identity');
    const lastAdmin = await refused('member.revoke', { member: me.value.keyId, role: 'admin' });
    expect(lastAdmin.code).toBe('catalog.wrong-state');
    const text = await shownInChinese(lastAdmin);
    expect(text).toContain('这是最后一位管理员');
    expect(text).not.toMatch(LATIN_SENTENCE);

    const builtIn = await refused('category.rename', { category: 'uncategorized', name: 'Other' });
    expect(builtIn.message).toMatch(/is built in/);
    expect(await shownInChinese(builtIn)).toMatch(/是内置分类：它始终存在，且名称不可修改。/);
  });

  it('a deploy that cannot reach its cluster (no such context, nothing listening) is said in Chinese', async () => {
    connectMainSide();
    const folder = mkdtempSync(join(tmpdir(), 'berth-kube-'));
    folders.push(folder);
    const port = await closedPort();
    const kubeconfig = join(folder, 'config');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: lab',
        'clusters: [{ name: lab, cluster: { server: "https://127.0.0.1:' + port + '" } }]',
        'users: [{ name: lab, user: { token: abc } }]',
        'contexts: [{ name: lab, context: { cluster: lab, user: lab } }]',
      ].join('\n'),
    );

    const noContext = await refused('deploy.cluster', { target: { kubeconfig, context: 'nope' } });
    // the CLI prints the English as it always did
    expect(noContext.message).toBe('The kubeconfig has no context named “nope”.');
    expect(await shownInChinese(noContext)).toContain('kubeconfig 中没有名为“nope”的上下文。');

    const down = await refused('deploy.cluster', { target: { kubeconfig } });
    expect(down.code).toBe('cluster.unreachable');
    expect(down.message).toBe(`Berth could not reach the cluster at https://127.0.0.1:${port} (context “lab”): nothing is listening there; is the cluster running?`);
    const text = await shownInChinese(down);
    expect(text).toContain(`Berth 无法连接 https://127.0.0.1:${port} 上的集群（上下文“lab”）：该地址没有服务在监听；集群是否正在运行？`);
    expect(text).not.toMatch(LATIN_SENTENCE);
  });

  it('a kubeconfig that is not YAML: the sentence in Chinese, the YAML parser’s own words marked as English', async () => {
    connectMainSide();
    const folder = mkdtempSync(join(tmpdir(), 'berth-kube-'));
    folders.push(folder);
    const kubeconfig = join(folder, 'config');
    writeFileSync(kubeconfig, 'clusters: [unclosed\n');
    const error = await refused('deploy.cluster', { target: { kubeconfig } });
    expect(error.code).toBe('input.invalid');
    const reason = String(error.say?.values?.reason);
    expect(error.message).toBe(`The kubeconfig ${kubeconfig} is not valid YAML: ${reason}`);
    const { unmount } = await renderWidget(<QueryError error={error} />, 'zh-CN');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(`kubeconfig 文件 ${kubeconfig} 不是有效的 YAML：`);
    const quoted = [...alert.querySelectorAll('[lang="en"]')].map((e) => e.textContent);
    expect(quoted).toEqual([reason]);
    unmount();
  });
});

/** A local port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}
