/**
 * The seed document's ten steps (KubeSphere 2.1 App Store tutorial) with the EMQ X fixtures:
 * an ISV and a reviewer, each with their own data dir, sharing one folder store, the
 * reviewer deciding offline and syncing later.
 */
import { renameSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, fixture, person, tempDir, type Person } from './people';

describe('the seed workflow, step by step', () => {
  const shared = tempDir('shared');
  const folder = { kind: 'folder' as const, path: shared };
  let iris: Person; // workspace admin acting as ISV (and the catalog's admin)
  let ravi: Person; // reviewer
  let appId = '';
  let firstVersion = '';
  let secondVersion = '';
  let iot = '';

  afterAll(async () => {
    await iris?.close();
    await ravi?.close();
    cleanup(shared, iris?.dataDir, ravi?.dataDir);
  });

  test('1. roles: an ISV and a reviewer, both members of demo-workspace', async () => {
    iris = person('Iris');
    ravi = person('Ravi');
    await iris.sync.init('Team catalog', folder);
    await iris.commands.createWorkspace({ name: 'demo-workspace', description: 'the seed workspace' });
    await ravi.sync.connect(folder);
    await iris.sync.sync();
    await iris.commands.grant({ member: 'Ravi', role: 'reviewer' });
    await iris.commands.setWorkspaceMember({ workspace: 'demo-workspace', member: ravi.keyId, role: 'member' });
    await iris.sync.sync();
    await ravi.sync.sync();

    const session = await ravi.queries.session();
    expect(session.platformRoles).toEqual(['reviewer']);
    expect(session.workspaces).toEqual([expect.objectContaining({ workspaceName: 'demo-workspace', role: 'member' })]);
    expect((await iris.queries.session()).workspaces).toEqual([expect.objectContaining({ workspaceName: 'demo-workspace', role: 'isv' })]);
  });

  test('2. the ISV uploads the chart and its icon: a draft app the workspace sees', async () => {
    const app = await iris.commands.createApp({ workspace: 'demo-workspace', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    appId = app.id;
    firstVersion = app.versions[0].id;
    expect(app).toMatchObject({ chartName: 'emqx', state: 'draft', latestVersion: 'v1.0.0-rc.1' });
    expect(app.versions[0].state).toBe('draft');
    const withIcon = await iris.commands.setIcon({ app: appId, image: fixture('emqx-logo.png') });
    expect(withIcon.info.icon?.mediaType).toBe('image/png');

    await iris.sync.sync();
    await ravi.sync.sync();
    expect((await ravi.queries.apps()).map((a) => [a.chartName, a.state])).toEqual([['emqx', 'draft']]);
    expect((await ravi.queries.store({})).apps).toEqual([]);
  });

  test('3. the ISV edits the app info: introduction, screenshot, home page', async () => {
    await iris.commands.updateInfo({ app: appId, introduction: '# EMQ X\n\nA scalable MQTT broker.', home: 'https://www.emqx.io' });
    const app = await iris.commands.addScreenshot({ app: appId, image: fixture('emq-dashboard.png') });
    expect(app.info).toMatchObject({ introduction: '# EMQ X\n\nA scalable MQTT broker.', home: 'https://www.emqx.io' });
    expect(app.info.screenshots).toHaveLength(1);
  });

  test('4. the ISV can fetch the draft to test-deploy it; the store cannot deploy it', async () => {
    const pkg = await iris.queries.versionPackage(firstVersion, 'test');
    expect(Buffer.from(pkg.base64, 'base64').equals(Buffer.from(fixture('emqx-v1.0.0-rc.1.tgz'), 'base64'))).toBe(true);
    await expect(iris.queries.versionPackage(firstVersion, 'store')).rejects.toMatchObject({ code: 'catalog.wrong-state' });
  });

  test('5. the ISV submits for review with the version number and a changelog', async () => {
    const v = await iris.commands.submitVersion({
      version: firstVersion,
      versionName: '1.0.0-rc.1',
      changelog: '更新日志: first release of EMQ X',
      message: 'deployed to demo-project, all pods green',
    });
    expect(v).toMatchObject({ state: 'submitted', name: '1.0.0-rc.1' });
    await expect(iris.commands.updateInfo({ app: appId, description: 'changed during review' })).rejects.toMatchObject({ code: 'catalog.wrong-state' });
    await iris.sync.sync();
  });

  test('6. the reviewer works through the queue offline: rejects, then approves the fixed version', async () => {
    await ravi.sync.sync();
    renameSync(shared, `${shared}.away`); // the reviewer is on a plane now
    try {
      const queue = await ravi.queries.reviewQueue();
      expect(queue).toHaveLength(1);
      expect(queue[0]).toMatchObject({
        app: { chartName: 'emqx' },
        version: { name: '1.0.0-rc.1', changelog: '更新日志: first release of EMQ X' },
        submittedBy: 'Iris',
      });
      // everything needed to review is on the machine: package, icon, screenshot
      expect(ravi.queries.blob(queue[0].version.package.sha256).size).toBeGreaterThan(0);
      const app = await ravi.queries.app(appId);
      expect(ravi.queries.blob(app.info.screenshots[0].sha256).mediaType).toBe('image/png');

      await ravi.commands.rejectVersion({ version: firstVersion, reason: 'The changelog must say which MQTT versions are supported.' });
      const offline = await ravi.sync.sync();
      expect(offline.status).toMatchObject({ state: 'offline', pending: 1 });
    } finally {
      renameSync(`${shared}.away`, shared);
    }
    expect((await ravi.sync.sync()).pushedEvents).toBe(1);

    await iris.sync.sync();
    const rejected = (await iris.queries.app(appId)).versions[0];
    expect(rejected).toMatchObject({ state: 'rejected', rejectReason: 'The changelog must say which MQTT versions are supported.' });
    await iris.commands.submitVersion({ version: firstVersion, changelog: '更新日志: first release; supports MQTT 3.1 and 3.1.1' });
    await iris.sync.sync();

    await ravi.sync.sync();
    await ravi.commands.versionAction('version.approve', { version: firstVersion, message: 'README, values.yaml and templates checked' });
    await ravi.sync.sync();
  });

  test('7. the reviewer creates categories; IoT becomes a store filter', async () => {
    iot = (await ravi.commands.createCategory({ name: '物联网 IoT' })).id;
    for (const name of ['big data', 'message queue', 'middleware']) await ravi.commands.createCategory({ name });
    await expect(ravi.commands.createCategory({ name: 'Middleware' })).rejects.toMatchObject({ code: 'catalog.duplicate' });
    await ravi.commands.updateInfo({ app: appId, category: iot });
    await ravi.sync.sync();
  });

  test('8. the ISV releases to the store: active, under IoT, deployable by anyone', async () => {
    await iris.sync.sync();
    const v = await iris.commands.versionAction('version.release', { version: firstVersion });
    expect(v.state).toBe('active');
    const store = await iris.queries.store({ category: iot });
    expect(store.apps.map((a) => [a.chartName, a.latestVersion, a.categoryName])).toEqual([['emqx', '1.0.0-rc.1', '物联网 IoT']]);
    expect(store.categories.find((c) => c.id === iot)).toMatchObject({ activeAppCount: 1 });
    expect((await iris.queries.store({ search: 'mqtt broker' })).total).toBe(0); // the store copy has the description, not the intro
    expect((await iris.queries.store({ search: 'EMQ' })).total).toBe(1);
    expect((await iris.queries.storeApp(appId)).screenshots).toHaveLength(1);
    expect((await iris.queries.versionPackage(firstVersion, 'store')).fileName).toBe('emqx-v1.0.0-rc.1.tgz');
    await iris.sync.sync();
  });

  test('9. the ISV adds version 4.0.2; it goes through review and release; the store offers the upgrade', async () => {
    const added = await iris.commands.addVersion({ app: appId, chart: fixture('emqx-v4.0.2.tgz') });
    secondVersion = added.id;
    expect(added).toMatchObject({ name: 'v4.0.2', state: 'draft' });
    await iris.commands.submitVersion({ version: secondVersion, changelog: 'EMQ X 4.0.2' });
    await iris.sync.sync();
    await ravi.sync.sync();
    const queue = await ravi.queries.reviewQueue();
    expect(queue[0]).toMatchObject({ version: { name: 'v4.0.2' }, previousVersion: { name: '1.0.0-rc.1' } });
    await ravi.commands.versionAction('version.approve', { version: secondVersion });
    await ravi.sync.sync();
    await iris.sync.sync();
    await iris.commands.versionAction('version.release', { version: secondVersion });
    await iris.sync.sync();
    await ravi.sync.sync();
    const listing = await ravi.queries.storeApp(appId);
    expect(listing.latestVersion).toBe('v4.0.2');
    expect(listing.versions.map((v) => v.name)).toEqual(['v4.0.2', '1.0.0-rc.1']);
  });

  test('10. apps and versions can be suspended from the store and recovered', async () => {
    await ravi.commands.versionAction('version.suspend', { version: firstVersion, message: 'old release' });
    expect((await ravi.queries.storeApp(appId)).versions.map((v) => v.name)).toEqual(['v4.0.2']);
    await expect(ravi.queries.versionPackage(firstVersion, 'store')).rejects.toMatchObject({ code: 'catalog.wrong-state' });
    const suspended = await ravi.commands.suspendOrRecoverApp({ app: appId }, false);
    expect(suspended.state).toBe('suspended');
    expect((await ravi.queries.store({})).total).toBe(0);
    const recovered = await ravi.commands.suspendOrRecoverApp({ app: appId }, true);
    expect(recovered.state).toBe('active');
    expect((await ravi.queries.store({})).apps[0].latestVersion).toBe('v4.0.2');
    await ravi.sync.sync();
    await iris.sync.sync();
  });

  test('both machines hold the same catalog, and the audit shows every step', async () => {
    const a = await iris.queries.app(appId);
    const b = await ravi.queries.app(appId);
    expect(b).toEqual(a);
    const trail = (await iris.queries.audit({ app: appId, limit: 1000 })).records.reverse();
    expect((await ravi.queries.audit({ app: appId, limit: 1000 })).records.reverse().map((r) => r.eventId)).toEqual(trail.map((r) => r.eventId));
    const steps = trail.map((r) => `${r.authorName}/${r.role} ${r.action} ${r.versionName ?? ''} ${r.from ?? ''}→${r.to ?? ''}`.replace(/\s+/g, ' ').trim());
    expect(steps).toEqual([
      'Iris/isv app.create v1.0.0-rc.1 →draft',
      'Iris/isv app.setIcon →',
      'Iris/isv app.updateInfo →',
      'Iris/isv app.addScreenshot →',
      'Iris/isv version.submit 1.0.0-rc.1 draft→submitted',
      'Ravi/reviewer version.reject 1.0.0-rc.1 submitted→rejected',
      'Iris/isv version.submit 1.0.0-rc.1 rejected→submitted',
      'Ravi/reviewer version.approve 1.0.0-rc.1 submitted→passed',
      'Ravi/reviewer app.updateInfo →',
      'Iris/isv version.release 1.0.0-rc.1 passed→active',
      'Iris/isv version.add v4.0.2 →draft',
      'Iris/isv version.submit v4.0.2 draft→submitted',
      'Ravi/reviewer version.approve v4.0.2 submitted→passed',
      'Iris/isv version.release v4.0.2 passed→active',
      'Ravi/reviewer version.suspend 1.0.0-rc.1 active→suspended',
      'Ravi/reviewer app.suspend v4.0.2 active→suspended',
      'Ravi/reviewer app.recover 1.0.0-rc.1, v4.0.2 suspended→active',
    ]);
    for (const r of trail) {
      expect(r.outcome).toBe('applied');
      expect(Date.parse(r.at)).toBeGreaterThan(0);
    }
    expect(trail.find((r) => r.action === 'version.reject')?.message).toBe('The changelog must say which MQTT versions are supported.');
  });
});
