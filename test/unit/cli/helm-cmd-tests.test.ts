/**
 * The argument lists of helm v4.1.4's own command tests (pkg/cmd/template_test.go, lint_test.go,
 * package_test.go, show_test.go), run over helm's test charts (../shared/peer/helm-v4.1.4, as
 * data) through the installed `bin/berth` and the real helm: stdout and stderr (warnings,
 * DEBUG lines, error text) byte for byte and the exit status; for package, the written file's
 * path masked. Paths are relative to pkg/cmd, as in helm's tests; `inspect` is show's alias.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHelm } from '../../services/helm';

const root = resolve(__dirname, '../../..');
const CMD = join(root, '../shared/peer/helm-v4.1.4/pkg/cmd');
const home = mkdtempSync(join(tmpdir(), 'berth-helm-cmd-tests-'));
const C = 'testdata/testcharts/subchart';
const T = 'testdata/testcharts';

function berth(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) =>
    execFile(
      join(root, 'bin/berth'),
      args,
      {
        cwd: CMD,
        encoding: 'utf8',
        env: { ...process.env, HELM_CONFIG_HOME: join(home, 'c'), HELM_CACHE_HOME: join(home, 'k'), HELM_DATA_HOME: join(home, 'd') },
      },
      (error, stdout, stderr) => done({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    ),
  );
}

/** helm's usage lines name helm; Berth's name berth (paths keep their helm-v4.1.4). */
const named = (text: string) => text.replace(/(^|[\s"'])helm(?=[\s"'])/gm, '$1berth');

const template: string[][] = [
  ['template', C],
  ['template', C, '--set', 'service.name=apache'],
  ['template', C, '--values', join(C, '/charts/subchartA/values.yaml')],
  ['template', C, '--name-template=foobar-{{ b64enc "abc" | lower }}-baz'],
  ['template'],
  ['template', `${T}/lib-chart`],
  ['template', `${T}/chart-bad-type`],
  ['template', `${T}/chart-with-template-lib-dep`],
  ['template', `${T}/chart-with-template-lib-archive-dep`],
  ['template', '--kube-version', '1.16.0', C],
  ['template', '--api-versions', 'helm.k8s.io/test,helm.k8s.io/test2', C],
  ['template', '--api-versions', 'helm.k8s.io/test', '--api-versions', 'helm.k8s.io/test2', C],
  ['template', C, '--include-crds'],
  ['template', C, '--show-only', 'templates/service.yaml'],
  ['template', C, '--show-only', 'templates/service.yaml', '--show-only', 'charts/subcharta/templates/service.yaml'],
  ['template', C, '--show-only', 'templates/subdir/role*'],
  ['template', `${T}/object-order`],
  ['template', `${T}/chart-with-template-with-invalid-yaml`],
  ['template', `${T}/chart-with-template-with-invalid-yaml`, '--debug'],
  ['template', C, '--skip-tests'],
  ['template', `${T}/issue-9027`],
  ['template', C, '--set', 'configmap.enabled=true', '--set', 'subchartb.enabled=true'],
  ['template', C, '--set', 'configmap.enabled=true', '--set', 'subchartb.enabled=true', '--set', 'configmap.value=baz'],
  ['template', C, '-f', `${C}/extra_values.yaml`],
  // the same charts with more of helm's template flags
  ['template', 'rel', C, '--namespace', 'ns', '--is-upgrade', '--no-hooks'],
  ['template', C, '--show-only', 'templates/nope.yaml'],
  ['template', `${T}/chart-with-schema-negative`],
  ['template', `${T}/chart-with-schema-negative`, '--skip-schema-validation'],
  ['template', `${T}/chart-with-secret`],
  ['template', `${T}/chart-with-subchart-notes`, '--render-subchart-notes'],
  ['template', `${T}/chart-missing-deps`],
  ['template', `${T}/deprecated`],
  ['template', `${T}/compressedchart-0.1.0.tgz`],
  ['template', `${T}/pre-release-chart-0.1.0-alpha.tgz`],
];

const lint: string[][] = [
  ['lint', `${T}/chart-with-bad-subcharts`],
  ['lint', '--with-subcharts', `${T}/chart-with-bad-subcharts`],
  ['lint', '--quiet', `${T}/alpine`],
  ['lint', '--quiet', `${T}/alpine`, `${T}/chart-bad-requirements`],
  ['lint', '--quiet', `${T}/chart-with-only-crds`],
  ['lint', '--quiet', 'thischartdoesntexist/'],
  ['lint', '--kube-version', '1.22.0', `${T}/chart-with-deprecated-api`],
  ['lint', '--kube-version', '1.22.0', '--strict', `${T}/chart-with-deprecated-api`],
  ['lint', `${T}/chart-with-deprecated-api`],
  ['lint', '--kube-version', '1.21.0', '--strict', `${T}/chart-with-deprecated-api`],
  ['lint'],
  ['lint', `${T}/chart-with-schema-negative`],
  ['lint', `${T}/chart-with-schema-negative`, '--skip-schema-validation'],
  ['lint', `${T}/compressedchart-0.1.0.tgz`],
];

const show: string[][] = [];
for (const chart of [`${T}/alpine`, C, `${T}/chart-with-only-crds`, `${T}/compressedchart-0.1.0.tgz`, `${T}/signtest-0.1.0.tgz`]) {
  for (const what of ['all', 'chart', 'values', 'readme', 'crds']) show.push(['show', what, chart]);
}
show.push(['show', 'values', C, '--jsonpath', '{.service}'], ['show', 'values', `${T}/nope`], ['show', 'chart'], ['inspect', 'chart', `${T}/alpine`]);

describe.each([
  ['template_test.go', template],
  ['lint_test.go', lint],
  ['show_test.go', show],
])("helm's pkg/cmd/%s argument lists", (_file, cases) => {
  it.each(cases.map((c) => [c.join(' '), c]))('%s', async (_title, args) => {
    const h = await runHelm(args as string[], join(home, 'helm'), { cwd: CMD });
    const b = await berth(args as string[]);
    expect(b.stdout).toBe(h.stdout);
    expect(b.status).toBe(h.status);
    expect(b.stderr).toBe(named(h.stderr));
  });
});

describe("helm's pkg/cmd/package_test.go argument lists", () => {
  const cases: string[][] = [
    ['package'],
    ['package', `${T}/alpine`],
    ['package', `${T}/issue1979`],
    ['package', `${T}/chart-missing-deps`],
    ['package', `${T}/chart-bad-type`],
    ['package', `${T}/alpine`, '--sign'],
    ['package', `${T}/alpine`, '--sign', '--key', 'nosuchkey', '--keyring', ''],
    ['package', `${T}/alpine`, '--version', '1.2.3-rc.1', '--app-version', '9.9'],
    ['package', `${T}/alpine`, `${T}/issue1979`],
  ];
  it.each(cases.map((c) => [c.join(' '), c]))('%s', async (_title, args) => {
    const hDir = mkdtempSync(join(tmpdir(), 'berth-pkg-h-'));
    const bDir = mkdtempSync(join(tmpdir(), 'berth-pkg-b-'));
    const h = await runHelm([...(args as string[]), '-d', hDir], join(home, 'helm'), { cwd: CMD });
    const b = await berth([...(args as string[]), '-d', bDir]);
    expect(b.stdout.replaceAll(bDir, 'DIR')).toBe(h.stdout.replaceAll(hDir, 'DIR'));
    expect(b.status).toBe(h.status);
    if (h.status !== 0) expect(b.stderr.replaceAll(bDir, 'DIR')).toBe(named(h.stderr.replaceAll(hDir, 'DIR')));
  });
});
