import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packageFileName, planHelmRepository, publishHelmRepository, type PublishablePackage } from '../../../src-main/publish/helm-repo-folder';
import { readPackageMetadata } from '../../../src-main/publish/repo-index';
import { runHelm } from '../../services/helm';
import { serveFolder, type StaticServer } from '../../services/static-http';
import { FIXTURE_CHARTS, CORPUS_CHARTS } from '../../services/shared-files';

const CHART_DIRS = [CORPUS_CHARTS, FIXTURE_CHARTS];

function corpusPackages(): PublishablePackage[] {
  const seen = new Set<string>();
  const out: PublishablePackage[] = [];
  for (const dir of CHART_DIRS) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.tgz'))
      .sort()) {
      const bytes = new Uint8Array(readFileSync(join(dir, f)));
      const md = readPackageMetadata(bytes, f);
      if (seen.has(`${md.name}@${md.version}`)) continue;
      seen.add(`${md.name}@${md.version}`);
      out.push({ name: md.name, version: md.version, bytes });
    }
  }
  return out;
}

/** index.yaml as data, with the per-run times masked (Helm stamps `generated` and `created` with now). */
function indexData(folder: string): unknown {
  const doc = parse(readFileSync(join(folder, 'index.yaml'), 'utf8')) as { generated: string; entries: Record<string, { created?: string }[]> };
  doc.generated = '<masked>';
  for (const list of Object.values(doc.entries)) for (const e of list) e.created = '<masked>';
  return doc;
}

async function helmIndexOf(packages: PublishablePackage[], url?: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-helm-index-'));
  for (const p of packages) writeFileSync(join(dir, packageFileName(p)), p.bytes);
  const r = await runHelm(['repo', 'index', dir, ...(url ? ['--url', url] : [])], join(dir, '.helm-home'));
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return dir;
}

describe('publishing to a Helm repository folder', () => {
  const packages = corpusPackages();
  const home = mkdtempSync(join(tmpdir(), 'berth-helm-home-'));

  it('writes the index.yaml that `helm repo index` writes for the same packages', async () => {
    expect(packages.length).toBeGreaterThan(10);
    const folder = mkdtempSync(join(tmpdir(), 'berth-pub-'));
    publishHelmRepository(folder, packages);
    const helmFolder = await helmIndexOf(packages);
    expect(indexData(folder)).toEqual(indexData(helmFolder));
    // and byte for byte, once the per-run times are masked
    const masked = (dir: string) => readFileSync(join(dir, 'index.yaml'), 'utf8').replace(/^(\s*(?:created|generated): ).*$/gm, '$1<masked>');
    expect(masked(folder)).toBe(masked(helmFolder));
  });

  it('matches helm with an absolute --url, including every digest', async () => {
    const url = 'https://charts.example.com/stable/';
    const folder = mkdtempSync(join(tmpdir(), 'berth-pub-'));
    publishHelmRepository(folder, packages, { baseUrl: url });
    const ours = indexData(folder) as { entries: Record<string, { digest: string; urls: string[] }[]> };
    expect(ours).toEqual(indexData(await helmIndexOf(packages, url)));
    expect(ours.entries.emqx.map((e) => e.urls[0])).toEqual([
      'https://charts.example.com/stable/emqx-v4.0.2.tgz',
      'https://charts.example.com/stable/emqx-v1.0.0-rc.1.tgz',
    ]);
  });

  it('keeps versions newest first, as Helm does, with several versions of one chart', async () => {
    const emqx = packages.filter((p) => p.name === 'emqx');
    const folder = mkdtempSync(join(tmpdir(), 'berth-pub-'));
    publishHelmRepository(folder, [...emqx].reverse());
    const doc = parse(readFileSync(join(folder, 'index.yaml'), 'utf8')) as { entries: Record<string, { version: string }[]> };
    expect(doc.entries.emqx.map((e) => e.version)).toEqual(['v4.0.2', 'v1.0.0-rc.1']);
  });

  it('drops a suspended version from the index and the folder at the next publish, and says so first', async () => {
    const emqx = packages.filter((p) => p.name === 'emqx');
    const nginx = packages.filter((p) => p.name === 'nginx');
    const folder = mkdtempSync(join(tmpdir(), 'berth-pub-'));
    publishHelmRepository(folder, [...emqx, ...nginx], { now: new Date('2024-01-01T00:00:00Z') });
    const next = [emqx.find((p) => p.version === 'v4.0.2')!, ...nginx];
    const plan = planHelmRepository(folder, next);
    expect(plan.remove).toEqual([{ name: 'emqx', version: 'v1.0.0-rc.1' }]);
    expect(plan.add).toEqual([]);
    expect(plan.keep).toHaveLength(2);
    publishHelmRepository(folder, next);
    expect(existsSync(join(folder, 'emqx-v1.0.0-rc.1.tgz'))).toBe(false);
    const doc = parse(readFileSync(join(folder, 'index.yaml'), 'utf8')) as { entries: Record<string, { version: string; created: string }[]> };
    expect(doc.entries.emqx.map((e) => e.version)).toEqual(['v4.0.2']);
    // an unchanged version keeps the time it was first published
    expect(doc.entries.emqx[0].created).toBe('2024-01-01T00:00:00.000Z');
    expect(indexData(folder)).toEqual(indexData(await helmIndexOf(next)));
  });

  describe('served over HTTP', () => {
    let server: StaticServer;
    let folder: string;
    beforeAll(async () => {
      folder = mkdtempSync(join(tmpdir(), 'berth-pub-'));
      server = await serveFolder(folder);
      publishHelmRepository(
        folder,
        packages.filter((p) => ['emqx', 'nginx', 'common'].includes(p.name)),
        { baseUrl: `${server.url}/` },
      );
    });
    afterAll(() => server?.close());

    it('is a repository the real helm adds, pulls from and renders from', async () => {
      const add = await runHelm(['repo', 'add', 'berth', server.url], home);
      expect(add.stderr).toBe('');
      expect(add.status).toBe(0);
      const search = await runHelm(['search', 'repo', 'berth/emqx', '--versions', '--devel', '-o', 'json'], home);
      expect((JSON.parse(search.stdout) as { version: string }[]).map((r) => r.version)).toEqual(['v4.0.2', 'v1.0.0-rc.1']);
      const dest = mkdtempSync(join(tmpdir(), 'berth-pull-'));
      const pull = await runHelm(['pull', 'berth/emqx', '--version', 'v4.0.2', '--destination', dest], home);
      expect(pull.status, pull.stderr).toBe(0);
      expect(readFileSync(join(dest, 'emqx-v4.0.2.tgz'))).toEqual(Buffer.from(packages.find((p) => p.name === 'emqx' && p.version === 'v4.0.2')!.bytes));
      const tpl = await runHelm(['template', 'demo', 'berth/emqx', '--version', 'v4.0.2', '--namespace', 'iot'], home);
      expect(tpl.status, tpl.stderr).toBe(0);
      expect(tpl.stdout).toContain('kind: StatefulSet');
      expect(server.requests).toContain('/index.yaml');
    });
  });
});
