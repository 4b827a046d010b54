import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError, type FlagSpecs } from '../../../src-main/cli/args';

const specs: FlagSpecs = {
  namespace: { kind: 'string', short: 'n', description: '' },
  values: { kind: 'strings', short: 'f', description: '' },
  set: { kind: 'strings', description: '' },
  'include-crds': { kind: 'bool', description: '' },
};

describe('Helm-style flag parsing', () => {
  it('takes flags before, between and after positionals, repeated and inline', () => {
    const a = parseArgs(['--set', 'a=1', 'rel', '-n', 'prod', 'chart.tgz', '--set=b=2', '-fv1.yaml', '--values', 'v2.yaml', '--include-crds'], specs);
    expect(a.positional).toEqual(['rel', 'chart.tgz']);
    expect(a.strings.namespace).toBe('prod');
    expect(a.lists.set).toEqual(['a=1', 'b=2']);
    expect(a.lists.values).toEqual(['v1.yaml', 'v2.yaml']);
    expect(a.bools['include-crds']).toBe(true);
  });

  it('treats everything after -- as positional', () => {
    expect(parseArgs(['--', '--set'], specs).positional).toEqual(['--set']);
  });

  it('reports unknown flags and missing values as usage errors', () => {
    expect(() => parseArgs(['--nope'], specs)).toThrow(UsageError);
    expect(() => parseArgs(['--set'], specs)).toThrow(/needs an argument/);
    expect(() => parseArgs(['-z'], specs)).toThrow(/unknown shorthand/);
  });
});

describe('berth command dispatch', () => {
  it('prints its version for `berth version` alone but runs the version group otherwise', async () => {
    const { runCli } = await import('../../../src-main/cli/main');
    let out = '';
    let errText = '';
    const io = { stdout: (t: string) => { out += t; }, stderr: (t: string) => { errText += t; } };
    expect(await runCli(['version'], io)).toBe(0);
    expect(out).toMatch(/^berth \d/);
    out = '';
    await runCli(['version', 'approve', '--help'], io);
    expect(out).toContain('Approve a submitted version');
    expect(errText).toBe('');
  });
});

describe('command words and global flags', () => {
  it('skips --data-dir and its value wherever it stands before the command', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCli } = await import('../../../src-main/cli/main');
    const dir = mkdtempSync(join(tmpdir(), 'berth-cli-'));
    let out = '';
    let errText = '';
    const io = { stdout: (t: string) => { out += t; }, stderr: (t: string) => { errText += t; } };
    try {
      // "version" as the data dir's name must not be taken for a command word
      expect(await runCli(['--data-dir', join(dir, 'version'), 'identity', 'show', '--json'], io)).toBe(0);
      expect(errText).toBe('');
      expect(JSON.parse(out)).toHaveProperty('keyId');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
