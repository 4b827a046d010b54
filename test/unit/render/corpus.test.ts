/**
 * The conformance corpus (/work/shared/corpus) run against `berth` through its own checkers:
 * every render case byte-identical with helm v4.1.4, every package identical, every lint agreeing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// shared/ sits beside the repository (as in CI); /work/shared is the developers' copy
const CORPUS = [resolve(__dirname, '../../../../shared/corpus'), '/work/shared/corpus'].find((d) => existsSync(d)) ?? '';
const BERTH = `${process.execPath} ${resolve(__dirname, '../../../bin/berth.cjs')}`;

function check(kind: 'render' | 'package' | 'lint'): { last: string; output: string } {
  const r = spawnSync('bash', [join(CORPUS, kind, 'check.sh')], { env: { ...process.env, BERTH }, encoding: 'utf8', timeout: 3_600_000 });
  const lines = r.stdout.trim().split('\n');
  return { last: lines[lines.length - 1], output: r.stdout + r.stderr };
}

describe.runIf(CORPUS !== '')('conformance corpus', () => {
  it('renders every case as helm template does', { timeout: 3_600_000 }, () => {
    const { last, output } = check('render');
    const m = /^render: (\d+)\/(\d+) identical$/.exec(last);
    expect(m, output).not.toBeNull();
    expect(m![1], output).toBe(m![2]);
  });

  it('packages every chart folder as helm package does', { timeout: 1_800_000 }, () => {
    const { last, output } = check('package');
    const m = /^package: (\d+)\/(\d+) identical$/.exec(last);
    expect(m, output).not.toBeNull();
    expect(m![1], output).toBe(m![2]);
  });

  it('lints every chart as helm lint does', { timeout: 1_800_000 }, () => {
    const { last, output } = check('lint');
    const m = /^lint: (\d+)\/(\d+) agree$/.exec(last);
    expect(m, output).not.toBeNull();
    expect(m![1], output).toBe(m![2]);
  });
});
