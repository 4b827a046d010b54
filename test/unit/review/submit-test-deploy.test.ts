import { afterAll, describe, expect, it } from 'vitest';
import { BerthFailure } from '../../../shared/result';
import { ReviewService } from '../../../src-main/review/review-service';
import { cleanup, fixture, person, tempDir } from '../catalog/people';

/**
 * Submitting states the test deploy the catalog recorded — never a claim from the dialog — and
 * needs a changelog (KubeSphere's 更新日志).
 */
describe('submitting a version states the recorded test deploy and needs a changelog', () => {
  const shared = tempDir('submit-share');
  const iris = person('Iris');
  const tools = new ReviewService({ catalog: () => iris, tools: async () => ({}) });
  let version = '';

  afterAll(() => {
    iris.close();
    cleanup(shared, iris.dataDir);
  });

  const submitRecord = async () => {
    const page = await iris.queries.audit({ version, limit: 50 });
    return page.records.find((r) => r.action === 'version.submit' && r.outcome === 'applied');
  };

  it('refuses an empty changelog with a sentence, before any report is built', async () => {
    await iris.sync.init('Demo', { kind: 'folder', path: shared });
    await iris.commands.createWorkspace({ name: 'demo-workspace' });
    const app = await iris.commands.createApp({ workspace: 'demo-workspace', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    version = app.versions[0].id;
    const refused = await tools.submitWithReport({ version, changelog: '  \n' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BerthFailure);
    expect((refused as BerthFailure).message).toBe(
      'Write a changelog for v1.0.0-rc.1 before submitting it: reviewers and store users read it to know what changed.',
    );
    expect((refused as BerthFailure).say).toEqual({ key: 'changelogRequired', values: { version: 'v1.0.0-rc.1' } });
    expect(await tools.reports.get(version)).toBeNull();
    expect((await iris.queries.version(version)).state).toBe('draft');
  });

  it('says “no test deploy recorded” in History when none was, whatever the ISV ticked', async () => {
    await tools.submitWithReport({ version, changelog: 'First release', message: 'I tested it, trust me' });
    const r = await submitRecord();
    expect(r?.detail).toEqual({ key: 'submittedTestNone', params: { release: '', namespace: '', text: 'I tested it, trust me' } });
    expect(r?.message).toBe('Submitted with no test deploy recorded: “I tested it, trust me”');
    expect((await tools.reports.get(version))?.checks.find((c) => c.id === 'test-deploy')?.summarySay).toEqual({ key: 'report.testDeployNone' });
  });

  it('states the recorded outcome when a test deploy was recorded', async () => {
    await iris.commands.versionAction('version.cancel', { version });
    await tools.reports.recordTestDeploy({
      version,
      release: 'emqx-test',
      namespace: 'demo',
      outcome: 'failed',
      message: 'ImagePullBackOff',
      at: new Date().toISOString(),
    });
    await tools.submitWithReport({ version, changelog: 'First release' });
    const page = await iris.queries.audit({ version, limit: 50 });
    const latest = page.records.filter((r) => r.action === 'version.submit' && r.outcome === 'applied')[0];
    expect(latest.detail).toEqual({ key: 'submittedTestFailed', params: { release: 'emqx-test', namespace: 'demo' } });
    expect(latest.message).toBe('Submitted although the latest recorded test deploy failed (release emqx-test in namespace demo)');
  });
});
