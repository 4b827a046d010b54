/**
 * The shared folder is writable by anyone who can reach it. Events written there by someone
 * without the role, under someone else's name, or altered after signing have no effect on
 * any machine, and show as refused in the audit.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { canonicalJson } from '../../../src-main/catalog/canonical-json';
import type { SignedEvent } from '../../../src-main/catalog/event-types';
import { sha256Hex } from '../../../src-main/catalog/signing';
import { FolderStore } from '../../../src-main/sync/folder-store';
import { cleanup, fixture, outsider, person, tempDir, type Person } from './people';

describe('forged and tampered events', () => {
  const shared = tempDir('shared');
  const folder = { kind: 'folder' as const, path: shared };
  const store = new FolderStore(shared);
  const mallory = outsider();
  let ada: Person;
  let rex: Person;
  let catalog = '';
  let appId = '';
  let version = '';
  let submitEvent = '';
  const both = () => [ada, rex];
  const syncAll = async () => {
    for (const p of both()) await p.sync.sync();
    for (const p of both()) await p.sync.sync();
  };
  const stateEverywhere = async () => Promise.all(both().map(async (p) => (await p.queries.version(version)).state));

  beforeAll(async () => {
    ada = person('Ada');
    rex = person('Rex');
    await ada.sync.init('Forgery', folder);
    catalog = ada.core.catalogId()!;
    await rex.sync.connect(folder);
    await ada.sync.sync();
    await ada.commands.grant({ member: 'Rex', role: 'reviewer' });
    await ada.commands.createWorkspace({ name: 'ws' });
    const app = await ada.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    appId = app.id;
    version = app.versions[0].id;
    await ada.commands.submitVersion({ version });
    submitEvent = (await ada.queries.audit({ version, limit: 1 })).records[0].eventId;
    await syncAll();
  });
  afterAll(async () => {
    for (const p of both()) await p?.close();
    cleanup(shared, ...both().map((p) => p?.dataDir));
  });

  test('an approval signed by someone who is not a reviewer is refused on every machine', async () => {
    const forged = mallory.write(catalog, 'version.approve', { version }, { [`version:${version}`]: submitEvent });
    await store.putEvents([forged]);
    await syncAll();
    expect(await stateEverywhere()).toEqual(['submitted', 'submitted']);
    for (const p of both()) {
      const [record] = (await p.queries.audit({ outcome: 'refused', limit: 1 })).records;
      expect(record).toMatchObject({ eventId: forged.id, action: 'version.approve', outcome: 'refused', versionId: version });
      expect(record.reason).toContain('is not a reviewer');
    }
  });

  test('an approval claiming to be the reviewer’s, but not signed with his key, is refused', async () => {
    const genuine = mallory.write(catalog, 'version.approve', { version }, { [`version:${version}`]: submitEvent });
    const impersonating: SignedEvent = { ...genuine, body: { ...genuine.body, author: rex.keyId } };
    impersonating.id = sha256Hex(canonicalJson(impersonating.body));
    await store.putEvents([impersonating]);
    await syncAll();
    expect(await stateEverywhere()).toEqual(['submitted', 'submitted']);
    for (const p of both()) {
      const refused = (await p.queries.conflicts()).find((r) => r.eventId === impersonating.id);
      expect(refused?.reason).toContain('signature does not verify');
    }
  });

  test('a genuine event altered after signing is refused, and the genuine copy heals it', async () => {
    await rex.commands.rejectVersion({ version, reason: 'README is missing' });
    await rex.sync.sync();
    // Mallory turns Rex's rejection into an approval, in place, before Ada syncs
    const rel = readdirSync(join(shared, 'events', rex.keyId.slice(0, 16)), { recursive: true }) as string[];
    const files = rel.filter((f) => f.endsWith('.json')).map((f) => join(shared, 'events', rex.keyId.slice(0, 16), f));
    const file = files.find((f) => readFileSync(f, 'utf8').includes('version.reject'))!;
    writeFileSync(file, readFileSync(file, 'utf8').replace('"version.reject"', '"version.approve"').replace(',"reason":"README is missing"', ''));

    await ada.sync.sync();
    expect((await ada.queries.version(version)).state).toBe('submitted');
    const [refused] = (await ada.queries.audit({ outcome: 'refused', limit: 1 })).records;
    expect(refused.reason).toContain('altered after it was signed');

    // the genuine event reaches Ada another way (a catalog file from Rex) and replaces the altered copy
    const handover = join(tempDir('handover'), 'rex.berth');
    await rex.sync.exportTo(handover);
    await ada.sync.importFrom(handover);
    expect(await stateEverywhere()).toEqual(['rejected', 'rejected']);
  });

  test('events of another catalog, garbage and half-written files are skipped or refused, never fatal', async () => {
    const stray = outsider().write('f'.repeat(64), 'member.join', { displayName: 'Stray' });
    await store.putEvents([stray]);
    const dir = join(shared, 'events', 'ffffffffffffffff', '2026-01-01');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${'a'.repeat(64)}.json`), '{"id":"aaaa", "body": {"v":1,"ty');
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    const report = await ada.sync.sync();
    expect(report.status.state).toBe('synced');
    expect(report.warnings.join('\n')).toMatch(/half-written/);
    expect(report.warnings.join('\n')).toMatch(/notes\.txt/);
    const record = (await ada.queries.conflicts()).find((r) => r.eventId === stray.id);
    expect(record?.reason).toContain('different catalog');
    expect((await ada.queries.members()).map((m) => m.displayName)).not.toContain('Stray');
  });

  test('nothing forged reached the app: its history holds only genuine steps', async () => {
    const applied = (await ada.queries.audit({ app: appId, outcome: 'applied' })).records.map((r) => `${r.authorName} ${r.action}`);
    expect(applied.reverse()).toEqual(['Ada app.create', 'Ada version.submit', 'Rex version.reject']);
  });
});
