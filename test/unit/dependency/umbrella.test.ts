/**
 * An umbrella chart over two catalog apps, built by Berth from the catalog alone and by the real
 * helm v4.1.4 from the Helm repository the catalog publishes to: the same Chart.lock (digest
 * included), the same packages in charts/, and the chart packages, lints and renders the same.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { lintChart } from '../../../src-main/chart/lint';
import { packageChart } from '../../../src-main/chart/package';
import {
  buildDependencies,
  hashReq,
  listDependencies,
  packageWith,
  updateDependencies,
  type CatalogChart,
  type DependencyOptions,
} from '../../../src-main/dependency/dependencies';
import { parseConstraint } from '../../../src-main/chart/semver-constraint';
import { DistributionService } from '../../../src-main/publish/distribution-service';
import { renderChart } from '../../../src-main/render/render';
import { runHelm } from '../../services/helm';
import { CORPUS_CHARTS } from '../../services/shared-files';
import { serveFolder, type StaticServer } from '../../services/static-http';
import { cleanup, fixture, person, tempDir, type Person } from '../catalog/people';
import { testEngine } from '../../services/engine';

describe('version constraints as Helm checks them', () => {
  it.each([
    ['~4.0.0', 'v4.0.2', true],
    ['~4.0.0', '4.1.0', false],
    ['^1.2.3', '1.9.0', true],
    ['^0.2.3', '0.3.0', false],
    ['22.x', '22.1.1', true],
    ['>= 1.0, < 2.0', '1.5.0', true],
    ['>= 1.0, < 2.0', '2.0.0', false],
    ['1.0.0 - 1.2.0', '1.2.0', true],
    ['^1.0.0 || ^3.0.0', '3.1.0', true],
    ['*', '1.0.0-rc.1', false],
    ['>=1.0.0-0', '1.0.0-rc.1', true],
  ])('%s against %s is %s', (c, v, ok) => expect(parseConstraint(c)!.check(v)).toBe(ok));
});

describe('umbrella charts over catalog apps', () => {
  let iris: Person;
  let http: StaticServer;
  const repo = tempDir('umb-repo');
  const helmHome = tempDir('umb-helm');
  const work = tempDir('umb-work');
  const helmDir = join(work, 'helm', 'platform');
  const berthDir = join(work, 'berth', 'platform');
  let options: DependencyOptions;

  beforeAll(async () => {
    iris = person('Iris');
    await iris.sync.init('Vendor catalog', { kind: 'folder', path: tempDir('umb-store') });
    await iris.commands.createWorkspace({ name: 'demo-workspace' });
    for (const chart of [fixture('emqx-v4.0.2.tgz'), readFileSync(`${CORPUS_CHARTS}/nginx-22.1.1.tgz`).toString('base64')]) {
      const v = (await iris.commands.createApp({ workspace: 'demo-workspace', chart })).versions[0].id;
      await iris.commands.submitVersion({ version: v });
      await iris.commands.versionAction('version.approve', { version: v });
      await iris.commands.versionAction('version.release', { version: v });
    }
    http = await serveFolder(repo);
    const dist = new DistributionService(iris.dataDir, () => iris);
    await dist.setSignOnPublish(false);
    await dist.saveTarget({ target: { name: 'repo', kind: 'helm-folder', folder: repo, baseUrl: http.url } });
    await dist.publish('repo');

    const umbrella = join(work, 'src');
    mkdirSync(join(umbrella, 'templates'), { recursive: true });
    writeFileSync(
      join(umbrella, 'Chart.yaml'),
      stringify({
        apiVersion: 'v2',
        name: 'platform',
        version: '1.0.0',
        dependencies: [
          { name: 'emqx', version: '~4.0.0', repository: http.url, condition: 'emqx.enabled' },
          { name: 'nginx', version: '22.x', repository: http.url, alias: 'web' },
        ],
      }),
    );
    writeFileSync(join(umbrella, 'values.yaml'), 'emqx:\n  enabled: true\nweb:\n  service:\n    type: ClusterIP\n');
    writeFileSync(
      join(umbrella, 'templates', 'config.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-platform\ndata:\n  broker: {{ .Release.Name }}-emqx\n',
    );
    cpSync(umbrella, helmDir, { recursive: true });
    cpSync(umbrella, berthDir, { recursive: true });

    const catalog = async (name: string): Promise<CatalogChart[]> => {
      const out: CatalogChart[] = [];
      for (const a of await iris.queries.apps()) {
        if (a.chartName !== name) continue;
        for (const v of (await iris.queries.app(a.id)).versions)
          out.push({ version: v.chartVersion, bytes: async () => new Uint8Array(Buffer.from(iris.queries.blob(v.package.sha256).base64, 'base64')) });
      }
      return out;
    };
    options = {
      catalog,
      packageFolder: (dir) => packageWith(async (d, dest) => (await packageChart(d, { destination: dest }, testEngine())).path, dir),
      // no repositories.yaml at all: everything must come from the catalog
      repositoryConfig: join(work, 'none.yaml'),
      now: new Date('2026-12-03T03:00:00.5Z'),
    };
  }, 120_000);

  afterAll(async () => {
    iris?.close();
    await http?.close();
    cleanup(repo, helmHome, work, iris?.dataDir);
  });

  it('writes the Chart.lock and charts/ helm writes, from the catalog alone (no request reaches the repository)', async () => {
    expect((await runHelm(['repo', 'add', 'catalog', http.url], helmHome)).status).toBe(0);
    const helmUpdate = await runHelm(['dependency', 'update', helmDir], helmHome);
    expect(helmUpdate.status, helmUpdate.stderr).toBe(0);

    const before = http.requests.length;
    const lock = await updateDependencies(berthDir, options);
    expect(http.requests.length).toBe(before);

    const helmLock = parse(readFileSync(join(helmDir, 'Chart.lock'), 'utf8')) as { dependencies: unknown; digest: string };
    const berthLock = parse(readFileSync(join(berthDir, 'Chart.lock'), 'utf8')) as { dependencies: unknown; digest: string; generated: string };
    expect(berthLock.dependencies).toEqual(helmLock.dependencies);
    expect(berthLock.digest).toBe(helmLock.digest);
    expect(lock?.dependencies.map((d) => d.version)).toEqual(['v4.0.2', '22.1.1']);
    // the lock text is helm's, line for line, apart from the time it was generated
    const withoutTime = (t: string) => t.replace(/^generated: .*$/m, '');
    expect(withoutTime(readFileSync(join(berthDir, 'Chart.lock'), 'utf8'))).toBe(withoutTime(readFileSync(join(helmDir, 'Chart.lock'), 'utf8')));

    expect(readdirSync(join(berthDir, 'charts')).sort()).toEqual(readdirSync(join(helmDir, 'charts')).sort());
    for (const f of readdirSync(join(helmDir, 'charts')))
      expect(Buffer.compare(readFileSync(join(berthDir, 'charts', f)), readFileSync(join(helmDir, 'charts', f)))).toBe(0);
  });

  it('lists dependencies as helm dependency list does', async () => {
    const helmList = await runHelm(['dependency', 'list', berthDir], helmHome);
    expect(helmList.status).toBe(0);
    expect(listDependencies(berthDir).output).toBe(helmList.stdout);
    expect(listDependencies(berthDir).dependencies.map((d) => d.status)).toEqual(['ok', 'ok']);
  });

  it('builds from the lock, and refuses a lock out of sync with Chart.yaml as helm does', async () => {
    const helmBuild = await runHelm(['dependency', 'build', berthDir], helmHome);
    expect(helmBuild.status, helmBuild.stderr).toBe(0);
    await expect(buildDependencies(berthDir, options)).resolves.toBeDefined();
    const chartYaml = readFileSync(join(berthDir, 'Chart.yaml'), 'utf8');
    writeFileSync(join(berthDir, 'Chart.yaml'), chartYaml.replace('22.x', '22.1.x'));
    await expect(buildDependencies(berthDir, options)).rejects.toThrow(
      'the lock file (Chart.lock) is out of sync with the dependencies file (Chart.yaml). Please update the dependencies',
    );
    const helmRefuses = await runHelm(['dependency', 'build', berthDir], helmHome);
    expect(helmRefuses.stderr).toContain('out of sync');
    writeFileSync(join(berthDir, 'Chart.yaml'), chartYaml);
    expect(hashReq([], [])).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('packages, lints and renders as helm does after helm dependency build', async () => {
    const out = join(work, 'out');
    mkdirSync(out, { recursive: true });
    const pkg = await packageChart(berthDir, { destination: out }, testEngine());
    const helmOut = join(work, 'helm-out');
    expect((await runHelm(['package', helmDir, '-d', helmOut], helmHome)).status).toBe(0);
    const helmPkg = join(helmOut, 'platform-1.0.0.tgz');

    const berthRender = await renderChart({ archive: readFileSync(pkg.path) }, { releaseName: 'demo', namespace: 'iot' }, testEngine());
    const helmRender = await runHelm(['template', 'demo', helmPkg, '--namespace', 'iot'], helmHome);
    expect(helmRender.status, helmRender.stderr).toBe(0);
    // nginx generates a fresh self-signed certificate on every render (genCA): those lines differ by design
    const noCerts = (t: string) => t.replace(/^(\s+(?:tls\.crt|tls\.key|ca\.crt): ).*$/gm, '$1…');
    expect(noCerts(berthRender.output)).toBe(noCerts(helmRender.stdout));
    expect(berthRender.output).toContain('name: demo-emqx');
    expect(berthRender.output).toContain('# Source: platform/charts/web/');

    const berthLint = await lintChart([berthDir], {}, testEngine());
    const helmLint = await runHelm(['lint', helmDir], helmHome);
    expect(berthLint.passed).toBe(helmLint.status === 0);
    expect(berthLint.output).toBe(helmLint.stdout.replaceAll(helmDir, berthDir));
  });
});
