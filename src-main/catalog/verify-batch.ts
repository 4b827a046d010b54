import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { canonicalJson } from './canonical-json';
import type { SignedEvent } from './event-types';
import { checkSignature, ENVELOPE_PROBLEM, isKeyId, sha256Hex } from './signing';
import { KEY_BYTES, verifiedKey, type VerifiedCache } from './verified-cache';

/** Below this many events, verifying on this thread is quicker than starting workers. */
const PARALLEL_THRESHOLD = 4000;

/** A worker's verdict on a log line, and the words checkSignature (signing.ts) uses for it. */
const CODE = { ok: 0, forged: 1, canonical: 2, author: 3, id: 4, malformed: 5 } as const;
const PROBLEM: (string | undefined)[] = [
  undefined,
  ENVELOPE_PROBLEM.forged,
  ENVELOPE_PROBLEM.canonical,
  ENVELOPE_PROBLEM.author,
  ENVELOPE_PROBLEM.id,
  ENVELOPE_PROBLEM.malformed,
];

// Runs in eval workers so it works the same bundled, under tsx and under vitest. Given
// [canonical body, sig, author] items, it checks signatures; given log lines (a first sight:
// nothing verified here yet), it also parses, encodes canonically, checks the id and computes
// each event's key for the verified cache (verified-cache.ts), so the replaying thread does none of it.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { verify, createPublicKey, createHash } = require('node:crypto');
const canonicalJson = (${canonicalJson.toString()});
const prefix = Buffer.from('302a300506032b6570032100', 'hex');
const keys = new Map();
const KEY = /^[0-9a-f]{64}$/;
const keyOf = (author) => {
  let key = keys.get(author);
  if (!key) { key = createPublicKey({ key: Buffer.concat([prefix, Buffer.from(author, 'hex')]), format: 'der', type: 'spki' }); keys.set(author, key); }
  return key;
};
parentPort.on('message', (msg) => {
  if (msg.lines) {
    const lines = msg.lines;
    const codes = new Uint8Array(lines.length);
    const cacheKeys = new Uint8Array(lines.length * ${KEY_BYTES});
    for (let i = 0; i < lines.length; i++) {
      let e, bytes;
      try { e = JSON.parse(lines[i]); bytes = Buffer.from(canonicalJson(e.body), 'utf8'); } catch { codes[i] = ${CODE.canonical}; continue; }
      if (typeof e.body.author !== 'string' || !KEY.test(e.body.author)) { codes[i] = ${CODE.author}; continue; }
      if (createHash('sha256').update(bytes).digest('hex') !== e.id) { codes[i] = ${CODE.id}; continue; }
      try { codes[i] = verify(null, bytes, keyOf(e.body.author), Buffer.from(e.sig, 'base64')) ? ${CODE.ok} : ${CODE.forged}; } catch { codes[i] = ${CODE.malformed}; }
      if (codes[i] === ${CODE.ok}) cacheKeys.set(createHash('sha256').update(JSON.stringify({ id: e.id, sig: e.sig, body: e.body })).digest().subarray(0, ${KEY_BYTES}), i * ${KEY_BYTES});
    }
    parentPort.postMessage({ codes, keys: cacheKeys }, [codes.buffer, cacheKeys.buffer]);
    return;
  }
  const items = msg;
  const out = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const [text, sig, author] = items[i];
    try { out[i] = verify(null, Buffer.from(text, 'utf8'), keyOf(author), Buffer.from(sig, 'base64')) ? 1 : 0; } catch { out[i] = 0; }
  }
  parentPort.postMessage(out);
});
`;

export interface Verification {
  /** What is known without waiting: cached verdicts, bad ids; undefined = holds or not checked yet. */
  early: (string | undefined)[];
  /** Every event's problem (undefined when it holds), once the signatures are checked. */
  done: Promise<(string | undefined)[]>;
}

/**
 * Checks ids and signatures of many events; returns each event's problem (undefined when
 * it holds). Large batches are spread over worker threads, one per core. Events the cache
 * holds (verified here before, byte for byte) are not checked again; those that verify now
 * are added to it.
 */
export async function verifyEvents(events: readonly SignedEvent[], cache?: VerifiedCache): Promise<(string | undefined)[]> {
  return startVerification(events, cache).done;
}

/**
 * As verifyEvents, but the caller can work on while worker threads check signatures. With
 * the events' `lines` as read from the log, a large batch this data dir never verified
 * anything of (a first sight) is checked whole by the workers from those lines.
 */
export function startVerification(events: readonly SignedEvent[], cache?: VerifiedCache, lines?: readonly string[]): Verification {
  const firstSight = lines && lines.length === events.length && events.length >= PARALLEL_THRESHOLD && (!cache || cache.size() === 0);
  if (firstSight) return verifyLines(events, lines, cache);
  const problems: (string | undefined)[] = new Array(events.length).fill(undefined);
  const pending: number[] = [];
  const keys: string[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    if (!cache) {
      pending.push(i);
      continue;
    }
    keys[i] = verifiedKey(events[i]);
    if (!cache.hasKey(keys[i])) pending.push(i);
  }
  const remember = () => {
    if (!cache) return;
    cache.addKeys(pending.filter((i) => problems[i] === undefined).map((i) => keys[i]));
  };
  if (pending.length < PARALLEL_THRESHOLD) {
    for (const i of pending) problems[i] = checkSignature(events[i]);
    remember();
    return { early: problems, done: Promise.resolve(problems) };
  }
  const items: [string, string, string][] = [];
  const index: number[] = [];
  for (const i of pending) {
    const e = events[i];
    let text: string;
    try {
      text = canonicalJson(e.body);
    } catch {
      problems[i] = ENVELOPE_PROBLEM.canonical;
      continue;
    }
    if (!isKeyId(e.body.author)) problems[i] = ENVELOPE_PROBLEM.author;
    else if (sha256Hex(text) !== e.id) problems[i] = ENVELOPE_PROBLEM.id;
    else {
      items.push([text, e.sig, e.body.author]);
      index.push(i);
    }
  }
  const early = [...problems];
  const done = inWorkers(items, (slice) => slice, new Uint8Array(0)).then((results) => {
    let k = 0;
    for (const out of results) for (const ok of out) problems[index[k++]] = ok ? undefined : ENVELOPE_PROBLEM.forged;
    remember();
    return problems;
  });
  return { early, done };
}

/** A first sight: every event checked by the workers from its log line (parse, canonical body, id, signature, cache key). */
function verifyLines(events: readonly SignedEvent[], lines: readonly string[], cache?: VerifiedCache): Verification {
  const early: (string | undefined)[] = new Array(events.length).fill(undefined);
  const none = { codes: new Uint8Array(0), keys: new Uint8Array(0) };
  const done = inWorkers(lines, (slice) => ({ lines: slice }), none).then((results) => {
    const problems: (string | undefined)[] = new Array(events.length);
    const verified: string[] = [];
    let k = 0;
    for (const { codes, keys } of results) {
      const text = Buffer.from(keys.buffer, keys.byteOffset, keys.byteLength).toString('latin1');
      for (let i = 0; i < codes.length; i++, k++) {
        problems[k] = PROBLEM[codes[i]];
        if (codes[i] === CODE.ok) verified.push(text.slice(i * KEY_BYTES, (i + 1) * KEY_BYTES));
      }
    }
    cache?.addKeys(verified);
    return problems;
  });
  return { early, done };
}

/**
 * `items` split in one slice per core (at most 8), each sent to a worker of its own as
 * `message(slice)`; the workers' answers in slice order (`empty` for a slice with nothing in it).
 */
function inWorkers<T, R>(items: readonly T[], message: (slice: readonly T[]) => unknown, empty: R): Promise<R[]> {
  const workers = Math.max(1, Math.min(availableParallelism(), 8));
  const per = Math.ceil(items.length / workers);
  return Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const slice = items.slice(w * per, (w + 1) * per);
      if (slice.length === 0) return Promise.resolve(empty);
      return new Promise<R>((resolve, reject) => {
        const worker = new Worker(WORKER_SOURCE, { eval: true });
        worker.once('message', (out: R) => {
          resolve(out);
          void worker.terminate();
        });
        worker.once('error', reject);
        worker.postMessage(message(slice));
      });
    }),
  );
}
