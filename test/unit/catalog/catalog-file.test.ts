/** A snapshot travels to an offline reviewer as one catalog file, and their decisions come back the same way. */
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, fixture, person, tempDir, type Person } from './people';

describe('catalog file round trip', () => {
  const shared = tempDir('shared');
  const desk = tempDir('handover');
  const people: Person[] = [];
  afterAll(async () => {
    for (const p of people) await p.close();
    cleanup(shared, desk, ...people.map((p) => p.dataDir));
  });

  test('export to an offline reviewer, review there, import the decisions back, sync them to everyone', async () => {
    const ada = person('Ada');
    const rex = person('Rex');
    const rae = person('Rae'); // never touches the shared folder
    people.push(ada, rex, rae);
    await ada.sync.init('Handover', { kind: 'folder', path: shared });
    await rex.sync.connect({ kind: 'folder', path: shared });
    await ada.sync.sync();
    await ada.commands.createWorkspace({ name: 'ws' });
    await ada.commands.setWorkspaceMember({ workspace: 'ws', member: 'Rex', role: 'member' });
    await ada.commands.grant({ member: rae.keyId, role: 'reviewer' }); // by key id, given out of band
    const app = await ada.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    await ada.commands.setIcon({ app: app.id, image: fixture('emqx-logo.png') });
    const version = app.versions[0].id;
    await ada.commands.submitVersion({ version, changelog: 'first' });

    const snapshot = join(desk, 'snapshot.berth');
    const out = await ada.sync.exportTo(snapshot);
    expect(out).toMatchObject({ blobs: 2 });
    expect(out.events).toBe(out.newEvents);

    const inbound = await rae.sync.importFrom(snapshot);
    expect(inbound.newEvents).toBe(out.events);
    expect((await rae.queries.session()).platformRoles).toEqual(['reviewer']);
    const [item] = await rae.queries.reviewQueue();
    expect(item.version.changelog).toBe('first');
    expect(rae.queries.blob(item.version.package.sha256).mediaType).toBe('application/gzip');
    await rae.commands.versionAction('version.approve', { version, message: 'reviewed on the train' });

    const decisions = join(desk, 'decisions.berth');
    await rae.sync.exportTo(decisions);
    const back = await ada.sync.importFrom(decisions);
    expect(back.newEvents).toBe(2); // Rae's join and her approval
    expect((await ada.queries.version(version)).state).toBe('passed');
    expect((await ada.sync.importFrom(decisions)).newEvents).toBe(0);

    await ada.sync.sync();
    await rex.sync.sync();
    expect(await rex.queries.version(version)).toMatchObject({ state: 'passed', reviewedBy: 'Rae' });
    const approval = (await rex.queries.audit({ version })).records[0];
    expect(approval).toMatchObject({
      action: 'version.approve',
      authorName: 'Rae',
      role: 'reviewer',
      from: 'submitted',
      to: 'passed',
      message: 'reviewed on the train',
    });
  });

  test('a catalog file of another catalog is refused', async () => {
    const ada = person('Ada');
    const bob = person('Bob');
    people.push(ada, bob);
    await ada.sync.init('One', { kind: 'file', path: join(desk, 'one.berth') });
    await bob.sync.init('Two', { kind: 'file', path: join(desk, 'two.berth') });
    await expect(ada.sync.importFrom(join(desk, 'two.berth'))).rejects.toMatchObject({ code: 'catalog.forbidden' });
  });
});
