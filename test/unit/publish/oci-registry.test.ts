import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthFailure } from '../../../shared/result';
import { generateSigningKey, binaryKeyring } from '../../../src-main/provenance/keys';
import { signPackage } from '../../../src-main/provenance/sign';
import {
  HELM_CHART_MEDIA_TYPE,
  HELM_CONFIG_MEDIA_TYPE,
  HELM_PROV_MEDIA_TYPE,
  listChartVersions,
  pullChart,
  pushChart,
} from '../../../src-main/publish/oci/helm-chart-artifact';
import { parseOciLocation } from '../../../src-main/publish/oci/reference';
import { RegistryClient } from '../../../src-main/publish/oci/registry-client';
import { readPackageMetadata } from '../../../src-main/publish/repo-index';
import { runHelm } from '../../services/helm';
import { startRegistry, type TestRegistry } from '../../services/oci-registry';
import { freePort } from '../../services/process';
import { FIXTURE_CHARTS } from '../../services/shared-files';

const FILE = 'emqx-v4.0.2.tgz';
const pkg = new Uint8Array(readFileSync(`${FIXTURE_CHARTS}/${FILE}`));
const md = readPackageMetadata(pkg, FILE);

async function failure(p: Promise<unknown>): Promise<BerthFailure> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BerthFailure) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('publishing to an OCI registry (Debian docker-registry with htpasswd)', () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  let home: string;
  const auth = { username: 'publisher', password: 's3cret-pass' };
  const helmAuth = () => ['--plain-http', '--username', auth.username, '--password', auth.password];

  beforeAll(async () => {
    registry = await startRegistry({ auth });
    client = new RegistryClient({ registry: registry.host, plainHttp: true, credentials: auth });
    home = mkdtempSync(join(tmpdir(), 'berth-oci-home-'));
  });
  afterAll(() => registry?.stop());

  it('pushes a signed chart that the real helm pulls, verifies and renders', async () => {
    const key = await generateSigningKey({ name: 'Berth Publisher', email: 'publish@berth.example' });
    const prov = await signPackage(pkg, FILE, md, key);
    const pushed = await pushChart(client, parseOciLocation(`oci://${registry.host}/charts`), pkg, { provenance: prov });
    expect(pushed.reference).toBe(`${registry.host}/charts/emqx:v4.0.2`);

    const dest = mkdtempSync(join(tmpdir(), 'berth-oci-pull-'));
    writeFileSync(join(dest, 'pubring.gpg'), await binaryKeyring([key.armoredPublicKey]));
    const pull = await runHelm(
      [
        'pull',
        `oci://${registry.host}/charts/emqx`,
        '--version',
        'v4.0.2',
        '--destination',
        dest,
        '--verify',
        '--keyring',
        join(dest, 'pubring.gpg'),
        ...helmAuth(),
      ],
      home,
    );
    expect(pull.status, pull.stderr).toBe(0);
    expect(pull.stdout + pull.stderr).toContain(`Digest: ${pushed.digest}`);
    expect(readFileSync(join(dest, FILE))).toEqual(Buffer.from(pkg));
    expect(existsSync(join(dest, `${FILE}.prov`))).toBe(true);

    const tpl = await runHelm(['template', 'demo', `oci://${registry.host}/charts/emqx`, '--version', 'v4.0.2', ...helmAuth()], home);
    expect(tpl.status, tpl.stderr).toBe(0);
    expect(tpl.stdout).toContain('kind: StatefulSet');

    const back = await pullChart(client, parseOciLocation(`oci://${registry.host}/charts`), 'emqx', 'v4.0.2');
    expect(back.packageBytes).toEqual(pkg);
    expect(back.provenance).toBe(prov);
    expect(back.manifestDigest).toBe(pushed.digest);
  });

  it('stores the same config, layers and annotations as `helm push`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-oci-helm-'));
    writeFileSync(join(dir, FILE), pkg);
    const login = await runHelm(['registry', 'login', registry.host, '--plain-http', '-u', auth.username, '--password-stdin'], home, { input: auth.password });
    expect(login.status, login.stderr).toBe(0);
    const push = await runHelm(['push', join(dir, FILE), `oci://${registry.host}/by-helm`, '--plain-http'], home);
    expect(push.status, push.stderr).toBe(0);
    await pushChart(client, parseOciLocation(`oci://${registry.host}/by-berth`), pkg);

    const helmSide = await client.getManifest('by-helm/emqx', 'v4.0.2');
    const berthSide = await client.getManifest('by-berth/emqx', 'v4.0.2');
    const withoutCreated = (a: Record<string, string> | undefined) => {
      const { ['org.opencontainers.image.created']: created, ...rest } = a ?? {};
      expect(created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      return rest;
    };
    expect(berthSide.manifest.config).toEqual(helmSide.manifest.config);
    expect(berthSide.manifest.config.mediaType).toBe(HELM_CONFIG_MEDIA_TYPE);
    expect(berthSide.manifest.layers).toEqual(helmSide.manifest.layers);
    expect(berthSide.manifest.layers[0].mediaType).toBe(HELM_CHART_MEDIA_TYPE);
    expect(withoutCreated(berthSide.manifest.annotations)).toEqual(withoutCreated(helmSide.manifest.annotations));
    expect(Object.keys(berthSide.manifest)).toEqual(Object.keys(helmSide.manifest));
    expect(await client.getBlob('by-berth/emqx', berthSide.manifest.config.digest)).toEqual(
      await client.getBlob('by-helm/emqx', helmSide.manifest.config.digest),
    );
  });

  it('lists the versions present, reading `_` in tags back as `+`', async () => {
    const location = parseOciLocation(`oci://${registry.host}/listing`);
    await pushChart(client, location, pkg);
    await pushChart(client, location, new Uint8Array(readFileSync(`${FIXTURE_CHARTS}/emqx-v1.0.0-rc.1.tgz`)));
    expect((await listChartVersions(client, location, 'emqx')).sort()).toEqual(['v1.0.0-rc.1', 'v4.0.2']);
    expect(await listChartVersions(client, location, 'nothing-here')).toEqual([]);
  });

  it('says plainly when the password is wrong or the registry is unreachable', async () => {
    const wrong = new RegistryClient({ registry: registry.host, plainHttp: true, credentials: { username: auth.username, password: 'nope' } });
    const denied = await failure(pushChart(wrong, parseOciLocation(`oci://${registry.host}/charts`), pkg));
    expect(denied.code).toBe('distribution.auth-failed');
    expect(denied.message).toContain('refused the sign-in as publisher');
    const anonymous = new RegistryClient({ registry: registry.host, plainHttp: true });
    expect((await failure(pushChart(anonymous, parseOciLocation(`oci://${registry.host}/charts`), pkg))).code).toBe('distribution.auth-failed');
    const port = await freePort();
    const nowhere = new RegistryClient({ registry: `127.0.0.1:${port}`, plainHttp: true, credentials: auth });
    const gone = await failure(pushChart(nowhere, parseOciLocation(`oci://127.0.0.1:${port}/charts`), pkg));
    expect(gone.code).toBe('distribution.unreachable');
    expect(gone.message).toContain('ECONNREFUSED');
    expect(HELM_PROV_MEDIA_TYPE).toBe('application/vnd.cncf.helm.chart.provenance.v1.prov');
  });
});

describe('publishing to an OCI registry that hands out bearer tokens', () => {
  let registry: TestRegistry;
  const auth = { username: 'robot', password: 'token-pass' };
  beforeAll(async () => {
    registry = await startRegistry({ tokenAuth: auth });
  });
  afterAll(() => registry?.stop());

  it('signs in through the token service, and the real helm pulls what Berth pushed', async () => {
    const client = new RegistryClient({ registry: registry.host, plainHttp: true, credentials: auth });
    const pushed = await pushChart(client, parseOciLocation(`oci://${registry.host}/charts`), pkg);
    expect(registry.tokens!.issued).toBeGreaterThan(0);
    const home = mkdtempSync(join(tmpdir(), 'berth-oci-home-'));
    const dest = mkdtempSync(join(tmpdir(), 'berth-oci-pull-'));
    const pull = await runHelm(
      [
        'pull',
        `oci://${registry.host}/charts/emqx`,
        '--version',
        'v4.0.2',
        '--destination',
        dest,
        '--plain-http',
        '--username',
        auth.username,
        '--password',
        auth.password,
      ],
      home,
    );
    expect(pull.status, pull.stderr).toBe(0);
    expect(pull.stdout + pull.stderr).toContain(`Digest: ${pushed.digest}`);
    const wrong = new RegistryClient({ registry: registry.host, plainHttp: true, credentials: { username: auth.username, password: 'nope' } });
    expect((await failure(pushChart(wrong, parseOciLocation(`oci://${registry.host}/charts`), pkg))).code).toBe('distribution.auth-failed');
  });
});
