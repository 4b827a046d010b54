/**
 * Bridge calls the page asks as it starts (boot.ts), before the code that shows their answers
 * (React, Mantine, the frame: the main chunk) has been fetched and run. The first ask of the same
 * call and request takes the answer, once; later asks go to the bridge (docs/ui.md, "First
 * screen at scale"). Only this module and api.ts are in the boot chunk.
 */
import type { CallName, RequestOf, ResultOf } from '../shared/contract';
import type { Result } from '../shared/result';
import { call } from './api';

interface Early {
  answer: Promise<Result<unknown>>;
  /** Set once answered: a view rendering after that shows it at once. */
  settled?: Result<unknown>;
}

const early = new Map<string, Early>();
const keyOf = (name: CallName, request: unknown) => `${name} ${JSON.stringify(request)}`;

export function askEarly<K extends CallName>(name: K, request: RequestOf<K>): void {
  const entry: Early = { answer: call(name, request) };
  void entry.answer.then((r) => (entry.settled = r));
  early.set(keyOf(name, request), entry);
}

/** The answer asked at start, taken out (the next ask calls again); undefined when none was asked. */
export function takeEarly<K extends CallName>(name: K, request: RequestOf<K>): Promise<Result<ResultOf<K>>> | undefined {
  const key = keyOf(name, request);
  const entry = early.get(key);
  early.delete(key);
  return entry?.answer as Promise<Result<ResultOf<K>>> | undefined;
}

/** The answer asked at start if it is already in, left in place. */
export function settledEarly<K extends CallName>(name: K, request: RequestOf<K>): Result<ResultOf<K>> | undefined {
  return early.get(keyOf(name, request))?.settled as Result<ResultOf<K>> | undefined;
}

/** The answer asked at start if there is one, else a new call. */
export function callOrTakeEarly<K extends CallName>(name: K, request: RequestOf<K>): Promise<Result<ResultOf<K>>> {
  return takeEarly(name, request) ?? call(name, request);
}
