/**
 * Every action of MISSION.md's lifecycle table, tried from every state that does not allow
 * it and by every role that may not do it: each fails with a plain reason and a stable
 * code, and leaves the catalog exactly as it was.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { VersionState } from '../../../shared/types/catalog';
import { cleanup, fixture, person, tempDir, type Person } from './people';

type Action = 'edit' | 'submit' | 'cancel' | 'approve' | 'reject' | 'release' | 'suspend' | 'recover' | 'delete';

const ALLOWED: Record<Action, VersionState[]> = {
  edit: ['draft', 'rejected'],
  submit: ['draft', 'rejected'],
  cancel: ['submitted'],
  approve: ['submitted'],
  reject: ['submitted'],
  release: ['passed'],
  suspend: ['active'],
  recover: ['suspended'],
  delete: ['draft', 'passed', 'rejected', 'suspended'],
};

/** The path from draft to each state, as the actions that get there. */
const PATH_TO: Record<Exclude<VersionState, 'deleted'>, Action[]> = {
  draft: [],
  submitted: ['submit'],
  passed: ['submit', 'approve'],
  rejected: ['submit', 'reject'],
  active: ['submit', 'approve', 'release'],
  suspended: ['submit', 'approve', 'release', 'suspend'],
};

function run(p: Person, action: Action, version: string) {
  switch (action) {
    case 'edit':
      return p.commands.editVersion({ version, changelog: 'edited' });
    case 'submit':
      return p.commands.submitVersion({ version });
    case 'reject':
      return p.commands.rejectVersion({ version, reason: 'not yet' });
    default:
      return p.commands.versionAction(`version.${action}`, { version });
  }
}

async function eventCount(p: Person): Promise<number> {
  return (await p.queries.audit({ limit: 1 })).total;
}

/** Expects a refusal with `code` that changed nothing (no event, same app). */
async function expectRefused(p: Person, attempt: () => Promise<unknown>, code: string | RegExp, appId?: string): Promise<string> {
  const before = await eventCount(p);
  const appBefore = appId ? await p.queries.app(appId) : undefined;
  const error = await attempt().then(
    () => undefined,
    (e: { code: string; message: string }) => e,
  );
  expect(error, `expected ${code}`).toMatchObject({ code: typeof code === 'string' ? code : expect.stringMatching(code) });
  expect(error!.message).not.toMatch(/at .*\.ts:\d+/);
  expect(await eventCount(p)).toBe(before);
  if (appId) expect(await p.queries.app(appId)).toEqual(appBefore);
  return error!.message;
}

/** A chart package named `name`, made with tar as `helm package` would lay it out. */
function chartPackage(dir: string, name: string, version: string): string {
  mkdirSync(join(dir, name, 'templates'), { recursive: true });
  writeFileSync(join(dir, name, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: ${version}\ndescription: another chart\n`);
  writeFileSync(join(dir, name, 'values.yaml'), 'replicas: 1\n');
  const tgz = join(dir, `${name}-${version}.tgz`);
  execFileSync('tar', ['czf', tgz, '-C', dir, name]);
  return readFileSync(tgz).toString('base64');
}

describe('refused transitions', () => {
  const shared = tempDir('shared');
  let ada: Person; // admin and isv of the workspace: may do every action, so only the state refuses
  let appId = '';

  beforeAll(async () => {
    ada = person('Ada');
    await ada.sync.init('Refusals', { kind: 'folder', path: shared });
    await ada.commands.createWorkspace({ name: 'ws' });
    appId = (await ada.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v1.0.0-rc.1.tgz') })).id;
  });
  afterAll(async () => {
    await ada?.close();
    cleanup(shared, ada?.dataDir);
  });

  let n = 0;
  for (const [state, path] of Object.entries(PATH_TO) as [Exclude<VersionState, 'deleted'>, Action[]][]) {
    const refused = (Object.keys(ALLOWED) as Action[]).filter((a) => !ALLOWED[a].includes(state));
    test(`a ${state} version refuses: ${refused.join(', ')}`, async () => {
      const v = await ada.commands.addVersion({ app: appId, chart: fixture('emqx-v4.0.2.tgz'), versionName: `4.0.${++n}` });
      for (const step of path) await run(ada, step, v.id);
      expect((await ada.queries.version(v.id)).state).toBe(state);
      for (const action of refused) {
        const message = await expectRefused(ada, () => run(ada, action, v.id), 'catalog.wrong-state', appId);
        expect(message).toContain(`is ${state}`);
      }
      // clear the submitted version away so app-info edits stay possible for the next states
      if (state === 'submitted') await run(ada, 'cancel', v.id);
    });
  }

  test('a deleted version is gone for every action', async () => {
    const v = await ada.commands.addVersion({ app: appId, chart: fixture('emqx-v4.0.2.tgz'), versionName: '9.9.9' });
    await run(ada, 'delete', v.id);
    for (const action of Object.keys(ALLOWED) as Action[]) await expectRefused(ada, () => run(ada, action, v.id), 'not-found');
  });

  test('app info cannot change while a version is submitted', async () => {
    const v = await ada.commands.addVersion({ app: appId, chart: fixture('emqx-v4.0.2.tgz'), versionName: '5.0.0' });
    await ada.commands.submitVersion({ version: v.id });
    await expectRefused(ada, () => ada.commands.updateInfo({ app: appId, description: 'new' }), 'catalog.wrong-state', appId);
    await expectRefused(ada, () => ada.commands.setIcon({ app: appId, image: fixture('emqx-logo.png') }), 'catalog.wrong-state', appId);
    await expectRefused(ada, () => ada.commands.addScreenshot({ app: appId, image: fixture('emq-dashboard.png') }), 'catalog.wrong-state', appId);
    await ada.commands.versionAction('version.cancel', { version: v.id });
    await ada.commands.updateInfo({ app: appId, description: 'new' });
  });

  test('a version must be the same chart, and its name unique in the app', async () => {
    const other = chartPackage(tempDir('chart'), 'mosquitto', '2.0.0');
    const message = await expectRefused(ada, () => ada.commands.addVersion({ app: appId, chart: other }), 'catalog.chart-mismatch', appId);
    expect(message).toContain('mosquitto');
    await expectRefused(ada, () => ada.commands.addVersion({ app: appId, chart: fixture('emqx-v1.0.0-rc.1.tgz') }), 'catalog.duplicate', appId);
    await expectRefused(
      ada,
      () => ada.commands.addVersion({ app: appId, chart: fixture('emqx-v4.0.2.tgz'), versionName: 'not a version!' }),
      'input.invalid',
      appId,
    );
    await expectRefused(ada, () => ada.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v4.0.2.tgz') }), 'catalog.duplicate');
    await expectRefused(ada, () => ada.commands.addVersion({ app: appId, chart: Buffer.from('not a chart').toString('base64') }), /^chart\./, appId);
  });

  test('images: icons PNG/JPEG/SVG, screenshots PNG/JPEG and at most 6', async () => {
    await expectRefused(ada, () => ada.commands.setIcon({ app: appId, image: fixture('emqx-v4.0.2.tgz') }), 'input.invalid', appId);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>').toString('base64');
    await ada.commands.setIcon({ app: appId, image: svg });
    await expectRefused(ada, () => ada.commands.addScreenshot({ app: appId, image: svg }), 'input.invalid', appId);
    const png = readFileSync(join(__dirname, '../../../../shared/fixtures/charts/emq-dashboard.png'));
    for (let i = 0; i < 6; i++) await ada.commands.addScreenshot({ app: appId, image: Buffer.concat([png, Buffer.from([i])]).toString('base64') });
    const message = await expectRefused(
      ada,
      () => ada.commands.addScreenshot({ app: appId, image: Buffer.concat([png, Buffer.from([9])]).toString('base64') }),
      'input.invalid',
      appId,
    );
    expect(message).toContain('at most 6');
  });

  test('an app is deleted only when no versions are left, after the guided sequence', async () => {
    const message = await expectRefused(ada, () => ada.commands.deleteApp({ app: appId }), 'catalog.wrong-state', appId);
    expect(message).toMatch(/still has \d+ versions/);
    // suspend → delete versions → delete app
    await ada.commands.suspendOrRecoverApp({ app: appId }, false);
    await expectRefused(ada, () => ada.commands.suspendOrRecoverApp({ app: appId }, false), 'catalog.wrong-state', appId);
    for (const v of (await ada.queries.app(appId)).versions) {
      if (v.state === 'submitted') await ada.commands.versionAction('version.cancel', { version: v.id });
      await ada.commands.versionAction('version.delete', { version: v.id });
    }
    await ada.commands.deleteApp({ app: appId });
    await expectRefused(ada, () => ada.queries.app(appId), 'not-found');
  });

  test('categories: uncategorized stays, names are unique, a category in use stays', async () => {
    await expectRefused(ada, () => ada.commands.deleteCategory({ category: 'uncategorized' }), 'catalog.wrong-state');
    await expectRefused(ada, () => ada.commands.renameCategory({ category: 'uncategorized', name: 'misc' }), 'catalog.wrong-state');
    const c = await ada.commands.createCategory({ name: 'Database' });
    await expectRefused(ada, () => ada.commands.createCategory({ name: 'database' }), 'catalog.duplicate');
    const app = await ada.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v4.0.2.tgz'), category: 'Database' });
    // a draft-only app has nothing to suspend or recover
    await expectRefused(ada, () => ada.commands.suspendOrRecoverApp({ app: app.id }, false), 'catalog.wrong-state', app.id);
    await expectRefused(ada, () => ada.commands.suspendOrRecoverApp({ app: app.id }, true), 'catalog.wrong-state', app.id);
    const message = await expectRefused(ada, () => ada.commands.deleteCategory({ category: c.id }), 'catalog.in-use');
    expect(message).toContain('emqx');
    await ada.commands.updateInfo({ app: app.id, category: 'uncategorized' });
    await ada.commands.renameCategory({ category: c.id, name: 'Databases' });
    await ada.commands.deleteCategory({ category: c.id });
    await expectRefused(ada, () => ada.commands.renameCategory({ category: c.id, name: 'x' }), 'not-found');
  });

  test('the last admin cannot be revoked', async () => {
    await expectRefused(ada, () => ada.commands.grant({ member: ada.keyId, role: 'admin' }, true), 'catalog.wrong-state');
  });
});

describe('missing roles', () => {
  const shared = tempDir('shared');
  const folder = { kind: 'folder' as const, path: shared };
  let ada: Person; // admin (and isv of ws)
  let rex: Person; // reviewer
  let ivy: Person; // isv of ws
  let olly: Person; // member of ws
  let appId = '';
  let version = '';
  const everyone = () => [ada, rex, ivy, olly];
  const syncAll = async () => {
    for (const p of everyone()) await p.sync.sync();
    for (const p of everyone()) await p.sync.sync();
  };

  beforeAll(async () => {
    ada = person('Ada');
    rex = person('Rex');
    ivy = person('Ivy');
    olly = person('Olly');
    await ada.sync.init('Roles', folder);
    for (const p of [rex, ivy, olly]) await p.sync.connect(folder);
    await ada.sync.sync();
    await ada.commands.createWorkspace({ name: 'ws' });
    await ada.commands.grant({ member: 'Rex', role: 'reviewer' });
    await ada.commands.setWorkspaceMember({ workspace: 'ws', member: 'Ivy', role: 'isv' });
    await ada.commands.setWorkspaceMember({ workspace: 'ws', member: 'Olly', role: 'member' });
    await syncAll();
    const app = await ivy.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    appId = app.id;
    version = app.versions[0].id;
    await syncAll();
  });
  afterAll(async () => {
    for (const p of everyone()) await p?.close();
    cleanup(shared, ...everyone().map((p) => p?.dataDir));
  });

  test('only isvs of the workspace create apps, add versions, edit, submit, release and delete', async () => {
    for (const p of [rex, olly]) {
      await expectRefused(p, () => p.commands.createApp({ workspace: 'ws', chart: fixture('emqx-v4.0.2.tgz') }), 'catalog.forbidden');
      await expectRefused(p, () => p.commands.addVersion({ app: appId, chart: fixture('emqx-v4.0.2.tgz') }), 'catalog.forbidden', appId);
      await expectRefused(p, () => p.commands.updateInfo({ app: appId, description: 'mine now' }), 'catalog.forbidden', appId);
      await expectRefused(p, () => p.commands.setIcon({ app: appId, image: fixture('emqx-logo.png') }), 'catalog.forbidden', appId);
      for (const action of ['edit', 'submit', 'delete'] as Action[]) await expectRefused(p, () => run(p, action, version), 'catalog.forbidden', appId);
    }
  });

  test('only reviewers and admins approve, reject, suspend, recover and manage categories', async () => {
    await ivy.commands.submitVersion({ version });
    await syncAll();
    for (const p of [ivy, olly]) {
      for (const action of ['approve', 'reject'] as Action[]) await expectRefused(p, () => run(p, action, version), 'catalog.forbidden', appId);
      await expectRefused(p, () => p.commands.createCategory({ name: 'IoT' }), 'catalog.forbidden');
    }
    await expectRefused(rex, () => run(rex, 'cancel', version), 'catalog.forbidden', appId);
    await rex.commands.versionAction('version.approve', { version });
    await syncAll();
    await expectRefused(rex, () => run(rex, 'release', version), 'catalog.forbidden', appId);
    await ivy.commands.versionAction('version.release', { version });
    await syncAll();
    for (const p of [ivy, olly]) {
      await expectRefused(p, () => run(p, 'suspend', version), 'catalog.forbidden', appId);
      await expectRefused(p, () => p.commands.suspendOrRecoverApp({ app: appId }, false), 'catalog.forbidden', appId);
    }
  });

  test('a reviewer may file an app under a category, but not edit the rest of its info', async () => {
    const c = await rex.commands.createCategory({ name: 'IoT' });
    await rex.commands.updateInfo({ app: appId, category: c.id });
    await expectRefused(rex, () => rex.commands.updateInfo({ app: appId, category: c.id, home: 'https://example.com' }), 'catalog.forbidden', appId);
  });

  test('only admins manage members and workspaces', async () => {
    for (const p of [rex, ivy, olly]) {
      await expectRefused(p, () => p.commands.grant({ member: p.keyId, role: 'admin' }), 'catalog.forbidden');
      await expectRefused(p, () => p.commands.createWorkspace({ name: 'mine' }), 'catalog.forbidden');
      await expectRefused(p, () => p.commands.setWorkspaceMember({ workspace: 'ws', member: p.keyId, role: 'isv' }), 'catalog.forbidden');
    }
  });

  test('the review queue is for reviewers; drafts are for their workspace', async () => {
    await expectRefused(ivy, () => ivy.queries.reviewQueue(), 'catalog.forbidden');
    const outsider = person('Otto');
    try {
      await outsider.sync.connect(folder);
      const draft = await ivy.commands.addVersion({ app: appId, chart: fixture('emqx-v4.0.2.tgz') });
      await ivy.sync.sync();
      await outsider.sync.sync();
      await expect(outsider.queries.app(appId)).rejects.toMatchObject({ code: 'catalog.forbidden' });
      await expect(outsider.queries.versionPackage(draft.id, 'store')).rejects.toMatchObject({ code: 'catalog.wrong-state' });
      await expect(outsider.queries.versionPackage(draft.id, 'test')).rejects.toMatchObject({ code: 'catalog.forbidden' });
      expect((await outsider.queries.store({})).apps.map((a) => a.chartName)).toEqual(['emqx']);
    } finally {
      await outsider.close();
      cleanup(outsider.dataDir);
    }
  });
});
