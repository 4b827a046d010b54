import { screen } from '@testing-library/react';
import { mkdtempSync, rmSync } from 'node:fs';
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
});
