import type { CallName, Contract, RequestOf, ResultOf } from '../../shared/contract';
import { BerthFailure, err, ok, type BerthError, type Result } from '../../shared/result';
import { logError } from '../log';

/** A handler returns its value or throws a BerthFailure; the registry turns both into envelopes. */
export type Handler<K extends CallName> = (request: RequestOf<K>) => Promise<ResultOf<K>> | ResultOf<K>;
export type HandlerMap = { [K in CallName]: Handler<K> };
/** A slice of the map, as one domain's handler file provides it. */
export type HandlerSlice<K extends CallName> = { [P in K]: Handler<P> };

export function isCallName(handlers: HandlerMap, name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(handlers, name);
}

/**
 * The single entry both transports use. Never throws: unknown names, malformed
 * requests and unexpected exceptions all come back as error envelopes, and only
 * the log file sees a stack trace.
 */
export async function dispatch(handlers: HandlerMap, name: string, request: unknown): Promise<Result<unknown>> {
  if (!isCallName(handlers, name)) {
    return err('contract.unknown-call', `Berth has no call named “${name}”.`);
  }
  if (request === undefined || request === null) request = {};
  if (typeof request !== 'object' || Array.isArray(request)) {
    return err('contract.invalid-request', `The request for “${name}” must be an object.`);
  }
  try {
    const handler = handlers[name] as (r: Contract[CallName]['request']) => unknown;
    const value = await handler(request as Contract[CallName]['request']);
    return ok(value === undefined ? null : value);
  } catch (e) {
    if (e instanceof BerthFailure) {
      const error: BerthError = { code: e.code, message: e.message };
      if (e.detail) error.detail = e.detail;
      if (e.say) error.say = e.say;
      return { ok: false, error };
    }
    logError(`call ${name} failed`, e);
    return err('internal', 'Something went wrong inside Berth. The details were written to the log file.');
  }
}
