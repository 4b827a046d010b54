import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../../../src-main/bundle/bundle-export';
import { readBundle } from '../../../src-main/bundle/bundle-file';
import { importBundle, readBundleFile } from '../../../src-main/bundle/bundle-import';
import { ProvenanceStore } from '../../../src-main/provenance/provenance-store';
import { signPackage } from '../../../src-main/provenance/sign';
import { readPackageMetadata, sha256Hex } from '../../../src-main/publish/repo-index';
import { cleanup, fixture, person, tempDir, type Person } from '../catalog/people';

describe('air-gap bundles', () => {
  let iris: Person; // source catalog: ISV and admin
  let zoe: Person; // the air-gapped site's catalog
  let irisKeys: ProvenanceStore;
  let zoeKeys: ProvenanceStore;
  let appId = '';
  let bundlePath = '';
  const dirs: string[] = [];

  beforeAll(async () => {
    iris = person('Iris');
    zoe = person('Zoe');
    const shared = tempDir('src-store');
    const offline = tempDir('air-gap-store');
    dirs.push(shared, offline);
    await iris.sync.init('Vendor catalog', { kind: 'folder', path: shared });
    await iris.commands.createWorkspace({ name: 'demo-workspace' });
    const app = await iris.commands.createApp({ workspace: 'demo-workspace', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    appId = app.id;
    await iris.commands.setIcon({ app: appId, image: fixture('emqx-logo.png') });
    await iris.commands.addScreenshot({ app: appId, image: fixture('emq-dashboard.png') });
    await iris.commands.updateInfo({ app: appId, introduction: '# EMQ X', home: 'https://www.emqx.io' });
    const v1 = app.versions[0].id;
    await iris.commands.submitVersion({ version: v1, versionName: '1.0.0-rc.1', changelog: 'first release' });
    await iris.commands.versionAction('version.approve', { version: v1, message: 'values and templates look fine' });
    await iris.commands.versionAction('version.release', { version: v1 });
    const v2 = await iris.commands.addVersion({ app: appId, chart: fixture('emqx-v4.0.2.tgz'), changelog: 'EMQ X 4.0.2' });
    await iris.commands.submitVersion({ version: v2.id, versionName: '4.0.2' });
    await iris.commands.versionAction('version.approve', { version: v2.id });
    await iris.commands.versionAction('version.release', { version: v2.id });

    irisKeys = new ProvenanceStore(join(iris.dataDir, 'provenance'));
    const signer = await irisKeys.generateSigningKey({ name: 'Iris Vendor', email: 'iris@vendor.example' });
    const pkg = new Uint8Array(Buffer.from(fixture('emqx-v4.0.2.tgz'), 'base64'));
    const prov = await signPackage(pkg, 'emqx-v4.0.2.tgz', readPackageMetadata(pkg, 'x'), { armoredPrivateKey: irisKeys.signingKeyArmored()! });
    irisKeys.keepProvenance(sha256Hex(pkg), prov);

    await zoe.sync.init('Air-gapped catalog', { kind: 'folder', path: offline });
    await zoe.commands.createWorkspace({ name: 'plant-floor' });
    zoeKeys = new ProvenanceStore(join(zoe.dataDir, 'provenance'));
    await zoeKeys.trust(signer.armoredPublicKey);
    bundlePath = join(tempDir('bundle'), 'emqx.berth.tgz');
    dirs.push(bundlePath.replace(/\/[^/]+$/, ''));
  });
  afterAll(() => {
    iris?.close();
    zoe?.close();
    cleanup(...dirs, iris?.dataDir, zoe?.dataDir);
  });

  it('writes one file with the versions, attachments, provenance, review records and images', async () => {
    const report = await exportBundle(iris, irisKeys, { app: appId, path: bundlePath });
    expect(report.versions).toEqual(['1.0.0-rc.1', '4.0.2']);
    expect(report.images).toEqual(['emqx/emqx:latest', 'emqx/emqx:v4.0.2']);
    const listing = execFileSync('tar', ['-tzf', bundlePath], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(
      expect.arrayContaining([
        'bundle.json',
        'packages/emqx-v1.0.0-rc.1.tgz',
        'packages/emqx-v4.0.2.tgz',
        'packages/emqx-v4.0.2.tgz.prov',
        'records/events.jsonl',
        'images.txt',
      ]),
    );
    const { manifest } = readBundleFile(bundlePath);
    const rc1 = manifest.versions.find((v) => v.name === '1.0.0-rc.1')!;
    expect(rc1.changelog).toBe('first release');
    expect(rc1.review.map((r) => r.action)).toEqual(expect.arrayContaining(['version.submit', 'version.approve', 'version.release']));
    expect(rc1.review.find((r) => r.action === 'version.approve')?.message).toBe('values and templates look fine');
    expect(Object.keys(manifest.attachments)).toHaveLength(2);
  });

  it('is imported as-is by another catalog, provenance and review records checked', async () => {
    const report = await importBundle(zoe, zoeKeys, readBundleFile(bundlePath), { workspace: 'plant-floor' });
    expect(report.createdApp).toBe(true);
    expect(report.addedVersions).toEqual(['1.0.0-rc.1', '4.0.2']);
    expect(report.provenance).toEqual([
      expect.objectContaining({ version: '1.0.0-rc.1', status: 'unsigned' }),
      expect.objectContaining({ version: '4.0.2', status: 'verified', message: expect.stringContaining('Iris Vendor') }),
    ]);
    expect(report.reviewRecords.total).toBeGreaterThan(5);
    expect(report.reviewRecords.verified).toBe(report.reviewRecords.total);

    const app = await zoe.queries.app(report.app);
    expect(app).toMatchObject({ chartName: 'emqx', workspaceName: 'plant-floor' });
    expect(app.info).toMatchObject({ introduction: '# EMQ X', home: 'https://www.emqx.io' });
    expect(app.info.icon?.mediaType).toBe('image/png');
    expect(app.info.screenshots).toHaveLength(1);
    expect(app.versions.map((v) => [v.name, v.state, v.changelog]).sort()).toEqual([
      ['1.0.0-rc.1', 'draft', 'first release'],
      ['4.0.2', 'draft', 'EMQ X 4.0.2'],
    ]);

    const again = await importBundle(zoe, zoeKeys, readBundleFile(bundlePath), { workspace: 'plant-floor' });
    expect(again).toMatchObject({ createdApp: false, addedVersions: [], skippedVersions: ['1.0.0-rc.1', '4.0.2'] });
  });

  it('refuses a bundle whose package was altered', () => {
    const tar = Buffer.from(gunzipSync(readFileSync(bundlePath)));
    const at = tar.indexOf(Buffer.from('packages/emqx-v4.0.2.tgz\0'));
    expect(at).toBeGreaterThan(0);
    tar[at + 512 + 100] ^= 0xff; // a byte inside the package's data
    const altered = join(tempDir('altered'), 'x.berth.tgz');
    dirs.push(altered.replace(/\/[^/]+$/, ''));
    writeFileSync(altered, gzipSync(tar));
    expect(() => readBundle(new Uint8Array(readFileSync(altered)))).toThrow(/emqx-v4.0.2.tgz was altered/);
  });
});
