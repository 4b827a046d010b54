/**
 * cosign for OCI charts against the real cosign (built from its Go module by
 * test/services/ensure.sh) and Debian's docker-registry: `cosign verify --key` accepts what
 * Berth signed, and Berth accepts what `cosign sign --key` signed. No transparency log anywhere.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DistributionService } from '../../../src-main/publish/distribution-service';
import { pushChart } from '../../../src-main/publish/oci/helm-chart-artifact';
import { cosignKeyFingerprint, cosignSign, cosignVerify, generateCosignKeyPair } from '../../../src-main/publish/oci/cosign';
import { parseOciLocation } from '../../../src-main/publish/oci/reference';
import { RegistryClient } from '../../../src-main/publish/oci/registry-client';
import { startRegistry, type TestRegistry } from '../../services/oci-registry';
import { cosignPath, ensureServices } from '../../services/process';
import { FIXTURE_CHARTS } from '../../services/shared-files';
import { cleanup, fixture, person, tempDir, type Person } from '../catalog/people';

const run = promisify(execFile);
const pkg = new Uint8Array(readFileSync(`${FIXTURE_CHARTS}/emqx-v4.0.2.tgz`));

async function cosign(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  try {
    const r = await run(cosignPath(), args, { cwd, env: { ...process.env, COSIGN_PASSWORD: 'test-pass', HOME: cwd, COSIGN_YES: 'true' }, timeout: 120_000 });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : 1, out: `${x.stdout ?? ''}${x.stderr ?? ''}` };
  }
}

describe('cosign signatures of OCI charts', () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  const dir = mkdtempSync(join(tmpdir(), 'berth-cosign-'));
  const offline = ['--insecure-ignore-tlog=true', '--allow-http-registry=true'];

  beforeAll(async () => {
    ensureServices('cosign');
    registry = await startRegistry();
    client = new RegistryClient({ registry: registry.host, plainHttp: true });
  }, 60 * 60_000);
  afterAll(async () => {
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('cosign verify --key accepts what Berth signed', async () => {
    const pushed = await pushChart(client, parseOciLocation(`oci://${registry.host}/berth`), pkg);
    const keys = generateCosignKeyPair();
    writeFileSync(join(dir, 'berth.pub'), keys.publicKeyPem);
    const where = await cosignSign(client, registry.host, 'berth/emqx', pushed.digest, keys.privateKeyPem);
    expect(where).toBe(`${registry.host}/berth/emqx:${pushed.digest.replace(':', '-')}.sig`);
    const ok = await cosign(['verify', '--key', join(dir, 'berth.pub'), ...offline, `${registry.host}/berth/emqx@${pushed.digest}`], dir);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain(pushed.digest);
    // another key is refused by cosign too
    writeFileSync(join(dir, 'other.pub'), generateCosignKeyPair().publicKeyPem);
    const refused = await cosign(['verify', '--key', join(dir, 'other.pub'), ...offline, `${registry.host}/berth/emqx@${pushed.digest}`], dir);
    expect(refused.code).not.toBe(0);
    // Berth's own check agrees
    expect(await cosignVerify(client, 'berth/emqx', pushed.digest, [keys.publicKeyPem])).toMatchObject({
      status: 'verified',
      keyFingerprint: cosignKeyFingerprint(keys.publicKeyPem),
    });
  });

  it('Berth accepts what cosign sign --key signed, and only with that key', async () => {
    const pushed = await pushChart(client, parseOciLocation(`oci://${registry.host}/by-cosign`), pkg);
    const made = await cosign(['generate-key-pair'], dir);
    expect(made.code, made.out).toBe(0);
    const signed = await cosign(
      ['sign', '--key', join(dir, 'cosign.key'), '--tlog-upload=false', '--allow-http-registry=true', '-y', `${registry.host}/by-cosign/emqx@${pushed.digest}`],
      dir,
    );
    expect(signed.code, signed.out).toBe(0);
    const cosignPub = readFileSync(join(dir, 'cosign.pub'), 'utf8');
    expect(await cosignVerify(client, 'by-cosign/emqx', pushed.digest, [cosignPub])).toMatchObject({ status: 'verified' });
    expect(await cosignVerify(client, 'by-cosign/emqx', pushed.digest, [generateCosignKeyPair().publicKeyPem])).toMatchObject({ status: 'unknown-signer' });
  });

  it('says a chart without a signature is unsigned', async () => {
    const pushed = await pushChart(client, parseOciLocation(`oci://${registry.host}/plain`), pkg);
    expect(await cosignVerify(client, 'plain/emqx', pushed.digest, [generateCosignKeyPair().publicKeyPem])).toMatchObject({ status: 'unsigned' });
  });
});

describe('cosign in Berth: key-create, publish, import, check offline', () => {
  let registry: TestRegistry;
  let iris: Person; // publisher
  let zoe: Person; // store side, importing
  let irisDist: DistributionService;
  let zoeDist: DistributionService;
  const dir = mkdtempSync(join(tmpdir(), 'berth-cosign-flow-'));

  beforeAll(async () => {
    ensureServices('cosign');
    registry = await startRegistry();
    iris = person('Iris');
    await iris.sync.init('Vendor', { kind: 'folder', path: tempDir('cosign-src') });
    await iris.commands.createWorkspace({ name: 'vendor' });
    const app = await iris.commands.createApp({ workspace: 'vendor', chart: fixture('emqx-v4.0.2.tgz') });
    const v = app.versions[0].id;
    await iris.commands.submitVersion({ version: v });
    await iris.commands.versionAction('version.approve', { version: v });
    await iris.commands.versionAction('version.release', { version: v });
    irisDist = new DistributionService(iris.dataDir, () => iris);
    await irisDist.saveTarget({ target: { name: 'registry', kind: 'oci', location: `oci://${registry.host}/charts`, plainHttp: true } });
    zoe = person('Zoe');
    await zoe.sync.init('Site', { kind: 'folder', path: tempDir('cosign-site') });
    await zoe.commands.createWorkspace({ name: 'site' });
    zoeDist = new DistributionService(zoe.dataDir, () => zoe);
  }, 60 * 60_000);
  afterAll(async () => {
    await registry?.stop();
    iris?.close();
    zoe?.close();
    cleanup(dir, iris?.dataDir ?? '', zoe?.dataDir ?? '');
  });

  it('publishes with a cosign signature the real cosign verifies', async () => {
    const key = irisDist.generateCosignKey();
    expect(readFileSync(join(iris.dataDir, 'provenance', 'cosign.pub'), 'utf8')).toBe(key.publicKeyPem);
    const report = await irisDist.publish('registry');
    expect(report).toMatchObject({ cosign: true, signed: true, add: [{ name: 'emqx', version: 'v4.0.2' }] });
    const ok = await cosign(
      [
        'verify',
        '--key',
        join(iris.dataDir, 'provenance', 'cosign.pub'),
        '--insecure-ignore-tlog=true',
        '--allow-http-registry=true',
        `${registry.host}/charts/emqx:v4.0.2`,
      ],
      dir,
    );
    expect(ok.code, ok.out).toBe(0);
  });

  it('imports with the cosign result, checks it again and, offline, says what it saw', async () => {
    const unknown = await zoeDist.import({ source: `oci://${registry.host}/charts/emqx`, workspace: 'site', plainHttp: true });
    expect(unknown.imported[0].cosign).toMatchObject({ status: 'unknown-signer' });
    const version = (await zoe.queries.app(unknown.imported[0].app)).versions[0].id;
    zoeDist.trustCosign(readFileSync(join(iris.dataDir, 'provenance', 'cosign.pub'), 'utf8'));
    expect(await zoeDist.checkCosign(version)).toMatchObject({ status: 'verified', keyFingerprint: irisDist.cosignKeys().own?.fingerprint });
    await registry.stop();
    const offline = await zoeDist.checkCosign(version);
    expect(offline).toMatchObject({ status: 'verified', checkedAt: expect.any(String) });
    expect(offline?.message).toMatch(/cannot be reached now/);
  });
});
