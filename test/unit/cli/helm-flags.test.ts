import { describe, expect, it } from 'vitest';
import { goBool, goDuration, parseArgs, UsageError, type FlagSpecs } from '../../../src-main/cli/args';

const specs: FlagSpecs = {
  values: { kind: 'slice', short: 'f', description: '' },
  set: { kind: 'strings', description: '' },
  strict: { kind: 'bool', description: '' },
  all: { kind: 'bool', short: 'a', description: '' },
  quiet: { kind: 'bool', short: 'q', description: '' },
  max: { kind: 'int', description: '' },
  timeout: { kind: 'duration', description: '' },
  wait: { kind: 'string', noOptDefault: 'watcher', description: '' },
  output: { kind: 'string', short: 'o', description: '' },
};

describe('flags read as helm (pflag) reads them', () => {
  it('splits string slices on commas but keeps --set whole', () => {
    const a = parseArgs(['-f', 'a.yaml,b.yaml', '--values=c.yaml', '--set', 'x=1,y=2'], specs);
    expect(a.lists.values).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
    expect(a.lists.set).toEqual(['x=1,y=2']);
  });

  it('takes booleans only in strconv.ParseBool spellings', () => {
    expect(parseArgs(['--strict=T'], specs).bools.strict).toBe(true);
    expect(parseArgs(['--strict=0'], specs).bools.strict).toBe(false);
    expect(() => parseArgs(['--strict=yes'], specs)).toThrow('invalid argument "yes" for "--strict" flag: strconv.ParseBool: parsing "yes": invalid syntax');
    expect(goBool('no')).toBeUndefined();
  });

  it('reads combined short booleans and bare flags with a default value', () => {
    const a = parseArgs(['-qa', '--wait', 'rel'], specs);
    expect(a.bools).toMatchObject({ quiet: true, all: true });
    expect(a.strings.wait).toBe('watcher');
    expect(a.positional).toEqual(['rel']);
    expect(parseArgs(['--wait=legacy'], specs).strings.wait).toBe('legacy');
  });

  it('checks integers and Go durations with Go\'s words', () => {
    expect(() => parseArgs(['--max', 'two'], specs)).toThrow('invalid argument "two" for "--max" flag: strconv.ParseInt: parsing "two": invalid syntax');
    expect(() => parseArgs(['--timeout', '5x'], specs)).toThrow('invalid argument "5x" for "--timeout" flag: time: unknown unit "x" in duration "5x"');
    expect(() => parseArgs(['--timeout', '300'], specs)).toThrow('time: missing unit in duration "300"');
    expect(goDuration('1h2m3.5s')).toEqual({ seconds: 3723.5 });
    expect(goDuration('250ms')).toEqual({ seconds: 0.25 });
  });

  it('names shorthand flags missing their value as pflag does', () => {
    expect(() => parseArgs(['-o'], specs)).toThrow("flag needs an argument: 'o' in -o");
    expect(() => parseArgs(['--max'], specs)).toThrow('flag needs an argument: --max');
    expect(() => parseArgs(['--nope'], specs)).toThrow(UsageError);
  });
});

describe('helm\'s global flags on every command', () => {
  async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const { runCli } = await import('../../../src-main/cli/main');
    let out = '';
    let err = '';
    const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
    return { code, out, err };
  }

  it('accepts them before the command and reports the ones that change nothing', async () => {
    const r = await run(['--qps', '50', '--burst-limit=200', '--debug', 'history', 'web', '--kube-context', 'x', '--kubeconfig', '/nonexistent/kubeconfig']);
    expect(r.err).not.toMatch(/unknown flag/);
    expect(r.err).toContain('Flag --qps has no effect in Berth');
    expect(r.err).toContain('Flag --burst-limit has no effect in Berth');
    expect(r.code).toBe(1);
    const usage = await run(['history']);
    expect(usage.err).toBe('Error: "berth history" requires 1 argument\n\nUsage:  berth history RELEASE_NAME [flags]\n');
  });

  it('refuses a bad output format with pflag\'s words', async () => {
    const r = await run(['list', '-o', 'xml']);
    expect(r.err).toBe('Error: invalid argument "xml" for "-o, --output" flag: invalid format type\n');
  });

  it('prints a failure as JSON on stdout with --json', async () => {
    const r = await run(['history', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({ error: { code: 'input.invalid', message: expect.stringContaining('requires 1 argument') } });
  });
});
