import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPackageMetadata } from '../../../src-main/publish/repo-index';
import { binaryKeyring, binarySecretKeyring, generateSigningKey, readAnyKeys, type GeneratedSigningKey } from '../../../src-main/provenance/keys';
import { parseProvenanceMessage, provenanceMessage } from '../../../src-main/provenance/prov-message';
import { signPackage } from '../../../src-main/provenance/sign';
import { verifyProvenance } from '../../../src-main/provenance/verify';
import { runHelm } from '../../services/helm';
import { FIXTURE_CHARTS } from '../../services/shared-files';

const FIXTURE = `${FIXTURE_CHARTS}/emqx-v4.0.2.tgz`;
const FILE = 'emqx-v4.0.2.tgz';

describe('chart provenance', () => {
  const pkg = new Uint8Array(readFileSync(FIXTURE));
  const md = readPackageMetadata(pkg, FILE);
  let publisher: GeneratedSigningKey;
  let stranger: GeneratedSigningKey;
  let home: string;
  beforeAll(async () => {
    publisher = await generateSigningKey({ name: 'EMQ Publisher', email: 'charts@emqx.example' });
    stranger = await generateSigningKey({ name: 'Someone Else' });
    home = mkdtempSync(join(tmpdir(), 'berth-prov-'));
  });

  it('writes a .prov that `helm verify` accepts with the publisher’s public keyring', async () => {
    const prov = await signPackage(pkg, FILE, md, publisher);
    expect(prov).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n/);
    const signedText = (await openpgp.readCleartextMessage({ cleartextMessage: prov })).getText();
    expect(parseProvenanceMessage(signedText)?.files[FILE]).toMatch(/^sha256:[0-9a-f]{64}$/);
    const dir = mkdtempSync(join(tmpdir(), 'berth-prov-'));
    writeFileSync(join(dir, FILE), pkg);
    writeFileSync(join(dir, `${FILE}.prov`), prov);
    writeFileSync(join(dir, 'pubring.gpg'), await binaryKeyring([publisher.armoredPublicKey]));
    const ok = await runHelm(['verify', '--keyring', join(dir, 'pubring.gpg'), join(dir, FILE)], home);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Signed by: EMQ Publisher <charts@emqx.example>');
    expect(ok.stdout).toContain(`Using Key With Fingerprint: ${publisher.fingerprint}`);

    // and helm refuses it with someone else's keyring, or once the package changes
    writeFileSync(join(dir, 'other.gpg'), await binaryKeyring([stranger.armoredPublicKey]));
    expect((await runHelm(['verify', '--keyring', join(dir, 'other.gpg'), join(dir, FILE)], home)).status).not.toBe(0);
    const tampered = Buffer.from(pkg);
    tampered[tampered.length - 1] ^= 1;
    writeFileSync(join(dir, FILE), tampered);
    expect((await runHelm(['verify', '--keyring', join(dir, 'pubring.gpg'), join(dir, FILE)], home)).status).not.toBe(0);
  });

  it('verifies what `helm package --sign` writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-prov-'));
    execFileSync('tar', ['-xzf', FIXTURE, '-C', dir]);
    writeFileSync(join(dir, 'secring.gpg'), await binarySecretKeyring(publisher.armoredPrivateKey));
    const out = join(dir, 'out');
    const r = await runHelm(
      ['package', join(dir, 'emqx'), '--sign', '--key', 'EMQ Publisher', '--keyring', join(dir, 'secring.gpg'), '--destination', out],
      home,
    );
    expect(r.status, r.stderr).toBe(0);
    const helmPkg = new Uint8Array(readFileSync(join(out, FILE)));
    const helmProv = readFileSync(join(out, `${FILE}.prov`), 'utf8');
    const trusted = await readAnyKeys(publisher.armoredPublicKey);
    const check = await verifyProvenance(helmPkg, FILE, helmProv, trusted);
    expect(check.status).toBe('verified');
    expect(check.signer?.fingerprint).toBe(publisher.fingerprint);
    expect(check.signer?.userIds).toEqual(['EMQ Publisher <charts@emqx.example>']);
    // the signed text is exactly what Berth writes for the same package
    const helmText = (await openpgp.readCleartextMessage({ cleartextMessage: helmProv })).getText();
    expect(provenanceMessage(helmPkg, FILE, readPackageMetadata(helmPkg, FILE)).trimEnd()).toBe(helmText.trimEnd());
  });

  it('tells an unknown signer, a forged text, another package and a missing file apart', async () => {
    const prov = await signPackage(pkg, FILE, md, publisher);
    const trusted = await readAnyKeys(publisher.armoredPublicKey);
    expect((await verifyProvenance(pkg, FILE, prov, trusted)).status).toBe('verified');
    expect((await verifyProvenance(pkg, FILE, prov, await readAnyKeys(stranger.armoredPublicKey))).status).toBe('unknown-signer');
    const forged = prov.replace('name: emqx', 'name: emqx-evil');
    expect(forged).not.toBe(prov);
    expect((await verifyProvenance(pkg, FILE, forged, trusted)).status).toBe('bad-signature');
    const other = new Uint8Array(readFileSync(`${FIXTURE_CHARTS}/emqx-v1.0.0-rc.1.tgz`));
    const mismatch = await verifyProvenance(other, FILE, prov, trusted);
    expect(mismatch.status).toBe('digest-mismatch');
    expect(mismatch.message).toContain('EMQ Publisher');
    expect((await verifyProvenance(pkg, 'renamed.tgz', prov, trusted)).status).toBe('digest-mismatch');
    expect((await verifyProvenance(pkg, FILE, 'hello', trusted)).status).toBe('malformed');
    expect((await verifyProvenance(pkg, FILE, undefined, trusted)).status).toBe('unsigned');
  });
});
