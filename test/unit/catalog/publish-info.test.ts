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
      // said in the reader's language in the UI
      say: { key: 'rule.notInStoreYet', values: { app: 'emqx' } },
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

  test('when an admin wants information reviewed, publishing asks a reviewer; only an admin sets that rule', async () => {
    await expect(ravi.commands.setPolicy({ infoReview: true })).rejects.toMatchObject({
      code: 'catalog.forbidden',
      say: { key: 'rule.notAdmin', values: { name: 'Ravi' } },
    });
    expect(await iris.commands.setPolicy({ infoReview: true })).toEqual({ infoReview: true });
    expect((await iris.queries.session()).catalog?.infoReview).toBe(true);
    await iris.commands.updateInfo({ app, description: 'An MQTT broker, reviewed.' });
    const asked = await iris.commands.publishInfo({ app });
    // the store still shows the old copy; the request waits for a reviewer
    expect(asked.infoRequest?.by).toBe('Iris');
    expect(asked.storeCopyOutdated).toBe(true);
    expect((await iris.queries.storeApp(app)).description).toBe('An MQTT broker for IoT.');
    await iris.sync.sync();
    await ravi.sync.sync();
    expect((await ravi.queries.session()).catalog?.infoReview).toBe(true);
    const [item] = await ravi.queries.infoRequests();
    expect(item).toMatchObject({ requestedBy: 'Iris', changed: ['description'] });
    expect(item.asked.description).toBe('An MQTT broker, reviewed.');
    // only reviewers (and admins, who are reviewers too) decide: an ISV who is neither cannot
    const nina = person('Nina');
    try {
      await nina.sync.connect(folder);
      await expect(nina.commands.reviewInfo({ app, approve: true })).rejects.toMatchObject({ code: 'catalog.forbidden' });
    } finally {
      await nina.close();
      cleanup(nina.dataDir);
    }
  });

  test('a reviewer turns the information down with a reason, or publishes it', async () => {
    await expect(ravi.commands.reviewInfo({ app, approve: false })).rejects.toMatchObject({ code: 'input.invalid' });
    await ravi.commands.reviewInfo({ app, approve: false, reason: 'Say which MQTT versions it supports.' });
    expect(await ravi.queries.infoRequests()).toEqual([]);
    await ravi.sync.sync();
    await iris.sync.sync();
    const history = await iris.queries.audit({ app });
    const turnedDown = history.records.find((r) => r.action === 'app.reviewInfo');
    expect(turnedDown?.message).toContain('Say which MQTT versions it supports.');
    expect(turnedDown?.detail).toEqual({ key: 'infoTurnedDown', params: { text: 'Say which MQTT versions it supports.' } });
    expect((await iris.queries.app(app)).infoRequest).toBeUndefined();

    await iris.commands.updateInfo({ app, description: 'An MQTT 3.1.1 and 5.0 broker.' });
    await iris.commands.publishInfo({ app });
    await iris.sync.sync();
    await ravi.sync.sync();
    const published = await ravi.commands.reviewInfo({ app, approve: true });
    expect(published.infoRequest).toBeUndefined();
    expect((await ravi.queries.storeApp(app)).description).toBe('An MQTT 3.1.1 and 5.0 broker.');
    await expect(ravi.commands.reviewInfo({ app, approve: true })).rejects.toMatchObject({ code: 'catalog.wrong-state' });
  });

  test('with the rule off again, the ISV publishes at once', async () => {
    await ravi.sync.sync();
    await iris.sync.sync();
    await iris.commands.setPolicy({ infoReview: false });
    await iris.commands.updateInfo({ app, description: 'Back to publishing at once.' });
    const published = await iris.commands.publishInfo({ app });
    expect(published.storeCopyOutdated).toBe(false);
    expect((await iris.queries.storeApp(app)).description).toBe('Back to publishing at once.');
  });
});
