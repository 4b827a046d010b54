/**
 * A rebuild of the view does not verify again what this data dir verified before
 * (catalog/verified.bin), yet a log line that differs in any byte is checked in full.
 */
import { createPrivateKey } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCatalogServices } from '../../../src-main/catalog/catalog-services';
import { EVENT_FORMAT, type SignedEvent } from '../../../src-main/catalog/event-types';
import { nextHlc } from '../../../src-main/catalog/hlc';
import type { NativeReport } from '../../../src-main/catalog/native-verifier';
import { signBody } from '../../../src-main/catalog/signing';
import { engineSidecarCommand } from '../../../src-main/render/engine';
import { inspectChartPackage } from '../../../src-main/chart/inspect';
import { cleanup, person, tempDir, type Person } from './people';

describe('the cache of verified events', () => {
  const shared = tempDir('shared');
  let ada: Person;
  const file = (name: string) => join(ada.dataDir, 'catalog', name);
  const reopen = () => createCatalogServices({ dataDir: ada.dataDir, inspectChart: inspectChartPackage });
  const lines = () => readFileSync(file('log.jsonl'), 'utf8').trim().split('\n');

  beforeAll(async () => {
    ada = person('Ada');
    await ada.sync.init('Cache', { kind: 'folder', path: shared });
    for (const name of ['One', 'Two', 'Three']) await ada.commands.createCategory({ name });
    await ada.sync.sync(); // nothing waits in the outbox (it would put a genuine copy back in the log)
    await ada.close();
  });
  afterAll(() => cleanup(shared, ada?.dataDir));

  test('holds one 16-byte key per event this data dir verified', () => {
    expect(statSync(file('verified.bin')).size).toBe(lines().length * 16);
  });

  test('a lost cache and view are rebuilt alike, and the cache written anew', async () => {
    const before = await reopen();
    const audit = (await before.queries.audit({ limit: 100 })).records;
    await before.close();
    rmSync(file('verified.bin'));
    rmSync(file('view.sqlite'), { force: true });
    const again = reopen();
    expect((await again.queries.audit({ limit: 100 })).records).toEqual(audit);
    await again.close();
    expect(existsSync(file('verified.bin'))).toBe(true);
    expect(statSync(file('verified.bin')).size).toBe(lines().length * 16);
  });

  test('a log line altered after it was verified is checked again and refused', async () => {
    const all = lines();
    const last = JSON.parse(all[all.length - 1]);
    expect(last.body.data.name).toBe('Three');
    last.body.data.name = 'Forged';
    writeFileSync(file('log.jsonl'), [...all.slice(0, -1), JSON.stringify(last)].join('\n') + '\n');
    rmSync(file('view.sqlite'), { force: true });
    const again = reopen();
    const names = (await again.queries.categories()).map((c) => c.name);
    expect(names).toContain('Two');
    expect(names).not.toContain('Forged');
    expect(names).not.toContain('Three');
    const refused = (await again.queries.audit({ outcome: 'refused' })).records;
    expect(refused.map((r) => r.eventId)).toEqual([last.id]);
    await again.close();
  });

  test('of a genuine line and a forged twin (same id, other signature), the genuine one is kept', async () => {
    const all = lines();
    const genuine = JSON.parse(all[all.length - 2]);
    writeFileSync(file('log.jsonl'), all.slice(0, -1).join('\n') + '\n'); // drop the altered line again
    const twin = { ...genuine, sig: Buffer.alloc(64, 7).toString('base64') };
    appendFileSync(file('log.jsonl'), JSON.stringify(twin) + '\n');
    rmSync(file('view.sqlite'), { force: true });
    const again = reopen();
    expect((await again.queries.categories()).map((c) => c.name)).toContain('Two');
    expect((await again.queries.audit({ outcome: 'refused' })).records).toEqual([]);
    await again.close();
  });
});

describe('a first sight of a large log (nothing verified here yet)', () => {
  const shared = tempDir('shared');
  let ada: Person;
  const file = (name: string) => join(ada.dataDir, 'catalog', name);
  const reopen = () => createCatalogServices({ dataDir: ada.dataDir, inspectChart: inspectChartPackage });
  afterAll(() => cleanup(shared, ada?.dataDir));

  test('worker threads check every line: the view a cached rebuild gives, a forged line refused, the cache holds the rest', async () => {
    ada = person('Ada');
    await ada.sync.init('First sight', { kind: 'folder', path: shared });
    const catalog = (await ada.core.ledger()).catalogId;
    await ada.close();
    const key = createPrivateKey(readFileSync(join(ada.dataDir, 'identity', 'private-key.pem')));
    // more events than the workers' threshold, written as a newcomer's log would hold them
    let hlc: string | undefined;
    const events: SignedEvent[] = [];
    for (let i = 0; i < 4200; i++) {
      hlc = nextHlc(hlc);
      const data = { category: `c${i}`, name: `Category ${i}`, description: '' };
      events.push(signBody({ v: EVENT_FORMAT, catalog, type: 'category.create', author: ada.keyId, hlc, prev: { [`category:c${i}`]: null }, data }, key));
    }
    const forged = { ...events[2000], body: { ...events[2000].body, data: { ...(events[2000].body.data as Record<string, unknown>), name: 'Forged' } } };
    events[2000] = forged;
    appendFileSync(file('log.jsonl'), events.map((e) => JSON.stringify(e) + '\n').join(''));
    const lineCount = readFileSync(file('log.jsonl'), 'utf8').trim().split('\n').length;
    rmSync(file('verified.bin'));
    rmSync(file('view.sqlite'), { force: true });

    const first = reopen();
    const audit = (await first.queries.audit({ limit: 10_000 })).records;
    const categories = (await first.queries.categories()).map((c) => c.name);
    await first.close();
    expect(categories).toContain('Category 4199');
    expect(categories).not.toContain('Forged');
    expect(audit.find((r) => r.eventId === forged.id)).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('does not match its id') });
    expect(statSync(file('verified.bin')).size).toBe((lineCount - 1) * 16);

    // the same again from the cache (this thread checks only the forged line)
    rmSync(file('view.sqlite'), { force: true });
    const again = reopen();
    expect((await again.queries.audit({ limit: 10_000 })).records).toEqual(audit);
    await again.close();

    // and with the engine checking the signatures, as services.ts wires it: the same view and cache
    rmSync(file('verified.bin'));
    rmSync(file('view.sqlite'), { force: true });
    const reports: NativeReport[] = [];
    const native = createCatalogServices({
      dataDir: ada.dataDir,
      inspectChart: inspectChartPackage,
      nativeVerifier: { command: () => engineSidecarCommand(), report: (r) => reports.push(r) },
    });
    expect((await native.queries.audit({ limit: 10_000 })).records).toEqual(audit);
    await native.close();
    expect(reports).toEqual([{ answered: lineCount - 1, fallback: 0, problems: [] }]);
    expect(statSync(file('verified.bin')).size).toBe((lineCount - 1) * 16);
  });
});
