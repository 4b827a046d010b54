/**
 * A values problem (a JSON Schema check that failed) as a sentence the values form says in the
 * reader's language (`sentences.values.*`); the English `message` beside it stays as it is worded
 * in validate.ts.
 */
import type { ErrorObject } from 'ajv';
import type { Sentence } from '../../shared/result';
import type { JsonValue, ValuePath } from '../../shared/types/values';
import { orList, sentence, type SentenceKey } from '../sentences';
import { typeName } from './json-value';
import { pathText } from './paths';

const TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;

function typePhrase(type: string): string | Sentence {
  return (TYPES as readonly string[]).includes(type) ? sentence(`values.types.${type as (typeof TYPES)[number]}`) : type;
}

function list(values: unknown): string {
  return Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(', ') : String(values);
}

const LIMITS: Partial<Record<string, SentenceKey>> = {
  minimum: 'values.atLeast',
  exclusiveMinimum: 'values.moreThan',
  maximum: 'values.atMost',
  exclusiveMaximum: 'values.lessThan',
  minLength: 'values.minLength',
  maxLength: 'values.maxLength',
  minItems: 'values.minItems',
  maxItems: 'values.maxItems',
};

/** The sentence for a failed check at `path` (the whole values when empty); undefined for a keyword Berth does not word. */
export function problemSay(e: ErrorObject, value: JsonValue | undefined, path: ValuePath): Sentence | undefined {
  const where = path.length > 0 ? sentence('values.at', { path: pathText(path) }) : sentence('values.whole');
  const p = e.params as Record<string, unknown>;
  const limit = LIMITS[e.keyword];
  if (limit) return sentence(limit, { where, limit: String(p.limit) });
  switch (e.keyword) {
    case 'type': {
      const want = orList(String(p.type).split(',').map(typePhrase));
      const got = typePhrase(typeName(value));
      return value !== undefined && typeof value !== 'object'
        ? sentence('values.typeShown', { where, want, got, value: JSON.stringify(value) })
        : sentence('values.type', { where, want, got });
    }
    case 'enum':
      return sentence('values.enum', { where, allowed: list(p.allowedValues) });
    case 'const':
      return sentence('values.const', { where, allowed: JSON.stringify(p.allowedValue) });
    case 'required':
      return sentence('values.required', { where });
    case 'additionalProperties':
      return sentence('values.unknownSetting', { where });
    case 'multipleOf':
      return sentence('values.multipleOf', { where, n: String(p.multipleOf) });
    case 'pattern':
      return sentence('values.pattern', { where, pattern: String(p.pattern) });
    case 'uniqueItems':
      return sentence('values.uniqueItems', { where, i: String(p.i), j: String(p.j) });
    case 'anyOf':
    case 'oneOf':
      return sentence('values.noForm', { where });
    default:
      return undefined;
  }
}
