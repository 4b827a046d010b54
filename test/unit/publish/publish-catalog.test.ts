import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DistributionService } from '../../../src-main/publish/distribution-service';
import { runHelm } from '../../services/helm';
import { startRegistry, type TestRegistry } from '../../services/oci-registry';
import { cleanup, fixture, person, tempDir, type Person } from '../catalog/people';
import { CORPUS_CHARTS } from '../../services/shared-files';

describe('publishing the catalog’s released apps', () => {
  let iris: Person;
  let dist: DistributionService;
  let registry: TestRegistry;
  let v1 = '';
  const folder = tempDir('helm-repo');
  const home = tempDir('helm-home');

  beforeAll(async () => {
    registry = await startRegistry({ auth: { username: 'ci', password: 'ci-pass' } });
    iris = person('Iris');
    await iris.sync.init('Vendor catalog', { kind: 'folder', path: tempDir('store') });
    await iris.commands.createWorkspace({ name: 'demo-workspace' });
    const app = await iris.commands.createApp({ workspace: 'demo-workspace', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    v1 = app.versions[0].id;
    for (const action of ['version.approve', 'version.release'] as const) {
      if (action === 'version.approve') await iris.commands.submitVersion({ version: v1 });
      await iris.commands.versionAction(action, { version: v1 });
    }
    const v2 = await iris.commands.addVersion({ app: app.id, chart: fixture('emqx-v4.0.2.tgz') });
    await iris.commands.submitVersion({ version: v2.id });
    await iris.commands.versionAction('version.approve', { version: v2.id });
    await iris.commands.versionAction('version.release', { version: v2.id });
    // a draft app is not published
    await iris.commands.createApp({ workspace: 'demo-workspace', chart: Buffer.from(readFileSync(`${CORPUS_CHARTS}/nginx-22.1.1.tgz`)).toString('base64') });

    dist = new DistributionService(iris.dataDir, () => iris);
    await dist.generateSigningKey({ name: 'Iris Vendor', email: 'iris@vendor.example' });
    await dist.saveTarget({ target: { name: 'repo', kind: 'helm-folder', folder } });
    await dist.saveTarget({
      target: { name: 'registry', kind: 'oci', location: `oci://${registry.host}/charts`, plainHttp: true, username: 'ci' },
      password: 'ci-pass',
    });
  });
  afterAll(async () => {
    iris?.close();
    await registry?.stop();
    cleanup(folder, home, iris?.dataDir);
  });

  it('says what a publish will change, then publishes only active versions, signed', async () => {
    const plan = await dist.planPublish('repo');
    expect(plan).toMatchObject({ signed: true, remove: [], replace: [] });
    expect(plan.add.map((r) => r.version).sort()).toEqual(['v1.0.0-rc.1', 'v4.0.2']);
    const report = await dist.publish('repo');
    expect(report.add).toHaveLength(2);
    const index = parse(readFileSync(join(folder, 'index.yaml'), 'utf8')) as { entries: Record<string, unknown[]> };
    expect(Object.keys(index.entries)).toEqual(['emqx']);
    expect(existsSync(join(folder, 'emqx-v4.0.2.tgz.prov'))).toBe(true);
    expect((await dist.planPublish('repo')).add).toEqual([]);

    const oci = await dist.publish('registry');
    expect(oci.add).toHaveLength(2);
    const pull = await runHelm(
      ['pull', `oci://${registry.host}/charts/emqx`, '--version', 'v4.0.2', '--plain-http', '--username', 'ci', '--password', 'ci-pass', '-d', home],
      home,
    );
    expect(pull.status, pull.stderr).toBe(0);
  });

  it('drops a suspended version from both targets at the next publish', async () => {
    await iris.commands.versionAction('version.suspend', { version: v1, message: 'security issue' });
    const plan = await dist.planPublish('repo');
    expect(plan.remove).toEqual([{ name: 'emqx', version: 'v1.0.0-rc.1' }]);
    expect((await dist.planPublish('registry')).remove).toEqual([{ name: 'emqx', version: 'v1.0.0-rc.1' }]);
    await dist.publish('repo');
    await dist.publish('registry');
    const index = parse(readFileSync(join(folder, 'index.yaml'), 'utf8')) as { entries: Record<string, { version: string }[]> };
    expect(index.entries.emqx.map((e) => e.version)).toEqual(['v4.0.2']);
    const gone = await runHelm(
      ['pull', `oci://${registry.host}/charts/emqx`, '--version', 'v1.0.0-rc.1', '--plain-http', '--username', 'ci', '--password', 'ci-pass', '-d', home],
      home,
    );
    expect(gone.status).not.toBe(0);
    // a signed publish shares its signatures through the catalog, so the store shows them; suspending keeps them
    const check = await dist.checkVersion(v1);
    expect(check.status).toBe('verified');
  });

  it('counts a signature gained or lost as a replacement in the preview, as the publish then does', async () => {
    await dist.setSignOnPublish(false);
    const unsigned = await dist.planPublish('repo');
    expect(unsigned).toMatchObject({ signed: false, add: [], remove: [], keep: [] });
    expect(unsigned.replace).toEqual([{ name: 'emqx', version: 'v4.0.2' }]);
    expect((await dist.publish('repo')).replace).toEqual(unsigned.replace);
    expect(existsSync(join(folder, 'emqx-v4.0.2.tgz.prov'))).toBe(false);
    expect((await dist.planPublish('repo')).keep).toEqual([{ name: 'emqx', version: 'v4.0.2' }]);
    await dist.setSignOnPublish(true);
    expect((await dist.planPublish('repo')).replace).toEqual([{ name: 'emqx', version: 'v4.0.2' }]);
  });
});
