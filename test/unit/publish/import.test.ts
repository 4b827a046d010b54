import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, readAnyKeys, type GeneratedSigningKey } from '../../../src-main/provenance/keys';
import { signPackage } from '../../../src-main/provenance/sign';
import { publishHelmRepository, type PublishablePackage } from '../../../src-main/publish/helm-repo-folder';
import { planImport, runImport, type ImportSink } from '../../../src-main/publish/import-charts';
import { chartSourceFor } from '../../../src-main/publish/import-sources';
import { pushChart } from '../../../src-main/publish/oci/helm-chart-artifact';
import { parseOciLocation } from '../../../src-main/publish/oci/reference';
import { RegistryClient } from '../../../src-main/publish/oci/registry-client';
import { readPackageMetadata, sha256Hex } from '../../../src-main/publish/repo-index';
import { startRegistry, type TestRegistry } from '../../services/oci-registry';
import { serveFolder, type StaticServer } from '../../services/static-http';
import { FIXTURE_CHARTS, CORPUS_CHARTS } from '../../services/shared-files';

function fixture(file: string): PublishablePackage {
  const bytes = new Uint8Array(readFileSync(file));
  const md = readPackageMetadata(bytes, file);
  return { name: md.name, version: md.version, bytes };
}
const rc1 = fixture(`${FIXTURE_CHARTS}/emqx-v1.0.0-rc.1.tgz`);
const v402 = fixture(`${FIXTURE_CHARTS}/emqx-v4.0.2.tgz`);
const nginx = fixture(`${CORPUS_CHARTS}/nginx-22.1.1.tgz`);

/** Stands in for the catalog: remembers what was imported, keyed by package digest. */
function memoryCatalog() {
  const held = new Map<string, { name: string; version: string; status: string }>();
  const sink: ImportSink = async (v, chart, check) => {
    expect(sha256Hex(chart.packageBytes)).toBe(v.digest);
    held.set(v.digest, { name: v.name, version: v.version, status: check.status });
  };
  return { held, sink, digests: () => new Set(held.keys()) };
}

describe('importing a Helm repository', () => {
  let key: GeneratedSigningKey;
  let folder: string;
  let server: StaticServer;
  beforeAll(async () => {
    key = await generateSigningKey({ name: 'Upstream Charts' });
    folder = mkdtempSync(join(tmpdir(), 'berth-import-'));
    server = await serveFolder(folder);
    const prov = await signPackage(v402.bytes, 'emqx-v4.0.2.tgz', readPackageMetadata(v402.bytes, 'x'), key);
    publishHelmRepository(folder, [rc1, { ...v402, provenance: prov }]);
  });
  afterAll(() => server?.close());

  for (const kind of ['folder', 'url'] as const) {
    it(`from a ${kind}: imports every version once, then only what is new`, async () => {
      const where = kind === 'folder' ? folder : `${server.url}/`;
      const catalog = memoryCatalog();
      const trustedKeys = await readAnyKeys(key.armoredPublicKey);
      const plan = await planImport(chartSourceFor(where), catalog.digests());
      expect(plan.map((c) => `${c.name} ${c.version} ${c.alreadyImported}`)).toEqual(['emqx v1.0.0-rc.1 false', 'emqx v4.0.2 false']);
      const first = await runImport(chartSourceFor(where), plan, { trustedKeys, sink: catalog.sink });
      expect(first.failed).toEqual([]);
      expect(first.imported.map((i) => `${i.version}:${i.provenance.status}`)).toEqual(['v1.0.0-rc.1:unsigned', 'v4.0.2:verified']);

      // upstream publishes a new chart; the re-import adds only it
      publishHelmRepository(folder, [rc1, v402, nginx]);
      const again = await planImport(chartSourceFor(where), catalog.digests());
      expect(again.filter((c) => !c.alreadyImported).map((c) => c.name)).toEqual(['nginx']);
      const second = await runImport(chartSourceFor(where), again, { trustedKeys, sink: catalog.sink });
      expect(second.skipped).toBe(2);
      expect(second.imported.map((i) => i.name)).toEqual(['nginx']);
      expect(catalog.held.size).toBe(3);
      publishHelmRepository(folder, [
        rc1,
        { ...v402, provenance: await signPackage(v402.bytes, 'emqx-v4.0.2.tgz', readPackageMetadata(v402.bytes, 'x'), key) },
      ]);
    });
  }

  it('refuses a package whose bytes differ from the digest in index.yaml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-import-'));
    publishHelmRepository(dir, [rc1]);
    writeFileSync(join(dir, 'emqx-v1.0.0-rc.1.tgz'), v402.bytes);
    const catalog = memoryCatalog();
    const source = chartSourceFor(dir);
    const report = await runImport(source, await planImport(source, new Set()), { trustedKeys: [], sink: catalog.sink });
    expect(report.imported).toEqual([]);
    expect(report.failed[0].message).toContain('does not match the digest');
    expect(catalog.held.size).toBe(0);
  });

  it('says plainly that a folder without index.yaml is no Helm repository', () => {
    expect(() => chartSourceFor(mkdtempSync(join(tmpdir(), 'berth-empty-')))).toThrow(/has no index.yaml/);
  });
});

describe('importing an OCI repository', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry?.stop());

  it('imports the chart versions pushed there, and later only new ones', async () => {
    const client = new RegistryClient({ registry: registry.host, plainHttp: true });
    const location = parseOciLocation(`oci://${registry.host}/upstream`);
    await pushChart(client, location, rc1.bytes);
    const catalog = memoryCatalog();
    const ref = `oci://${registry.host}/upstream/emqx`;
    const first = await runImport(chartSourceFor(ref, { plainHttp: true }), await planImport(chartSourceFor(ref, { plainHttp: true }), catalog.digests()), {
      trustedKeys: [],
      sink: catalog.sink,
    });
    expect(first.imported.map((i) => i.version)).toEqual(['v1.0.0-rc.1']);
    await pushChart(client, location, v402.bytes);
    const plan = await planImport(chartSourceFor(ref, { plainHttp: true }), catalog.digests());
    expect(plan.map((c) => `${c.version}:${c.alreadyImported}`)).toEqual(['v1.0.0-rc.1:true', 'v4.0.2:false']);
    const second = await runImport(chartSourceFor(ref, { plainHttp: true }), plan, { trustedKeys: [], sink: catalog.sink });
    expect(second.imported.map((i) => i.version)).toEqual(['v4.0.2']);
    expect([...catalog.held.values()].map((h) => h.version).sort()).toEqual(['v1.0.0-rc.1', 'v4.0.2']);
  });

  it('takes oci://host/path as a place with several charts, through the registry listing', async () => {
    const client = new RegistryClient({ registry: registry.host, plainHttp: true });
    const team = parseOciLocation(`oci://${registry.host}/team`);
    await pushChart(client, team, v402.bytes);
    await pushChart(client, team, nginx.bytes);
    await pushChart(client, parseOciLocation(`oci://${registry.host}/team/nested`), rc1.bytes); // deeper: not this place's
    const source = chartSourceFor(`oci://${registry.host}/team`, { plainHttp: true });
    const plan = await planImport(source, new Set());
    expect(plan.map((c) => `${c.name} ${c.version}`)).toEqual(['emqx v4.0.2', 'nginx 22.1.1']);
    const catalog = memoryCatalog();
    const report = await runImport(source, plan, { trustedKeys: [], sink: catalog.sink });
    expect(report.imported.map((i) => i.name)).toEqual(['emqx', 'nginx']);
  });
});
