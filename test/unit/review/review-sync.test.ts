import { afterAll, describe, expect, it } from 'vitest';
import { ReviewService } from '../../../src-main/review/review-service';
import { cleanup, fixture, person, tempDir, type Person } from '../catalog/people';

/** Iris (ISV) and Ravi (reviewer), each with their own data dir, sharing one folder store. */
describe('review comments and waivers between two people through a shared catalog', () => {
  const shared = tempDir('review-share');
  const iris = person('Iris');
  const ravi = person('Ravi');
  const tools = (p: Person) => new ReviewService({ catalog: () => p, tools: async () => ({}) });
  const irisTools = tools(iris);
  const raviTools = tools(ravi);
  let version = '';
  let thread = '';

  afterAll(() => {
    iris.close();
    ravi.close();
    cleanup(shared, iris.dataDir, ravi.dataDir);
  });

  it('stores the pre-submission report on the version at submit', async () => {
    await iris.sync.init('Demo', { kind: 'folder', path: shared });
    await ravi.sync.connect({ kind: 'folder', path: shared });
    await iris.sync.sync();
    await iris.commands.grant({ member: 'Ravi', role: 'reviewer' });
    await iris.commands.createWorkspace({ name: 'demo-workspace' });
    const app = await iris.commands.createApp({ workspace: 'demo-workspace', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    version = app.versions[0].id;
    const { version: submitted, report } = await irisTools.submitWithReport({ version, changelog: 'First release', kubeVersions: ['1.29'] });
    expect(submitted.state).toBe('submitted');
    expect(report.report.packageSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.checks.find((c) => c.id === 'test-deploy')?.status).toBe('warn');
    await iris.sync.sync();
  });

  it('lets the reviewer comment on a line of values.yaml, offline, and the ISV see it after a sync', async () => {
    await ravi.sync.sync();
    expect(await raviTools.comments.list(version)).toEqual([]);
    const t = await raviTools.comments.add(
      version,
      { kind: 'file', path: 'values.yaml', line: 23, lineText: 'replicas: 3' },
      'Three replicas by default is a lot for a test cluster.',
    );
    thread = t.id;
    expect(t.comments[0].authorName).toBe('Ravi');
    expect(await irisTools.comments.list(version)).toEqual([]); // not synced yet
    await ravi.sync.sync();
    await iris.sync.sync();
    const [seen] = await irisTools.comments.list(version);
    expect(seen).toMatchObject({ id: thread, anchor: { path: 'values.yaml', line: 23 }, resolved: false });
    expect(seen.comments.map((c) => c.body)).toEqual(['Three replicas by default is a lot for a test cluster.']);
  });

  it('carries the ISV’s reply and waiver request back, and the reviewer’s decision forward', async () => {
    await irisTools.comments.reply(thread, version, 'EMQ X needs a quorum of three.');
    const waived = await irisTools.reports.requestWaiver(version, 'test-deploy', 'Tested on our staging cluster outside Berth.');
    expect(waived.checks.find((c) => c.id === 'test-deploy')?.waiver?.state).toBe('requested');
    await expect(irisTools.reports.decideWaiver(waived.checks.find((c) => c.id === 'test-deploy')!.waiver!.id, true)).rejects.toThrow(
      /Another reviewer has to decide/,
    );
    await iris.sync.sync();
    await ravi.sync.sync();
    const [t] = await raviTools.comments.list(version);
    expect(t.comments.map((c) => `${c.authorName}: ${c.body}`)).toEqual([
      'Ravi: Three replicas by default is a lot for a test cluster.',
      'Iris: EMQ X needs a quorum of three.',
    ]);
    const view = await raviTools.reports.get(version);
    const waiver = view!.checks.find((c) => c.id === 'test-deploy')!.waiver!;
    const decided = await raviTools.reports.decideWaiver(waiver.id, true, 'Fine for a first release.');
    expect(decided.checks.find((c) => c.id === 'test-deploy')?.effective).toBe('pass');
    await raviTools.comments.resolve(thread, version, true);
    await ravi.sync.sync();
    await iris.sync.sync();
    const [resolved] = await irisTools.comments.list(version);
    expect(resolved).toMatchObject({ resolved: true, resolvedByName: 'Ravi' });
    expect((await irisTools.reports.get(version))!.checks.find((c) => c.id === 'test-deploy')?.waiver).toMatchObject({
      state: 'accepted',
      decidedByName: 'Ravi',
      note: 'Fine for a first release.',
    });
  });

  it('shows an unresolved thread on the next version’s review, at the line its text moved to', async () => {
    await raviTools.comments.add(version, { kind: 'file', path: 'values.yaml', line: 18, lineText: 'accessMode: ReadWriteOnce' }, 'Consider ReadWriteMany.');
    await ravi.sync.sync();
    await iris.sync.sync();
    const next = await iris.commands.addVersion({ app: (await iris.queries.version(version)).appId, chart: fixture('emqx-v4.0.2.tgz') });
    const threads = await irisTools.comments.list(next.id);
    expect(threads).toHaveLength(1); // the resolved one stays behind
    expect(threads[0]).toMatchObject({ version, versionName: 'v1.0.0-rc.1', carried: { line: 19 } });
  });

  it('tells the review in plain words in the audit, tied to the app and version, on both sides', async () => {
    await ravi.sync.sync();
    await iris.sync.sync();
    for (const p of [iris, ravi]) {
      const rows = (await p.queries.audit({ version, limit: 100 })).records.filter((r) => r.action.startsWith('review.')).reverse();
      expect(rows.map((r) => r.outcome)).not.toContain('unknown');
      expect(rows.every((r) => r.appName === 'emqx' && r.versionName === 'v1.0.0-rc.1')).toBe(true);
      const said = rows.map((r) => `${r.role}: ${r.message}`);
      expect(said[0]).toMatch(/^isv: Iris attached the pre-submission report of v1\.0\.0-rc\.1 \(\d+ checks, \d+ failed\)$/);
      expect(said).toEqual(
        expect.arrayContaining([
          'reviewer: Ravi commented on values.yaml line 23 of v1.0.0-rc.1: “Three replicas by default is a lot for a test cluster.”',
          'isv: Iris replied on values.yaml line 23 of v1.0.0-rc.1: “EMQ X needs a quorum of three.”',
          'isv: Iris asked to waive the check test-deploy of v1.0.0-rc.1: “Tested on our staging cluster outside Berth.”',
          'reviewer: Ravi accepted the waiver of the check test-deploy of v1.0.0-rc.1: “Fine for a first release.”',
          'reviewer: Ravi resolved a comment thread on values.yaml line 23 of v1.0.0-rc.1',
        ]),
      );
    }
  });

  it('refuses comments from people outside the app’s workspace who are not reviewers', async () => {
    const stranger = person('Sam');
    try {
      await stranger.sync.connect({ kind: 'folder', path: shared });
      await expect(tools(stranger).comments.add(version, { kind: 'changelog', line: 1 }, 'hi')).rejects.toThrow(
        /Only members of the app’s workspace and reviewers/,
      );
    } finally {
      stranger.close();
      cleanup(stranger.dataDir);
    }
  });
  it('tells the latest test deploy of a version on the other machine, before any new report', async () => {
    expect(await raviTools.reports.latestTestDeploy(version)).toBeNull();
    await irisTools.reports.recordTestDeploy({
      version,
      release: 'emqx',
      namespace: 'iot',
      outcome: 'failed',
      message: 'removed API',
      at: '2026-11-25T10:00:00.000Z',
    });
    await irisTools.reports.recordTestDeploy({ version, release: 'emqx', namespace: 'iot', outcome: 'running', at: '2026-11-25T10:05:00.000Z' });
    await iris.sync.sync();
    await ravi.sync.sync();
    expect(await raviTools.reports.latestTestDeploy(version)).toMatchObject({ outcome: 'running', release: 'emqx', namespace: 'iot', byName: 'Iris' });
  });
});
