import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { canonicalJson } from './canonical-json';
import { logError } from '../log';
import type { SignedEvent } from './event-types';
import { checkSignature, ENVELOPE_PROBLEM, isKeyId, sha256Hex } from './signing';
import { KEY_BYTES, verifiedKey, type VerifiedCache } from './verified-cache';
import type { NativeReport, NativeVerifier, NativeVerifierCommand } from './native-verifier';
import { CODE, WORKER_SOURCE } from './verify-worker';

/** Below this many events, verifying on this thread is quicker than starting workers. */
const PARALLEL_THRESHOLD = 4000;

const PROBLEM: (string | undefined)[] = [
  undefined,
  ENVELOPE_PROBLEM.forged,
  ENVELOPE_PROBLEM.canonical,
  ENVELOPE_PROBLEM.author,
  ENVELOPE_PROBLEM.id,
  ENVELOPE_PROBLEM.malformed,
];

/** What a worker answers (verify-worker.ts): a code per item, cache keys for lines, what its engine did. */
interface WorkerAnswer {
  codes: Uint8Array;
  keys: Uint8Array;
  report?: NativeReport;
}

export interface Verification {
  /** What is known without waiting: cached verdicts, bad ids; undefined = holds or not checked yet. */
  early: (string | undefined)[];
  /** Every event's problem (undefined when it holds), once the signatures are checked. */
  done: Promise<(string | undefined)[]>;
}

/**
 * Checks ids and signatures of many events; returns each event's problem (undefined when
 * it holds). Large batches are spread over worker threads, one per core (each with an engine
 * process of its own when `native` is given). Events the cache holds (verified here before,
 * byte for byte) are not checked again; those that verify now are added to it.
 */
export async function verifyEvents(events: readonly SignedEvent[], cache?: VerifiedCache, native?: NativeVerifier): Promise<(string | undefined)[]> {
  return startVerification(events, cache, undefined, native).done;
}

/**
 * As verifyEvents, but the caller can work on while worker threads check signatures. With
 * the events' `lines` as read from the log, a large batch this data dir never verified
 * anything of (a first sight) is checked whole by the workers from those lines.
 */
export function startVerification(
  events: readonly SignedEvent[],
  cache?: VerifiedCache,
  lines?: readonly string[],
  native?: NativeVerifier,
): Verification {
  const firstSight = lines && lines.length === events.length && events.length >= PARALLEL_THRESHOLD && (!cache || cache.size() === 0);
  if (firstSight) return verifyLines(events, lines, cache, native);
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
  const done = inWorkers(items, (slice) => ({ items: slice }), native).then((results) => {
    let k = 0;
    // a signature that does not hold is forged, whatever the worker's wording (as before)
    for (const { codes } of results) for (const code of codes) problems[index[k++]] = code === CODE.ok ? undefined : ENVELOPE_PROBLEM.forged;
    remember();
    return problems;
  });
  return { early, done };
}

/** A first sight: every event checked by the workers from its log line (parse, canonical body, id, signature, cache key). */
function verifyLines(events: readonly SignedEvent[], lines: readonly string[], cache?: VerifiedCache, native?: NativeVerifier): Verification {
  const early: (string | undefined)[] = new Array(events.length).fill(undefined);
  const done = inWorkers(lines, (slice) => ({ lines: slice }), native).then((results) => {
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
 * `message(slice)` with the native verifier's command; the workers' answers in slice order.
 * What the native verifier did is reported to it, and logged when it stopped answering.
 */
async function inWorkers<T>(items: readonly T[], message: (slice: readonly T[]) => object, native?: NativeVerifier): Promise<WorkerAnswer[]> {
  const workers = Math.max(1, Math.min(availableParallelism(), 8));
  const per = Math.ceil(items.length / workers);
  const command = nativeCommand(native);
  const answers = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const slice = items.slice(w * per, (w + 1) * per);
      if (slice.length === 0) return Promise.resolve<WorkerAnswer>({ codes: new Uint8Array(0), keys: new Uint8Array(0) });
      return new Promise<WorkerAnswer>((resolve, reject) => {
        const worker = new Worker(WORKER_SOURCE, { eval: true });
        worker.once('message', (out: WorkerAnswer) => {
          resolve(out);
          void worker.terminate();
        });
        worker.once('error', reject);
        worker.postMessage({ ...message(slice), native: command });
      });
    }),
  );
  if (native && command) {
    const report: NativeReport = { answered: 0, fallback: 0, problems: [] };
    for (const a of answers) {
      if (!a.report) continue;
      report.answered += a.report.answered;
      report.fallback += a.report.fallback;
      report.problems.push(...a.report.problems);
    }
    if (report.problems.length) {
      const detail = `${report.fallback} of ${report.answered + report.fallback} signatures verified by Node instead: ${report.problems.join('; ')}`;
      logError('native signature check', new Error(detail));
    }
    native.report?.(report);
  }
  return answers;
}

function nativeCommand(native?: NativeVerifier): NativeVerifierCommand | undefined {
  try {
    return native?.command();
  } catch (e) {
    logError('native signature check', e);
    return undefined;
  }
}
