import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBundleFile } from '../../../src-main/bundle/bundle-import';
import { EVENT_FORMAT } from '../../../src-main/catalog/event-types';
import { nextHlc } from '../../../src-main/catalog/hlc';
import { signBody } from '../../../src-main/catalog/signing';
import { CatalogProvenance, PROVENANCE_EVENT } from '../../../src-main/provenance/catalog-provenance';
import { generateSigningKey, type GeneratedSigningKey } from '../../../src-main/provenance/keys';
import { signPackage } from '../../../src-main/provenance/sign';
import { DistributionService } from '../../../src-main/publish/distribution-service';
import { readPackageMetadata } from '../../../src-main/publish/repo-index';
import { cleanup, fixture, person, tempDir, type Person } from '../catalog/people';

/** Iris (ISV) attaches a .prov on her machine; Ravi (reviewer) syncs the shared folder and checks it on his. */
describe('provenance travels with the catalog', () => {
  const shared = tempDir('prov-share');
  const iris = person('Iris');
  const ravi = person('Ravi');
  const distribution = (p: Person) => new DistributionService(p.dataDir, () => p);
  const irisDist = distribution(iris);
  const raviDist = distribution(ravi);
  let publisher: GeneratedSigningKey;
  let version = '';
  let second = '';
  let prov = '';

  afterAll(() => {
    iris.close();
    ravi.close();
    cleanup(shared, iris.dataDir, ravi.dataDir);
  });

  /** Changes one hex digit of the signed package digest: the signature no longer matches the text. */
  const tamper = (text: string) => text.replace(/sha256:([0-9a-f])/, (_m, c: string) => `sha256:${c === '0' ? '1' : '0'}`);

  async function sign(versionId: string, key: GeneratedSigningKey): Promise<string> {
    const v = await iris.queries.version(versionId);
    const bytes = new Uint8Array(Buffer.from(iris.queries.blob(v.package.sha256).base64, 'base64'));
    const file = `emqx-${v.chartVersion}.tgz`;
    return signPackage(bytes, file, readPackageMetadata(bytes, file), key);
  }

  it('is unsigned until someone attaches a .prov', async () => {
    await iris.sync.init('Demo', { kind: 'folder', path: shared });
    await ravi.sync.connect({ kind: 'folder', path: shared });
    await iris.sync.sync();
    await iris.commands.grant({ member: 'Ravi', role: 'reviewer' });
    await iris.commands.createWorkspace({ name: 'demo-workspace' });
    const app = await iris.commands.createApp({ workspace: 'demo-workspace', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    version = app.versions[0].id;
    second = (await iris.commands.addVersion({ app: app.id, chart: fixture('emqx-v4.0.2.tgz') })).id;
    await iris.sync.sync();
    await ravi.sync.sync();
    expect(await raviDist.checkVersion(version)).toMatchObject({ status: 'unsigned' });
  });

  it('reaches the other data dir at sync, where it verifies once the signer’s key is trusted', async () => {
    publisher = await generateSigningKey({ name: 'EMQ Publisher', email: 'charts@emqx.example' });
    await irisDist.trust(publisher.armoredPublicKey);
    prov = await sign(version, publisher);
    expect(await irisDist.attachProvenance(version, prov)).toMatchObject({ status: 'verified' });
    expect(await raviDist.checkVersion(version)).toMatchObject({ status: 'unsigned' }); // not synced yet
    await iris.sync.sync();
    await ravi.sync.sync();
    const unknown = await raviDist.checkVersion(version);
    expect(unknown.status).toBe('unknown-signer');
    expect(unknown.signer?.keyId).toBe(publisher.fingerprint.slice(-16));
    await raviDist.trust(publisher.armoredPublicKey);
    const verified = await raviDist.checkVersion(version);
    expect(verified).toMatchObject({ status: 'verified', signer: { fingerprint: publisher.fingerprint, userIds: ['EMQ Publisher <charts@emqx.example>'] } });
    expect(verified.message).toContain('EMQ Publisher');
    // the other version's package is not the one signed
    expect(await raviDist.checkVersion(second)).toMatchObject({ status: 'unsigned' });
  });

  it('refuses a tampered .prov, and one signed for another package', async () => {
    const tampered = tamper(prov);
    expect(tampered).not.toBe(prov);
    await expect(irisDist.attachProvenance(second, tampered)).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(irisDist.attachProvenance(second, prov)).rejects.toMatchObject({
      code: 'input.invalid',
      message: expect.stringContaining('does not list a file named emqx-v4.0.2.tgz'),
    });
    await iris.sync.sync();
    await ravi.sync.sync();
    expect(await raviDist.checkVersion(second)).toMatchObject({ status: 'unsigned' });
  });

  it('shows a tampered .prov that reached the catalog as tampered, and never lets it hide a good one', async () => {
    // written past Berth's own check, as a modified Berth could
    const irisLog = new CatalogProvenance(iris.core);
    const v2 = await iris.queries.version(second);
    const good2 = await sign(second, publisher);
    await irisLog.attach({ packageSha256: v2.package.sha256, prov: tamper(good2) });
    await irisLog.attach({ packageSha256: (await iris.queries.version(version)).package.sha256, prov: tamper(prov) });
    await iris.sync.sync();
    await ravi.sync.sync();
    expect(await raviDist.checkVersion(second)).toMatchObject({ status: 'bad-signature', message: expect.stringContaining('altered') });
    expect(await raviDist.checkVersion(version)).toMatchObject({ status: 'verified' });
  });

  it('refuses .prov events from someone who could not have uploaded the package, even forged past Berth', async () => {
    const mallory = person('Mallory');
    try {
      await mallory.sync.connect({ kind: 'folder', path: shared });
      await mallory.sync.sync();
      const v = await iris.queries.version(version);
      const other = await generateSigningKey({ name: 'Mallory' });
      await raviDist.trust(other.armoredPublicKey);
      const bytes = new Uint8Array(Buffer.from(iris.queries.blob(v.package.sha256).base64, 'base64'));
      const forged = await signPackage(bytes, 'emqx-v1.0.0-rc.1.tgz', readPackageMetadata(bytes, 'emqx-v1.0.0-rc.1.tgz'), other);
      await expect(new CatalogProvenance(mallory.core).attach({ packageSha256: v.package.sha256, prov: forged })).rejects.toMatchObject({
        code: 'catalog.forbidden',
      });
      // written by hand and handed to the catalog's ingest, as a modified Berth could
      const ledger = await mallory.core.ledger();
      const body = {
        v: EVENT_FORMAT,
        catalog: ledger.catalogId,
        type: PROVENANCE_EVENT,
        author: mallory.keyId,
        hlc: nextHlc(ledger.clock()),
        prev: {},
        data: { packageSha256: v.package.sha256, prov: forged },
      };
      await mallory.core.ingest([signBody(body, mallory.core.identity.signingKey())], { outbox: true });
      await mallory.sync.sync();
      await ravi.sync.sync();
      expect((await ravi.core.ledger()).allEvents().some((e) => e.body.author === mallory.keyId && e.body.type === PROVENANCE_EVENT)).toBe(true);
      expect(await new CatalogProvenance(ravi.core).forPackage(v.package.sha256)).not.toContain(forged);
      expect(await raviDist.checkVersion(version)).toMatchObject({ status: 'verified', signer: { fingerprint: publisher.fingerprint } });
    } finally {
      mallory.close();
      cleanup(mallory.dataDir);
    }
  });

  it('puts the catalog’s provenance into an air-gap bundle made on the other machine', async () => {
    const path = join(ravi.dataDir, 'emqx.berth.tgz');
    await raviDist.exportBundle({ app: (await ravi.queries.version(version)).appId, path, versions: ['v1.0.0-rc.1', 'v4.0.2'] });
    const manifest = readBundleFile(path).manifest;
    expect(manifest.versions.find((v) => v.name === 'v1.0.0-rc.1')?.provenance).toBe('emqx-v1.0.0-rc.1.tgz.prov');
    expect(manifest.versions.find((v) => v.name === 'v4.0.2')?.provenance).toBeUndefined();
  });

  it('tells the audit who attached provenance to which version', async () => {
    const audit = await ravi.queries.audit({ version });
    const entries = audit.records.filter((e) => e.action === PROVENANCE_EVENT);
    expect(entries.map((e) => [e.outcome, e.versionName, e.message])).toContainEqual([
      'applied',
      'v1.0.0-rc.1',
      'Iris attached a provenance file (.prov) to v1.0.0-rc.1',
    ]);
    const refused = (await ravi.queries.audit({ outcome: 'refused' })).records.filter((e) => e.action === PROVENANCE_EVENT);
    expect(refused.map((e) => e.reason)).toEqual(['Only an ISV of the app’s workspace, a reviewer or an admin attaches provenance.']);
  });
});
