/**
 * Ed25519 checked by the engine (src-main/render/engine/ed25519_verify.go) for large batches:
 * Go's crypto/ed25519 and Node's OpenSSL give the same verdict on every edge case of RFC 8032,
 * and a batch gives Node's verdicts whatever the engine does (answers, is missing, is killed for
 * real mid-batch, answers garbage, says nothing).
 */
import { generateKeyPairSync, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, onTestFinished, test } from 'vitest';
import { EVENT_FORMAT, type SignedEvent } from '../../../src-main/catalog/event-types';
import { nextHlc } from '../../../src-main/catalog/hlc';
import type { NativeReport, NativeVerifier, NativeVerifierCommand } from '../../../src-main/catalog/native-verifier';
import { checkSignature, publicKeyHex, signBody } from '../../../src-main/catalog/signing';
import { startVerification, verifyEvents } from '../../../src-main/catalog/verify-batch';
import { enginePath, engineSidecarCommand, HelmEngine } from '../../../src-main/render/engine';
import { createServices } from '../../../src-main/services';
import { edgeCases } from './ed25519-edge-cases';
import { cleanup, tempDir } from './people';

const SPKI = Buffer.from('302a300506032b6570032100', 'hex');

function nodeVerdict(key: Buffer, message: Buffer, sig: Buffer): boolean {
  try {
    return verify(null, message, createPublicKey({ key: Buffer.concat([SPKI, key]), format: 'der', type: 'spki' }), sig);
  } catch {
    return false;
  }
}

describe('Ed25519 in the engine and in Node', () => {
  test('the same verdict on every edge case: scalars ≥ L, non-canonical and small-order points, cut signatures', async () => {
    const cases = edgeCases();
    const blob = Buffer.concat(
      cases.flatMap((c) => {
        const head = Buffer.alloc(5);
        head.writeUInt32BE(c.message.length, 0);
        head[4] = c.sig.length;
        return [head, c.key, c.sig, c.message];
      }),
    );
    const engine = new HelmEngine();
    onTestFinished(() => engine.close());
    const reply = await engine.call('ed25519verify', { count: cases.length }, blob);
    expect(reply.error).toBeUndefined();
    expect(reply.count).toBe(cases.length);
    const table = cases.map((c, i) => ({ name: c.name, node: nodeVerdict(c.key, c.message, c.sig), engine: ((reply.stdout[i >> 3] >> (i & 7)) & 1) === 1 }));
    for (const row of table) expect(row, row.name).toMatchObject({ engine: row.node });
    // the table holds what it says: the plain cases come out as RFC 8032 has them
    const verdict = (name: string) => table.find((r) => r.name === name)?.node;
    expect(verdict('valid')).toBe(true);
    expect(verdict('valid, made here')).toBe(true);
    expect(verdict('wrong message')).toBe(false);
    expect(verdict('truncated signature')).toBe(false);
    expect(verdict('s ≥ L (s + L, the equation still holds mod L)')).toBe(false);
    expect(verdict('R non-canonical (the identity as y = p + 1)')).toBe(false);
    expect(verdict('R mixed order ([r]B + a point of order 8)')).toBe(false);
  });

  test('createServices gives the catalog the engine as its verifier (Electron, serve and every CLI command build through it)', async () => {
    const services = createServices({ dataDir: tempDir('services'), host: 'cli' });
    onTestFinished(async () => {
      await services.close();
      cleanup(services.dataDir);
    });
    expect(services.catalog.core.nativeVerifier?.command()).toMatchObject({ file: enginePath(), args: ['__serve'] });
  });

  test('a frame that does not hold together is refused whole, and the engine answers the next', async () => {
    const engine = new HelmEngine();
    onTestFinished(() => engine.close());
    const { key, message, sig } = edgeCases()[0];
    const head = Buffer.alloc(5);
    head.writeUInt32BE(message.length, 0);
    head[4] = sig.length;
    const item = Buffer.concat([head, key, sig, message]);
    expect((await engine.call('ed25519verify', { count: 100 }, item)).error).toMatch(/100 items cannot fit in/);
    expect((await engine.call('ed25519verify', { count: 1 }, item.subarray(0, item.length - 1))).error).toMatch(/item 0 is cut short/);
    expect((await engine.call('ed25519verify', { count: 1 }, Buffer.concat([item, Buffer.alloc(3)]))).error).toMatch(/3 bytes after the last item/);
    expect(await engine.call('ed25519verify', { count: 1 }, item)).toMatchObject({ count: 1, stdout: new Uint8Array([1]) });
  });
});

/** Signed events of two authors, with forged signatures, altered bodies and malformed signatures among them. */
function batch(count: number): { events: SignedEvent[]; lines: string[] } {
  const authors = [generateKeyPairSync('ed25519'), generateKeyPairSync('ed25519')].map((k) => ({ key: k.privateKey as KeyObject, id: publicKeyHex(k.publicKey) }));
  const events: SignedEvent[] = [];
  let hlc: string | undefined;
  for (let i = 0; i < count; i++) {
    hlc = nextHlc(hlc);
    const a = authors[i % 2];
    const data = { category: `c${i}`, name: `Category ${i}`, description: 'x'.repeat(i % 300) };
    let e = signBody({ v: EVENT_FORMAT, catalog: 'c'.repeat(64), type: 'category.create', author: a.id, hlc, prev: { [`category:c${i}`]: null }, data }, a.key);
    if (i % 97 === 5) e = { ...e, sig: events[i - 1].sig }; // another event's signature: forged
    if (i % 101 === 7) e = { ...e, body: { ...e.body, data: { ...data, name: 'Altered' } } }; // id no longer matches
    if (i % 211 === 9) e = { ...e, sig: e.sig.slice(0, 40) }; // a signature cut short: forged
    if (i % 307 === 11) e = { ...e, sig: 12345 as unknown as string }; // not a signature at all: malformed
    events.push(e);
  }
  return { events, lines: events.map((e) => JSON.stringify(e)) };
}

function nativeWith(command: () => NativeVerifierCommand | undefined): NativeVerifier & { reports: NativeReport[] } {
  const reports: NativeReport[] = [];
  return { reports, command, report: (r) => reports.push(r) };
}

/** The engine processes this process started (their parent is this process; Linux only). */
function engineChildren(): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('__serve')) found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

const bytesRead = (pid: number): number => Number(/rchar: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);

describe('a large batch checked by engine processes, one per worker thread', () => {
  // enough for several frames (1,024 signatures each) per worker thread on any machine
  const { events, lines } = batch(4000 * Math.min(availableParallelism(), 8));
  const expected = events.map(checkSignature);
  // the signatures the engine is asked about: those of events whose envelope holds up to the signature check
  const candidates = expected.filter((p) => p === undefined || /forged/.test(p)).length;
  const dir = tempDir('native-verify');
  afterAll(() => cleanup(dir));

  test('the batch has every kind of verdict', () => {
    expect(new Set(expected).size).toBe(4); // holds, forged, altered, malformed
  });

  test("a first sight: Node's verdicts, each signature answered by the engine", async () => {
    const native = nativeWith(() => engineSidecarCommand());
    expect(await startVerification(events, undefined, lines, native).done).toEqual(expected);
    expect(native.reports).toEqual([{ answered: candidates, fallback: 0, problems: [] }]);
    expect(engineChildren()).toEqual([]);
  });

  test('a large pull (events, no lines): the same refusals', async () => {
    const native = nativeWith(() => engineSidecarCommand());
    const problems = await verifyEvents(events, undefined, native);
    expect(problems.map((p) => p === undefined)).toEqual(expected.map((p) => p === undefined));
    expect(native.reports[0]).toMatchObject({ fallback: 0, problems: [] });
    expect(native.reports[0].answered).toBeGreaterThan(0);
  });

  test.skipIf(process.platform !== 'linux')('an engine process killed mid-batch: Node verifies what it did not answer, no verdict lost or wrong', async () => {
    const native = nativeWith(() => engineSidecarCommand());
    const frameBytes = 1026 * (lines.reduce((n, l) => n + l.length, 0) / lines.length + 40);
    let killed: number | undefined;
    const watch = setInterval(() => {
      // one of the engines, once it has read into its third frame (the first is answered by then)
      for (const pid of engineChildren()) {
        if (killed === undefined && bytesRead(pid) > 2.2 * frameBytes) {
          killed = pid;
          process.kill(pid, 'SIGKILL');
        }
      }
    }, 2);
    const problems = await startVerification(events, undefined, lines, native).done;
    clearInterval(watch);
    expect(killed).toBeDefined();
    expect(problems).toEqual(expected);
    const [report] = native.reports;
    expect(report.answered + report.fallback).toBe(candidates);
    expect(report.fallback).toBeGreaterThan(0);
    expect(report.answered).toBeGreaterThan(0);
    expect(report.problems).toEqual([expect.stringMatching(/exited \(SIGKILL\)/)]);
    expect(engineChildren()).toEqual([]);
  });

  test('no engine (not built): Node verifies everything', async () => {
    const native = nativeWith(() => ({ file: join(dir, 'no-such-engine'), args: ['__serve'], env: {}, timeoutMs: 30_000 }));
    expect(await startVerification(events, undefined, lines, native).done).toEqual(expected);
    expect(native.reports[0]).toMatchObject({ answered: 0, fallback: candidates });
    expect(native.reports[0].problems[0]).toMatch(/could not be started/);
  });

  test('an engine answering garbage (every signature holds): the canaries catch it, Node verifies everything', async () => {
    const liar = join(dir, 'liar.cjs');
    writeFileSync(
      liar,
      `let buf = Buffer.alloc(0);
process.stdin.on('data', (d) => {
  buf = Buffer.concat([buf, d]);
  while (buf.length >= 8 && buf.length >= 8 + buf.readUInt32BE(0) + buf.readUInt32BE(4)) {
    const hl = buf.readUInt32BE(0), bl = buf.readUInt32BE(4);
    const n = JSON.parse(buf.subarray(8, 8 + hl).toString()).request.count;
    buf = buf.subarray(8 + hl + bl);
    const header = Buffer.from(JSON.stringify({ count: n }));
    const lens = Buffer.alloc(8);
    lens.writeUInt32BE(header.length, 0);
    lens.writeUInt32BE((n + 7) >> 3, 4);
    process.stdout.write(Buffer.concat([lens, header, Buffer.alloc((n + 7) >> 3, 0xff)]));
  }
});
`,
    );
    const native = nativeWith(() => ({ file: process.execPath, args: [liar], env: {}, timeoutMs: 30_000 }));
    expect(await startVerification(events, undefined, lines, native).done).toEqual(expected);
    expect(native.reports[0]).toMatchObject({ answered: 0, fallback: candidates });
    expect(native.reports[0].problems[0]).toMatch(/garbage/);
  });

  test('an engine that never answers is given up after its time limit', async () => {
    const mute = join(dir, 'mute.cjs');
    writeFileSync(mute, "process.stdin.on('data', () => undefined);\n");
    const native = nativeWith(() => ({ file: process.execPath, args: [mute], env: {}, timeoutMs: 300 }));
    expect(await startVerification(events, undefined, lines, native).done).toEqual(expected);
    expect(native.reports[0]).toMatchObject({ answered: 0, fallback: candidates });
    expect(native.reports[0].problems[0]).toMatch(/no answer within 300 ms/);
  });
});
