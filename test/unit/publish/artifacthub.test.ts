/**
 * Artifact Hub metadata, round trip: annotations in an uploaded chart → the changelog, what
 * reviewers and store users see → the same annotations in the Helm repository folder and the OCI
 * registry Berth publishes to (read back with the real helm), plus artifacthub-repo.yml where
 * Artifact Hub looks for it (next to index.yaml; the `artifacthub.io` tag of an OCI repository).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { changelogFromChanges, readArtifactHub } from '../../../src-main/chart/artifacthub';
import { ARTIFACT_HUB_CONFIG_MEDIA_TYPE, ARTIFACT_HUB_LAYER_MEDIA_TYPE, pullArtifactHubMetadata } from '../../../src-main/publish/artifacthub-repo';
import { DistributionService } from '../../../src-main/publish/distribution-service';
import { parseOciLocation } from '../../../src-main/publish/oci/reference';
import { RegistryClient } from '../../../src-main/publish/oci/registry-client';
import { runHelm } from '../../services/helm';
import { startRegistry, type TestRegistry } from '../../services/oci-registry';
import { cleanup, person, tempDir, type Person } from '../catalog/people';
import { ANNOTATIONS, ledgerChart } from '../../services/artifacthub-chart';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('Artifact Hub annotations', () => {
  it('reads every annotation, keeps only http(s) links and says what it left out', () => {
    const info = readArtifactHub(ANNOTATIONS);
    expect(info.present).toBe(true);
    expect(info.changes).toEqual([
      { kind: 'added', description: 'Support for TLS listeners', links: [{ name: 'PR #12', url: 'https://github.com/acme/ledger/pull/12' }] },
      { kind: 'security', description: 'Bump base image for CVE-2026-0001', links: [] },
      { kind: 'changed', description: 'Plain string change', links: [] },
    ]);
    expect(info.images).toEqual([{ name: 'ledger', image: 'docker.io/acme/ledger:2.1.0', whitelisted: false }]);
    expect(info.links).toEqual([{ name: 'Docs', url: 'https://docs.acme.example/ledger' }]);
    expect(info).toMatchObject({ license: 'Apache-2.0', prerelease: false, containsSecurityUpdates: true });
    expect(info.screenshots).toEqual([{ title: 'Dashboard', url: 'https://acme.example/shot.png' }]);
    expect(info.crds[0]).toMatchObject({ kind: 'Ledger', name: 'ledgers.acme.example' });
    expect(parse(info.crdsExamples[0])).toMatchObject({ kind: 'Ledger', spec: { replicas: 1 } });
    expect(info.problems).toEqual([
      'Entry 2 of artifacthub.io/images has no valid image reference; Berth left it out.',
      'Entry 2 of artifacthub.io/links has no http(s) url; Berth left it out.',
    ]);
  });

  it('refuses hostile annotations with a sentence instead of failing the chart', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 12 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    const info = readArtifactHub({
      'artifacthub.io/changes': bomb,
      'artifacthub.io/links': '{not: [a list',
      'artifacthub.io/prerelease': 'maybe',
      'artifacthub.io/license': '<script>alert(1)</script>',
      'artifacthub.io/screenshots': 'x'.repeat(70 * 1024),
    });
    expect(info.changes).toEqual([]);
    expect(info.links).toEqual([]);
    expect(info.license).toBeUndefined();
    expect(info.screenshots).toEqual([]);
    expect(info.problems.join('\n')).toMatch(/billion laughs/);
    expect(info.problems.join('\n')).toMatch(/prerelease must be "true" or "false"/);
    expect(info.problems.join('\n')).toMatch(/license is not an SPDX identifier/);
    expect(info.problems.join('\n')).toMatch(/longer than 64 KiB/);
    expect(info.problems).toHaveLength(5);
  });

  it('writes the changelog as Markdown that keeps descriptions plain text, within the catalog limit', () => {
    const text = changelogFromChanges([
      { kind: 'fixed', description: 'A [trap](javascript:x) *bold*', links: [{ name: 'Issue', url: 'https://x.example/1' }] },
    ]);
    expect(text).toBe('- **Fixed**: A \\[trap\\](javascript:x) \\*bold\\* ([Issue](<https://x.example/1>))');
    const many = Array.from({ length: 100 }, (_, i) => ({ kind: 'added' as const, description: `change ${i}`, links: [] }));
    expect(changelogFromChanges(many, 200).split('\n')).toHaveLength(9);
  });
});

describe('Artifact Hub metadata through the catalog and publishing', () => {
  let iris: Person;
  let dist: DistributionService;
  let registry: TestRegistry;
  const folder = tempDir('ah-repo');
  const home = tempDir('ah-helm');
  const REPO_ID = '0e9f3d2a-1111-4a2b-8c3d-123456789abc';

  beforeAll(async () => {
    registry = await startRegistry();
    iris = person('Iris');
    await iris.sync.init('Vendor catalog', { kind: 'folder', path: tempDir('ah-store') });
    await iris.commands.createWorkspace({ name: 'demo-workspace' });
    dist = new DistributionService(iris.dataDir, () => iris);
    await dist.setSignOnPublish(false);
  });
  afterAll(async () => {
    iris?.close();
    await registry?.stop();
    cleanup(folder, home, iris?.dataDir);
  });

  it('prefills the changelog from artifacthub.io/changes on upload, and keeps a changelog the ISV gives', async () => {
    const app = await iris.commands.createApp({ workspace: 'demo-workspace', chart: b64(ledgerChart('2.1.0')) });
    const v = app.versions[0];
    expect((await iris.queries.version(v.id)).changelog).toBe(
      '- **Added**: Support for TLS listeners ([PR \\#12](<https://github.com/acme/ledger/pull/12>))\n- **Security**: Bump base image for CVE-2026-0001\n- **Changed**: Plain string change',
    );
    const v2 = await iris.commands.addVersion({ app: app.id, chart: b64(ledgerChart('2.2.0')), changelog: 'My own words' });
    expect((await iris.queries.version(v2.id)).changelog).toBe('My own words');
    await iris.commands.submitVersion({ version: v.id });
    await iris.commands.versionAction('version.approve', { version: v.id });
    await iris.commands.versionAction('version.release', { version: v.id });
  });

  it('publishes the same annotations and artifacthub-repo.yml to a Helm repository folder', async () => {
    await dist.saveTarget({
      target: { name: 'repo', kind: 'helm-folder', folder, artifactHub: { repositoryId: REPO_ID, owners: [{ name: 'Iris', email: 'iris@vendor.example' }] } },
    });
    await dist.publish('repo');
    const index = parse(readFileSync(join(folder, 'index.yaml'), 'utf8')) as { entries: Record<string, { annotations: Record<string, string> }[]> };
    expect(index.entries.ledger[0].annotations).toEqual(ANNOTATIONS);
    expect(parse(readFileSync(join(folder, 'artifacthub-repo.yml'), 'utf8'))).toEqual({
      repositoryID: REPO_ID,
      owners: [{ name: 'Iris', email: 'iris@vendor.example' }],
    });
    await expect(dist.saveTarget({ target: { name: 'bad', kind: 'helm-folder', folder, artifactHub: { repositoryId: 'not-a-uuid' } } })).rejects.toThrow(
      /UUID/,
    );
  });

  it('pushes the same annotations and the artifacthub.io metadata artifact to an OCI registry', async () => {
    const location = `oci://${registry.host}/charts`;
    await dist.saveTarget({ target: { name: 'registry', kind: 'oci', location, plainHttp: true } });
    await dist.publish('registry');
    // the real helm reads back the chart's annotations
    const shown = await runHelm(['show', 'chart', `${location}/ledger`, '--version', '2.1.0', '--plain-http'], home);
    expect(shown.status, shown.stderr).toBe(0);
    expect((parse(shown.stdout) as { annotations: Record<string, string> }).annotations).toEqual(ANNOTATIONS);
    const client = new RegistryClient({ registry: registry.host, plainHttp: true });
    const { manifest } = await client.getManifest('charts/ledger', '2.1.0');
    expect(manifest.annotations?.['artifacthub.io/containsSecurityUpdates']).toBe('true');
    // no Artifact Hub settings on this target: owners are the catalog's admins
    const meta = await client.getManifest('charts/ledger', 'artifacthub.io');
    expect(meta.manifest.config.mediaType).toBe(ARTIFACT_HUB_CONFIG_MEDIA_TYPE);
    expect(meta.manifest.layers.map((l) => l.mediaType)).toEqual([ARTIFACT_HUB_LAYER_MEDIA_TYPE]);
    expect(parse((await pullArtifactHubMetadata(client, parseOciLocation(location), 'ledger'))!)).toEqual({ owners: [{ name: 'Iris' }] });
  });
});
