/**
 * Helm's engine under Berth's supervisor, with real engine processes: a template that never
 * ends, one that eats memory, tpl calling itself and an engine killed mid-call each end in a
 * sentence, the next render just works, and no engine process is left behind.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { enginePath, HelmEngine } from '../../../src-main/render/engine';

const ROOT = resolve(__dirname, '../../..');
// shared/ sits beside the repository (as in CI); /work/shared is the developers' copy
const CORPUS = [resolve(ROOT, '../shared/corpus'), '/work/shared/corpus'].find((d) => existsSync(d)) ?? '';
const NGINX = readFileSync(join(CORPUS, 'render/charts/nginx-22.1.1.tgz'));
const work = mkdtempSync(join(tmpdir(), 'berth-engine-limits-'));

function chart(name: string, templates: string, values = ''): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  writeFileSync(join(dir, 'values.yaml'), values);
  writeFileSync(join(dir, 'templates', 'cm.yaml'), templates);
  return dir;
}

const FOREVER = chart('forever', '{{ range $i := until 100000 }}{{ range $j := until 100000 }}{{ end }}{{ end }}\n');
// doubles a string 40 times: 16 B × 2^40
const HOG = chart('hog', '{{- $x := "0123456789abcdef" }}{{- range $i := until 40 }}{{- $x = print $x $x }}{{- end }}\nx: {{ len $x }}\n');
const RECURSE = chart('recurse', 'x: {{ tpl .Values.self . }}\n', 'self: "{{ tpl .Values.self . }}"\n');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  return !alive(pid);
}

function rssMb(pid: number): number {
  return (Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096) / (1024 * 1024);
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

const render = (engine: HelmEngine, dir: string) => engine.call('template', { args: ['x', dir], namespace: 'default' });
const renderNginx = (engine: HelmEngine) => engine.call('template', { args: ['web', 'nginx'], namespace: 'default' }, NGINX);

describe('Helm engine limits', () => {
  // one process, so "the next render" runs where the stopped one ran
  const engine = new HelmEngine({ timeoutMs: 3000, maxMemoryMb: 512, processes: 1 });
  beforeAll(() => engine.warmUp());
  afterAll(() => engine.close());

  it('stops a template that never ends with a sentence naming the chart and the limit, then renders the next chart', { timeout: 60_000 }, async () => {
    const [before] = engine.pids();
    const reply = await render(engine, FOREVER);
    expect(reply.stopped).toBe('timeout');
    expect(reply.error).toMatch(/forever.*longer than 3 seconds/);
    expect(await gone(before)).toBe(true);
    const next = await renderNginx(engine);
    expect(next.error).toBeUndefined();
    expect(new TextDecoder().decode(next.stdout)).toContain('kind: Deployment');
  });

  it('stops a template that exhausts memory; the next render succeeds and the engine is small again', { timeout: 120_000 }, async () => {
    // a time limit a loaded machine cannot reach first
    const engine = new HelmEngine({ timeoutMs: 100_000, maxMemoryMb: 512, processes: 1 });
    onTestFinished(() => engine.close());
    const reply = await render(engine, HOG);
    expect(reply.stopped).toBe('memory');
    expect(reply.error).toMatch(/hog.*more than 512 MiB/);
    const next = await renderNginx(engine);
    expect(next.error).toBeUndefined();
    if (process.platform === 'linux') for (const pid of engine.pids()) expect(rssMb(pid)).toBeLessThan(200);
  });

  it('fails tpl that renders itself as an error, not a crash', { timeout: 60_000 }, async () => {
    await engine.warmUp();
    const [before] = engine.pids();
    const reply = await render(engine, RECURSE);
    expect(reply.stopped).toBeUndefined();
    expect(reply.error).toMatch(/tpl is nested more than 1000 levels deep/);
    expect(engine.pids()).toEqual([before]);
  });

  it('answers a call whose engine is killed with SIGKILL, and recovers', { timeout: 60_000 }, async () => {
    const pending = render(engine, FOREVER);
    await new Promise((r) => setTimeout(r, 300));
    const [pid] = engine.pids();
    process.kill(pid, 'SIGKILL');
    const reply = await pending;
    expect(reply.stopped).toBe('crash');
    expect(reply.error).toMatch(/Helm's engine stopped unexpectedly while working on chart “.*forever”/);
    expect((await renderNginx(engine)).error).toBeUndefined();
  });

  it('lets another chart render while one is stuck, with two processes', { timeout: 60_000 }, async () => {
    const pool = new HelmEngine({ timeoutMs: 20_000, processes: 2 });
    try {
      const stuck = render(pool, FOREVER);
      const next = await renderNginx(pool);
      expect(next.error).toBeUndefined();
      expect(pool.pids()).toHaveLength(2);
      pool.killBusy();
      expect((await stuck).stopped).toBe('crash');
    } finally {
      await pool.close();
    }
  });

  it('leaves no engine process behind when Berth itself dies mid-render', { timeout: 60_000 }, async () => {
    const script = `
      const { HelmEngine } = require(${JSON.stringify(join(ROOT, 'src-main/render/engine.ts'))});
      const e = new HelmEngine();
      e.call('template', { args: ['x', ${JSON.stringify(FOREVER)}], namespace: 'default' });
      setTimeout(() => console.log(JSON.stringify(e.pids())), 500);
      setInterval(() => {}, 1000);
    `;
    const node = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const pids = await new Promise<number[]>((r) => node.stdout.once('data', (d: Buffer) => r(JSON.parse(d.toString()) as number[])));
    expect(pids).toHaveLength(1);
    expect(alive(pids[0])).toBe(true);
    node.kill('SIGKILL');
    expect(await gone(pids[0])).toBe(true);
  });
});

describe('berth lint and template on runaway charts', () => {
  for (const [name, dir, message, timeout] of [
    ['a template that never ends', FOREVER, /longer than 3 seconds/, '3'],
    ['a template that exhausts memory', HOG, /512 MiB/, '100'],
    ['tpl that renders itself', RECURSE, /tpl is nested more than 1000 levels deep/, '100'],
  ] as const) {
    for (const command of ['template', 'lint'] as const) {
      it(`berth ${command} exits non-zero with a sentence on ${name}`, { timeout: 120_000 }, () => {
        const env = { ...process.env, BERTH_ENGINE_TIMEOUT_S: timeout, BERTH_ENGINE_MAX_MEMORY_MB: '512' };
        const r = spawnSync(join(ROOT, 'bin', 'berth'), [command, dir], { env, encoding: 'utf8' });
        if (command === 'lint' && dir === RECURSE) {
          // helm lint reports a template error in its lint report
          expect(r.stdout + r.stderr).toMatch(message);
        } else {
          expect(r.stderr).toMatch(message);
        }
        expect(r.stderr).toMatch(/^Error: /m);
        expect(r.stderr).not.toMatch(/goroutine|panic/);
        expect(r.status).not.toBe(0);
      });
    }
  }

  it('runs the native engine for template, package and show, without Node', () => {
    expect(enginePath()).toMatch(/berth-engine(\.exe)?$/);
    // a PATH with the launcher's two helpers and no node
    const path = join(work, 'no-node-bin');
    mkdirSync(path, { recursive: true });
    for (const tool of ['dirname', 'readlink']) {
      const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      if (!existsSync(join(path, tool))) symlinkSync(found, join(path, tool));
    }
    const r = spawnSync('/bin/sh', [join(ROOT, 'bin', 'berth'), 'show', 'chart', FOREVER], { encoding: 'utf8', env: { PATH: path } });
    expect(r.stdout).toContain('name: forever');
    expect(r.status).toBe(0);
  });
});
