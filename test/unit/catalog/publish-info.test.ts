/**
 * `app.publishInfo`: the ISV sends edited app information to the store without waiting for the
 * next release or recover. Refused before the app is in the store and for anyone but its ISV;
 * other machines see the new store copy after a sync.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, fixture, person, tempDir, type Person } from './people';

describe('publishing app information to the store', () => {
  const shared = tempDir('shared');
  const folder = { kind: 'folder' as const, path: shared };
  let iris: Person; // ISV and the catalog's admin
  let ravi: Person; // reviewer
  let app = '';

  afterAll(async () => {
    await iris?.close();
    await ravi?.close();
    cleanup(shared, iris?.dataDir, ravi?.dataDir);
  });

  test('is refused while the app is not in the store', async () => {
    iris = person('Iris');
    ravi = person('Ravi');
    await iris.sync.init('Team catalog', folder);
    await iris.commands.createWorkspace({ name: 'demo-workspace', description: '' });
    await ravi.sync.connect(folder);
    await iris.sync.sync();
    await iris.commands.grant({ member: 'Ravi', role: 'reviewer' });
    const created = await iris.commands.createApp({ workspace: 'demo-workspace', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    app = created.id;
    await expect(iris.commands.publishInfo({ app })).rejects.toMatchObject({
      code: 'catalog.wrong-state',
      message: expect.stringContaining('not in the store'),
    });
  });

  test('copies the edited information to the store, and the store copy reaches the others at the next sync', async () => {
    const version = (await iris.queries.app(app)).versions[0].id;
    await iris.commands.submitVersion({ version, changelog: 'First release.' });
    await iris.sync.sync();
    await ravi.sync.sync();
    await ravi.commands.versionAction('version.approve', { version });
    await ravi.sync.sync();
    await iris.sync.sync();
    await iris.commands.versionAction('version.release', { version });
    await iris.commands.updateInfo({ app, description: 'An MQTT broker for IoT.' });
    expect((await iris.queries.app(app)).storeCopyOutdated).toBe(true);
    expect((await iris.queries.storeApp(app)).description).not.toBe('An MQTT broker for IoT.');

    const published = await iris.commands.publishInfo({ app });
    expect(published.storeCopyOutdated).toBe(false);
    expect((await iris.queries.storeApp(app)).description).toBe('An MQTT broker for IoT.');
    await iris.sync.sync();
    await ravi.sync.sync();
    expect((await ravi.queries.storeApp(app)).description).toBe('An MQTT broker for IoT.');
    const history = await ravi.queries.audit({ app });
    expect(history.records.map((r) => r.action)).toContain('app.publishInfo');
  });

  test('is refused for someone who is not the app’s ISV', async () => {
    await expect(ravi.commands.publishInfo({ app })).rejects.toMatchObject({ code: 'catalog.forbidden' });
  });
});
