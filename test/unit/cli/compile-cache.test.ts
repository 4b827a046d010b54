// bin/berth.cjs keeps V8's code cache of the CLI bundle in <tmp>/berth-compile-cache-<uid> on a
// Node without module.enableCompileCache (before 22.1). Each rebuild of the bundle used to leave
// one more file per command behind (200 MB on a dev machine); writing a cache now prunes the
// folder: this checkout's older caches for the command, caches named as before (no checkout in
// the name), anything untouched for 30 days, and half-written files an hour old. Another
// checkout's recent caches stay.
import { spawnSync } from 'node:child_process';
import Module from 'node:module';
import { mkdtempSync, readdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'berth-compile-cache-test-'));
const cacheDir = join(work, `berth-compile-cache-${process.getuid?.() ?? 'user'}`);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `berth --version` (command word "other") with the temp dir in work. */
function berthVersion(): void {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: work };
  delete env.BERTH_NO_COMPILE_CACHE;
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'berth.cjs'), '--version'], { env, encoding: 'utf8' });
  expect(r.stdout).toMatch(/^berth /);
  expect(r.status).toBe(0);
}

const files = () => readdirSync(cacheDir).sort();
const daysAgo = (file: string, days: number) => {
  const t = new Date(Date.now() - days * 24 * 3600 * 1000);
  utimesSync(join(cacheDir, file), t, t);
};

describe.runIf(typeof (Module as { enableCompileCache?: unknown }).enableCompileCache !== 'function')('the CLI code cache on Node < 22.1', () => {
  it('writing a cache removes what earlier builds and gone checkouts left, and keeps other checkouts’ recent caches', () => {
    berthVersion();
    const [first] = files();
    expect(files()).toEqual([first]);
    expect(first).toMatch(/^cli-other-[0-9a-f]{8}-v[\d.]+-\w+-\d+-\d+\.bin$/);

    // what an earlier build of this checkout's bundle left (same checkout, command and Node; another size and time)
    const earlierBuild = first.replace(/-\d+-\d+\.bin$/, '-123-456.bin');
    renameSync(join(cacheDir, first), join(cacheDir, earlierBuild));
    const otherCheckout = first.replace(/^cli-other-[0-9a-f]{8}-/, 'cli-other-0badf00d-');
    const goneCheckout = first.replace(/^cli-other-[0-9a-f]{8}-/, 'cli-lint-deadbeef-');
    const killedWhileWriting = `${otherCheckout}.4242`;
    const beingWritten = `${goneCheckout}.4343`;
    const oldName = first.replace(/^cli-other-[0-9a-f]{8}-/, 'cli-install-');
    for (const f of [otherCheckout, goneCheckout, killedWhileWriting, beingWritten, oldName]) writeFileSync(join(cacheDir, f), 'x');
    daysAgo(otherCheckout, 2);
    daysAgo(goneCheckout, 31);
    daysAgo(killedWhileWriting, 1);

    berthVersion();
    expect(files()).toEqual([first, otherCheckout, beingWritten].sort());

    // a cached start writes nothing and prunes nothing
    daysAgo(otherCheckout, 40);
    berthVersion();
    expect(files()).toEqual([first, otherCheckout, beingWritten].sort());
  });
});
