// `berth package` gzips with Berth's copy of Go's compress/flate (src-main/render/engine/
// third_party/deflate: faster match search), which must write exactly the bytes Go's writes, as
// helm package does. Its Go tests compare it with the standard library over every file and tar
// stream of the corpus charts and over random and repetitive inputs at every level; here the
// engine's own packages of the corpus chart folders must be what Go's gzip makes of their tar
// stream with the same header (checked in Go: TestEnginePackagesAreGoGzip).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { enginePath } from '../../../src-main/render/engine';

const DEFLATE_SRC = resolve(__dirname, '../../../src-main/render/engine/third_party/deflate');
const CORPUS = [resolve(__dirname, '../../../../shared/corpus'), '/work/shared/corpus'].find((d) => existsSync(d)) ?? '';
const work = mkdtempSync(join(tmpdir(), 'berth-package-gzip-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.runIf(CORPUS !== '')('package archives', () => {
  it('are byte for byte Go’s gzip of their tar stream (and the copy passes its identity tests)', { timeout: 600_000 }, () => {
    const out = join(work, 'packages');
    mkdirSync(out);
    const folders = readdirSync(join(CORPUS, 'package', 'src')).map((n) => join(CORPUS, 'package', 'src', n));
    // and the largest render charts, unpacked (kube-prometheus-stack: 7 MB of YAML)
    for (const chart of ['kube-prometheus-stack-88.5.3', 'argo-cd-10.1.1', 'nginx-22.1.1']) {
      const dir = join(work, 'src', chart);
      mkdirSync(dir, { recursive: true });
      execFileSync('tar', ['xzf', join(CORPUS, 'render', 'charts', `${chart}.tgz`), '-C', dir]);
      folders.push(join(dir, readdirSync(dir)[0]));
    }
    for (const folder of folders) spawnSync(enginePath(), ['package', folder, '-d', out], { encoding: 'utf8' });
    const made = readdirSync(out).filter((f) => f.endsWith('.tgz')).length;
    expect(made).toBeGreaterThanOrEqual(10);
    const go = execFileSync('go', ['test', '-count=1', '-v', '.'], {
      cwd: DEFLATE_SRC,
      encoding: 'utf8',
      env: { ...process.env, BERTH_PACKAGES: out, BERTH_CORPUS_CHARTS: join(CORPUS, 'render', 'charts') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(go).toMatch(new RegExp(`^\\s+identity_test\\.go:\\d+: ${made} packages\\n--- PASS: TestEnginePackagesAreGoGzip `, 'm'));
    expect(go).toMatch(/^--- PASS: TestCorpusChartsIdentical /m);
    expect(go).toMatch(/^ok\s+berth\.dev\/deflate/m);
  });
});
