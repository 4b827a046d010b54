/**
 * Other modules add event types to the catalog (the review tools' comments, reports…): the
 * catalog signs, syncs and audits them in plain words, checks the author's right, and a
 * Berth that does not know them keeps them and passes them on as it does any newer event.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasRole } from '../../../src-main/catalog/state';
import { refuseExtension, registerEventTypes, unregisterEventTypes, type ExtensionEventType } from '../../../src-main/catalog/extensions';
import { cleanup, fixture, person, tempDir, type Person } from './people';

const NOTE: ExtensionEventType = {
  type: 'test.note',
  hasShape: (d) =>
    typeof d === 'object' && d !== null && typeof (d as { version?: unknown }).version === 'string' && typeof (d as { text?: unknown }).text === 'string',
  describe: (e) => {
    const d = e.data as { version: string; text: string };
    const v = e.state.versions.get(d.version) ?? refuseExtension('not-found', 'There is no such version.');
    if (!hasRole(e.state as never, e.author, 'reviewer')) refuseExtension('catalog.forbidden', 'Only people with the reviewer role write notes.');
    return { role: 'reviewer', appId: v.appId, versionId: v.id, versionName: v.name, message: `noted on ${v.name}: ${d.text}` };
  },
};

describe('extension event types', () => {
  const shared = tempDir('ext-shared');
  const folder = { kind: 'folder' as const, path: shared };
  let ada: Person;
  let rex: Person;
  let version = '';
  let appId = '';

  beforeAll(async () => {
    registerEventTypes([NOTE]);
    ada = person('Ada');
    rex = person('Rex');
    await ada.sync.init('Extensions', folder);
    await rex.sync.connect(folder);
    await ada.sync.sync();
    await ada.commands.grant({ member: 'Rex', role: 'reviewer' });
    await ada.commands.createWorkspace({ name: 'ws' });
    const app = await ada.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    appId = app.id;
    version = app.versions[0].id;
    await ada.sync.sync();
    await rex.sync.sync();
  });
  afterAll(async () => {
    unregisterEventTypes([NOTE.type]);
    for (const p of [ada, rex]) await p?.close();
    cleanup(shared, ada.dataDir, rex.dataDir);
  });

  test('an event of a registered type is signed, applied and audited in the words it gives, tied to its app and version', async () => {
    await rex.core.actExtension('test.note', { version, text: 'looks fine' });
    const [row] = (await rex.queries.audit({ app: appId, limit: 1 })).records;
    expect(row).toMatchObject({
      action: 'test.note',
      outcome: 'applied',
      authorName: 'Rex',
      role: 'reviewer',
      versionName: 'v1.0.0-rc.1',
      message: 'noted on v1.0.0-rc.1: looks fine',
    });
    const ledger = await rex.core.ledger();
    expect(ledger.eventsOfType(new Set(['test.note'])).map((e) => e.body.data)).toEqual([{ version, text: 'looks fine' }]);
  });

  test('the role check still applies: a refused extension event fails locally and leaves no trace', async () => {
    const before = (await ada.queries.audit({})).total;
    await expect(ada.core.actExtension('test.note', { version, text: 'self-approval' })).rejects.toThrow('Only people with the reviewer role write notes.');
    await expect(ada.core.actExtension('test.note', { nope: 1 })).rejects.toThrow(/malformed/);
    await expect(ada.core.actExtension('version.approve', { version })).rejects.toThrow(/not an event type/);
    expect((await ada.queries.audit({})).total).toBe(before);
  });

  test('it reaches the others at the next sync, audited the same way there', async () => {
    await rex.sync.sync();
    await ada.sync.sync();
    const [row] = (await ada.queries.audit({ app: appId, limit: 1 })).records;
    expect(row).toMatchObject({ action: 'test.note', outcome: 'applied', message: 'noted on v1.0.0-rc.1: looks fine' });
  });

  test('a Berth without the registration keeps it as unknown and passes it on; registering later rebuilds the saved view', async () => {
    unregisterEventTypes([NOTE.type]);
    const cara = person('Cara');
    try {
      await cara.sync.connect(folder);
      await cara.sync.sync();
      const [unknown] = (await cara.queries.audit({ outcome: 'unknown' })).records;
      expect(unknown).toMatchObject({ action: 'test.note', outcome: 'unknown' });
      expect((await cara.core.ledger()).eventsOfType(new Set(['test.note']))).toHaveLength(1);
      await cara.close();
      registerEventTypes([NOTE]);
      const again = person('Cara', cara.dataDir);
      const [row] = (await again.queries.audit({ app: appId, limit: 1 })).records;
      expect(row).toMatchObject({ action: 'test.note', outcome: 'applied', message: 'noted on v1.0.0-rc.1: looks fine' });
      await again.close();
    } finally {
      registerEventTypes([NOTE]);
      cleanup(cara.dataDir);
    }
  });

  test('the catalog’s own event types cannot be taken over', () => {
    expect(() => registerEventTypes([{ ...NOTE, type: 'version.approve' }])).toThrow(/catalog's own/);
  });
});
