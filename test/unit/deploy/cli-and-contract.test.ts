/**
 * The deploy verbs through the two doors people use: `berth install|upgrade|rollback|list|status|
 * history|uninstall` on the command line, and the typed contract the UI calls.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDuration } from '../../../src-main/cli/commands/deploy';
import { createHandlers } from '../../../src-main/handlers';
import { dispatch } from '../../../src-main/handlers/registry';
import { createServices } from '../../../src-main/services';
import { CLUSTER_START_TIMEOUT_MS, CLUSTER_TEST_TIMEOUT_MS } from '../../cluster/harness';
import { deleteNamespaces, deployWorld, EMQX_402, EMQX_RC1, migratedChart, namesGiven, uniqueName, type CliRun, type DeployWorld } from './cluster-fixtures';

let w: DeployWorld;
// the releases' running pods would fill the harness's nodes for every later test
afterAll(() => deleteNamespaces(w?.harness, namesGiven()));
beforeAll(async () => {
  w = await deployWorld();
}, CLUSTER_START_TIMEOUT_MS);

const berth = (...argv: string[]): Promise<CliRun> => w.berth(argv);

describe('berth deploy commands', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it('installs, upgrades, rolls back, lists, shows and uninstalls with Helm-style flags', async () => {
    const ns = uniqueName('cli');
    const rc1 = migratedChart(EMQX_RC1, w.work);
    const v402 = migratedChart(EMQX_402, w.work);
    const valuesFile = join(mkdtempSync(join(tmpdir(), 'berth-values-')), 'values.yaml');
    writeFileSync(valuesFile, `namespace: ${ns}\nreplicas: 3\n`);

    const install = await berth(
      'install',
      'emqx',
      rc1,
      '-n',
      ns,
      '--create-namespace',
      '-f',
      valuesFile,
      '--set',
      'replicas=2',
      '--labels',
      'team=blue,tier=edge',
      '--wait',
      '--timeout',
      '2m',
    );
    expect(install.err).toBe('');
    expect(install.out).toMatch(
      /^NAME: emqx\nLAST DEPLOYED: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\nNAMESPACE: .*\nSTATUS: deployed\nREVISION: 1\nDESCRIPTION: Install complete\nTEST SUITE: None\n/,
    );

    // as with helm, --reuse-values renders 4.0.2 with rc.1's values, which 4.0.2's templates cannot use
    const reused = await berth('upgrade', 'emqx', v402, '-n', ns, '--reuse-values', '--set', 'replicas=1');
    expect(reused.code).toBe(1);
    expect(reused.err).toContain("at <.Values.image.repository>:\n    can't evaluate field repository in type interface {}");

    const upgrade = await berth('upgrade', 'emqx', v402, '-n', ns, '--reset-then-reuse-values', '--set', 'replicas=1', '-l', 'tier=null', '--wait');
    expect(upgrade.code).toBe(0);
    expect(upgrade.out).toContain('REVISION: 2');
    // --labels as helm's: carried on upgrade, removed with =null, selectable with helm list -l
    const labelled = await w.helm(['list', '-n', ns, '-l', 'team=blue,!tier', '-o', 'json']);
    expect(JSON.parse(labelled.stdout)).toEqual([expect.objectContaining({ name: 'emqx', revision: '2' })]);

    const rollback = await berth('rollback', 'emqx', '1', '-n', ns);
    expect(rollback.out).toBe('Rollback was a success! Happy Helming!\n');

    const list = await berth('list', '-n', ns, '--json');
    expect(JSON.parse(list.out)).toEqual([expect.objectContaining({ name: 'emqx', revision: 3, status: 'deployed', chart: 'emqx-v1.0.0-rc.1' })]);
    const history = await berth('history', 'emqx', '-n', ns);
    expect(history.out.split('\n')[0]).toMatch(/^REVISION\tUPDATED\s+\tSTATUS\s+\tCHART\s+\tAPP VERSION\tDESCRIPTION\s*$/);
    expect(history.out).toContain('Rollback to 1');
    const values = await w.helm(['get', 'values', 'emqx', '-n', ns, '--revision', '2', '-o', 'json']);
    expect(JSON.parse(values.stdout)).toEqual({ namespace: ns, replicas: 1 });

    const status = await berth('status', 'emqx', '-n', ns);
    expect(status.out).toContain('STATUS: deployed');
    // where helm lists the live objects, Berth says how ready they are
    expect(status.out).toMatch(/\nDESCRIPTION: Rollback to 1\nHEALTH: .*\n {2}StatefulSet\/emqx: \d\/2 ready/);

    const gone = await berth('uninstall', 'emqx', '-n', ns);
    expect(gone.out).toBe('release "emqx" uninstalled\n');
    const missing = await berth('status', 'emqx', '-n', ns);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('Error: release: not found\n');
  });

  it('installs from a chart folder as helm does, packaging it first (dry run)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-folder-'));
    mkdirSync(join(dir, 'mini/templates'), { recursive: true });
    writeFileSync(join(dir, 'mini/Chart.yaml'), 'apiVersion: v2\nname: mini\nversion: 1.2.3\n');
    writeFileSync(
      join(dir, 'mini/templates/cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  ns: {{ .Release.Namespace }}\n',
    );
    const r = await berth('install', 'mini', join(dir, 'mini'), '-n', 'default', '--dry-run=client', '--json');
    expect(r.err).toBe('');
    const out = JSON.parse(r.out) as { release: { chart: string; description: string }; manifest: string };
    expect(out.release).toMatchObject({ chart: 'mini-1.2.3', description: 'Dry run complete' });
    expect(out.manifest).toBe('---\n# Source: mini/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mini\ndata:\n  ns: default\n');
  });

  it('reads Go durations for --timeout', () => {
    expect(parseDuration('5m0s')).toBe(300);
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('1h2m')).toBe(3720);
    expect(() => parseDuration('soon')).toThrow('invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"');
  });
});

describe('deploy contract', { timeout: CLUSTER_TEST_TIMEOUT_MS }, () => {
  it('lists contexts and releases and answers refusals as error envelopes', async () => {
    const services = createServices({ dataDir: mkdtempSync(join(tmpdir(), 'berth-contract-')), host: 'cli' });
    const handlers = createHandlers(services);
    const contexts = await dispatch(handlers, 'deploy.kubeconfig', { kubeconfig: w.harness.kubeconfig });
    expect(contexts).toMatchObject({
      ok: true,
      value: {
        currentContext: 'berth-harness',
        contexts: [
          { name: 'berth-harness', auth: 'token' },
          { name: 'berth-harness-cert', auth: 'client-certificate' },
        ],
      },
    });

    const target = { kubeconfig: w.harness.kubeconfig };
    const cluster = await dispatch(handlers, 'deploy.cluster', { target });
    expect(cluster).toMatchObject({ ok: true, value: { context: 'berth-harness', version: w.harness.version } });
    const ns = uniqueName('contract');
    expect(await dispatch(handlers, 'deploy.createNamespace', { target, namespace: ns })).toEqual({ ok: true, value: { namespace: ns, created: true } });
    expect(await dispatch(handlers, 'deploy.list', { target, namespace: ns })).toEqual({ ok: true, value: [] });
    expect(await dispatch(handlers, 'deploy.history', { target, namespace: ns, release: 'nothing' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await dispatch(handlers, 'deploy.cluster', { target: { ...target, context: 'nope' } })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'The kubeconfig has no context named “nope”.' },
    });
    expect(await dispatch(handlers, 'deploy.createNamespace', { target, namespace: 'Bad_Name' })).toMatchObject({
      ok: false,
      error: { code: 'input.invalid' },
    });
    await services.close();
  });
});
