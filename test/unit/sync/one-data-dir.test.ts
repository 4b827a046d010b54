/** Several `berth` processes on one data dir take turns: every command lands in the log and the view. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, person, tempDir } from '../catalog/people';

const ROOT = resolve(__dirname, '../../..');

function runWriter(dataDir: string, prefix: string, count: number): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'cli-writer.ts'), dataDir, prefix, String(count)], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => done({ code: code ?? -1, out, err }));
  });
}

describe('one data dir, several processes', () => {
  const shared = tempDir('one-dir-shared');
  const dataDir = tempDir('one-dir');
  afterAll(() => cleanup(shared, dataDir));

  test('5 processes × 50 category create: 250 in the log and in the view', async () => {
    const admin = person('Admin', dataDir);
    await admin.sync.init('Busy', { kind: 'folder', path: shared });
    await admin.close();

    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => runWriter(dataDir, `P${n}`, 50)));
    for (const r of results) {
      expect(r.err).toBe('');
      expect(JSON.parse(r.out)).toEqual({ failed: 0, errors: '' });
    }
    const logged = readFileSync(join(dataDir, 'catalog', 'log.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"category.create"'));
    expect(logged).toHaveLength(250);
    // the view as any next process opens it (no sync in between)
    const again = person('Admin', dataDir);
    const names = (await again.queries.categories()).map((c) => c.name).filter((n) => /^P\d-\d+$/.test(n));
    expect(names).toHaveLength(250);
    expect((await again.queries.audit({ limit: 1000 })).records.filter((r) => r.action === 'category.create' && r.outcome === 'applied')).toHaveLength(250);
    await again.close();
  }, 600_000);
});
