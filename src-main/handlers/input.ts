import { refusal } from '../sentences';

/**
 * The one input check every handler file uses: a field the call cannot do without. Requests
 * come from the renderer or a script over the bridge, so TypeScript's types are a promise the
 * sender may not have kept; the refusal names the field in the code's detail for tests.
 */
export function need<T>(value: T | undefined | null, field: string): T {
  if (value === undefined || value === null || value === '') throw refusal('input.invalid', 'input.needsField', { field }, { field });
  return value;
}
