/**
 * Image digests locked at approval, against the real registry (Debian's docker-registry) and the
 * Kubernetes harness: the reviewer approves, the tag is pushed again with other content, and the
 * deploy check says so and deploys the approved digest; air-gap bundles list images by digest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageLockReport } from '../../../shared/types/image-digests';
import type { ReleaseOutcome } from '../../../shared/types/deploy';
import type { VersionSummary } from '../../../shared/types/catalog';
import { exportBundle } from '../../../src-main/bundle/bundle-export';
import { readBundleFile } from '../../../src-main/bundle/bundle-import';
import { writeTgz } from '../../../src-main/chart/tar-write';
import { pinImageRefs } from '../../../src-main/deploy/pin-images';
import { createHandlers } from '../../../src-main/handlers';
import { dispatch } from '../../../src-main/handlers/registry';
import { lockImages, parseImageName } from '../../../src-main/publish/oci/image-digest';
import { RegistryClient } from '../../../src-main/publish/oci/registry-client';
import { ProvenanceStore } from '../../../src-main/provenance/provenance-store';
import { createServices, type Services } from '../../../src-main/services';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS } from '../../cluster/harness';
import { pushTestImage } from '../../services/oci-image';
import { startRegistry, type TestRegistry } from '../../services/oci-registry';
import { deployWorld, uniqueName, type DeployWorld } from '../deploy/cluster-fixtures';

function webChart(host: string): string {
  const files = [
    { name: 'web/Chart.yaml', data: stringify({ apiVersion: 'v2', name: 'web', version: '1.0.0', appVersion: '1.0' }) },
    { name: 'web/values.yaml', data: stringify({ image: `${host}/demo/web:1.0`, sidecar: `${host}/demo/absent:9.9` }) },
    {
      name: 'web/templates/deployment.yaml',
      data: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: {{ .Release.Name }}-web',
        'spec:',
        '  selector: { matchLabels: { app: web } }',
        '  template:',
        '    metadata: { labels: { app: web } }',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          image: {{ .Values.image | quote }}',
        '        - name: sidecar',
        '          image: {{ .Values.sidecar }}',
        '',
      ].join('\n'),
    },
  ];
  return Buffer.from(writeTgz(files.map((f) => ({ name: f.name, data: new TextEncoder().encode(f.data) })))).toString('base64');
}

async function call<T>(handlers: ReturnType<typeof createHandlers>, name: string, request: unknown): Promise<T> {
  const r = await dispatch(handlers, name, request);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

describe('image digests locked at approval', () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  let services: Services;
  let handlers: ReturnType<typeof createHandlers>;
  let world: DeployWorld;
  let versionId = '';
  let approved = '';
  const dir = mkdtempSync(join(tmpdir(), 'berth-image-locks-'));

  beforeAll(async () => {
    registry = await startRegistry();
    client = new RegistryClient({ registry: registry.host, plainHttp: true });
    approved = await pushTestImage(client, 'demo/web', '1.0', 'build 1');
    services = createServices({ dataDir: join(dir, 'data'), host: 'cli' });
    handlers = createHandlers(services);
    await services.sync.init('Digests', { kind: 'folder', path: join(dir, 'store') });
    await services.catalog.commands.createWorkspace({ name: 'web-team' });
    const app = await services.catalog.commands.createApp({ workspace: 'web-team', chart: webChart(registry.host) });
    versionId = app.versions[0].id;
    await services.catalog.commands.submitVersion({ version: versionId, versionName: '1.0.0', changelog: 'first' });
    world = await deployWorld();
  }, CLUSTER_START_TIMEOUT_MS);
  afterAll(async () => {
    await services?.close();
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('normalises references as Docker does', () => {
    expect(parseImageName('nginx')).toEqual({ registry: 'registry-1.docker.io', repository: 'library/nginx', tag: 'latest' });
    expect(parseImageName('docker.io/bitnami/redis:7.2')).toEqual({ registry: 'registry-1.docker.io', repository: 'bitnami/redis', tag: '7.2' });
    expect(parseImageName('localhost:5000/a/b:c')).toEqual({ registry: 'localhost:5000', repository: 'a/b', tag: 'c' });
    expect(parseImageName(`quay.io/x/y@sha256:${'a'.repeat(64)}`)).toEqual({ registry: 'quay.io', repository: 'x/y', digest: `sha256:${'a'.repeat(64)}` });
    expect(parseImageName('Not An Image')).toBeUndefined();
  });

  it('keeps the digests in the signed approval; unresolvable images do not block it', async () => {
    const v = await call<VersionSummary>(handlers, 'version.approve', { version: versionId, message: 'ok' });
    expect(v.state).toBe('passed');
    const ledger = await services.catalog.core.ledger();
    const event = ledger.allEvents().find((e) => e.body.type === 'version.approve');
    const images = (event?.body.data as { images?: { image: string; digest?: string; reason?: string }[] }).images;
    expect(images).toEqual(
      expect.arrayContaining([
        { image: `${registry.host}/demo/web:1.0`, digest: approved },
        { image: `${registry.host}/demo/absent:9.9`, reason: expect.stringMatching(/has nothing at that place/) },
      ]),
    );
    const report = await call<ImageLockReport>(handlers, 'version.imageCheck', { version: versionId });
    expect(report.locked).toBe(true);
    expect(report.images.find((i) => i.image.endsWith('/demo/web:1.0'))).toMatchObject({ status: 'same', approvedDigest: approved, currentDigest: approved });
    expect(report.images.find((i) => i.image.endsWith('/demo/absent:9.9'))).toMatchObject({ status: 'not-locked' });
  });

  it('records an offline registry as not resolved, with the reason', async () => {
    const [lock] = await lockImages(['127.0.0.1:9/offline/app:1'], { timeoutMs: 2000 });
    expect(lock.digest).toBeUndefined();
    expect(lock.reason).toMatch(/could not reach the registry 127\.0\.0\.1:9/);
  });

  it('says when the tag moved, and deploys the approved digest', { timeout: CLUSTER_TEST_TIMEOUT_MS }, async () => {
    const moved = await pushTestImage(client, 'demo/web', '1.0', 'build 2');
    expect(moved).not.toBe(approved);
    const report = await call<ImageLockReport>(handlers, 'version.imageCheck', { version: versionId });
    const web = `${registry.host}/demo/web:1.0`;
    expect(report.images.find((i) => i.image === web)).toMatchObject({ status: 'moved', approvedDigest: approved, currentDigest: moved });
    expect(report.pins).toEqual({ [web]: approved });

    await services.catalog.commands.versionAction('version.release', { version: versionId });
    const ns = uniqueName('digests');
    const out = await call<ReleaseOutcome>(handlers, 'deploy.install', {
      target: world.target,
      release: 'web',
      namespace: ns,
      createNamespace: true,
      chart: { version: versionId },
      dryRun: true,
      pinImages: report.pins,
    });
    expect(out.manifest).toContain(`image: "${web}@${approved}"`);
    expect(out.manifest).toContain(`image: ${registry.host}/demo/absent:9.9\n`);
  });

  it('rewrites only the pinned references, keeping quotes and comments', () => {
    const d = `sha256:${'b'.repeat(64)}`;
    const text = '- image: "a/b:1" # main\n  image: c/d:2\nimage: a/b:1@sha256:' + 'c'.repeat(64);
    expect(pinImageRefs(text, { 'a/b:1': d })).toBe(`- image: "a/b:1@${d}" # main\n  image: c/d:2\nimage: a/b:1@sha256:${'c'.repeat(64)}`);
  });

  it('lists and mirrors by digest in an air-gap bundle', async () => {
    const path = join(dir, 'web.berth.tgz');
    const report = await exportBundle(services.catalog, new ProvenanceStore(join(dir, 'data', 'provenance')), { app: 'web', path });
    expect(report.images).toEqual([`${registry.host}/demo/absent:9.9`, `${registry.host}/demo/web:1.0@${approved}`]);
    const { manifest } = readBundleFile(path);
    expect(manifest.versions[0].imageDigests).toEqual(expect.arrayContaining([{ image: `${registry.host}/demo/web:1.0`, digest: approved }]));
  });
});
