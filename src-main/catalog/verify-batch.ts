import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { canonicalJson } from './canonical-json';
import type { SignedEvent } from './event-types';
import { checkSignature, isKeyId, sha256Hex } from './signing';
import { verifiedKey, type VerifiedCache } from './verified-cache';

/** Below this many events, verifying on this thread is quicker than starting workers. */
const PARALLEL_THRESHOLD = 4000;

// Runs in eval workers so it works the same bundled, under tsx and under vitest.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { verify, createPublicKey } = require('node:crypto');
const prefix = Buffer.from('302a300506032b6570032100', 'hex');
const keys = new Map();
parentPort.on('message', (items) => {
  const out = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const [text, sig, author] = items[i];
    try {
      let key = keys.get(author);
      if (!key) { key = createPublicKey({ key: Buffer.concat([prefix, Buffer.from(author, 'hex')]), format: 'der', type: 'spki' }); keys.set(author, key); }
      out[i] = verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(sig, 'base64')) ? 1 : 0;
    } catch { out[i] = 0; }
  }
  parentPort.postMessage(out);
});
`;

const FORGED = 'Its signature does not verify against its author key: it was forged or altered.';

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

/** As verifyEvents, but the caller can work on while worker threads check signatures. */
export function startVerification(events: readonly SignedEvent[], cache?: VerifiedCache): Verification {
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
      problems[i] = 'Its content cannot be encoded canonically.';
      continue;
    }
    if (!isKeyId(e.body.author)) problems[i] = 'Its author key is not a valid Ed25519 public key.';
    else if (sha256Hex(text) !== e.id) problems[i] = 'Its content does not match its id: it was altered after it was signed.';
    else {
      items.push([text, e.sig, e.body.author]);
      index.push(i);
    }
  }
  const early = [...problems];
  const workers = Math.max(1, Math.min(availableParallelism(), 8));
  const per = Math.ceil(items.length / workers);
  const done = Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const slice = items.slice(w * per, (w + 1) * per);
      if (slice.length === 0) return Promise.resolve(new Uint8Array(0));
      return new Promise<Uint8Array>((resolve, reject) => {
        const worker = new Worker(WORKER_SOURCE, { eval: true });
        worker.once('message', (out: Uint8Array) => {
          resolve(out);
          void worker.terminate();
        });
        worker.once('error', reject);
        worker.postMessage(slice);
      });
    }),
  ).then((results) => {
    let k = 0;
    for (const out of results) for (const ok of out) problems[index[k++]] = ok ? undefined : FORGED;
    remember();
    return problems;
  });
  return { early, done };
}
