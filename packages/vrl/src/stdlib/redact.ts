import { createHash } from 'node:crypto';
import { type CompileCall, defineFunction, kind, optional, required } from '../function.js';
import { VrlRegex } from '../value/regex.js';
import {
  type ObjectValue,
  ownField,
  setOwnField,
  sortedKeys,
  Tag,
  tagOf,
  type Value,
} from '../value/value.js';
import { textToBytes } from './raw-bytes.js';

/**
 * `redact(value, filters, redactor)`: the string (or every string in an array or object) with what
 * the filters match replaced: by `[REDACTED]`, a text, or a SHA-2/SHA-3 hash of the match. Filters
 * and redactor are literals, checked at compile time.
 */

type Pattern = VrlRegex | string;
type Redactor = (match: string) => string;

// Area number 001-899 except 666, group 01-99, serial 0001-9999 (without look-arounds).
const US_SOCIAL_SECURITY_NUMBER = VrlRegex.compile(
  '(?:00[1-9]|0[1-9][0-9]|[1-578][0-9]{2}|6[0-57-9][0-9]|66[0-57-9])-(?:0[1-9]|[1-9]0|[1-9][1-9])-(?:000[1-9]|00[1-9]0|0[1-9]00|[1-9]000|[1-9]{4})',
);

const REDACTED = '[REDACTED]';

function filterOf(value: Value): Pattern[] | string {
  switch (tagOf(value)) {
    case Tag.Object: {
      const object = value as ObjectValue;
      const type = ownField(object, 'type');
      if (type === undefined) return 'filters specified as objects must have type parameter';
      if (typeof type !== 'string') return 'type key in filters must be a string';
      if (type === 'us_social_security_number') return [US_SOCIAL_SECURITY_NUMBER];
      if (type !== 'pattern') return 'unknown filter name';
      const patterns = ownField(object, 'patterns');
      if (patterns === undefined) return 'pattern filter must have `patterns` specified';
      if (!Array.isArray(patterns)) return '`patterns` must be array of regular expression literals';
      const result: Pattern[] = [];
      for (const pattern of patterns) {
        if (pattern instanceof VrlRegex || typeof pattern === 'string') result.push(pattern);
        else return '`patterns` must be regular expressions';
      }
      return result;
    }
    case Tag.Bytes:
      if (value === 'pattern') return 'pattern cannot be used without arguments';
      if (value === 'us_social_security_number') return [US_SOCIAL_SECURITY_NUMBER];
      return 'unknown filter name';
    case Tag.Regex:
      return [value as VrlRegex];
    default:
      return 'unknown literal for filter, must be a regex, filter name, or object';
  }
}

const SHA2_VARIANTS: Record<string, string> = {
  'SHA-224': 'sha224',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
  'SHA-512/224': 'sha512-224',
  'SHA-512/256': 'sha512-256',
};
const SHA3_VARIANTS: Record<string, string> = {
  'SHA3-224': 'sha3-224',
  'SHA3-256': 'sha3-256',
  'SHA3-384': 'sha3-384',
  'SHA3-512': 'sha3-512',
};

function hashRedactor(algorithm: string, encoding: 'base64' | 'hex'): Redactor {
  return (match) => createHash(algorithm).update(textToBytes(match)).digest(encoding);
}

function redactorOf(value: Value): Redactor | string {
  if (typeof value === 'string') {
    if (value === 'full') return () => REDACTED;
    if (value === 'sha2') return hashRedactor('sha512-256', 'base64');
    if (value === 'sha3') return hashRedactor('sha3-512', 'base64');
    return 'unknown name of redactor';
  }
  if (tagOf(value) !== Tag.Object) return 'unknown literal for redactor, must be redactor name or object';
  const object = value as ObjectValue;
  const type = ownField(object, 'type');
  if (type === undefined) return 'redactor specified as objects must have type\n        parameter';
  if (typeof type !== 'string') return 'type key in redactor must be a string';
  if (type === 'full') return () => REDACTED;
  if (type === 'text') {
    const replacement = ownField(object, 'replacement');
    if (replacement === undefined) return 'text redactor must have\n                `replacement` specified';
    if (typeof replacement !== 'string') return '`replacement` must be a string';
    return () => replacement;
  }
  if (type !== 'sha2' && type !== 'sha3') return 'unknown `type` for `redactor`';
  const variants = type === 'sha2' ? SHA2_VARIANTS : SHA3_VARIANTS;
  let algorithm = type === 'sha2' ? 'sha512-256' : 'sha3-512';
  const variant = ownField(object, 'variant');
  if (variant !== undefined) {
    if (typeof variant !== 'string')
      return type === 'sha2' ? '`variant` must be a string' : '`variant must be a string';
    const found = variants[variant];
    if (found === undefined || !Object.hasOwn(variants, variant)) return 'invalid sha2 variant';
    algorithm = found;
  }
  let encoding: 'base64' | 'hex' = 'base64';
  const encoder = ownField(object, 'encoding');
  if (encoder !== undefined) {
    if (typeof encoder !== 'string') return 'encoding must be string';
    if (encoder === 'base16' || encoder === 'hex') encoding = 'hex';
    else if (encoder !== 'base64') return 'unexpected encoding';
  }
  return hashRedactor(algorithm, encoding);
}

/** Replaces each match of `pattern` (a regex, or a string matched literally) with the redactor's text. */
function redactPattern(text: string, pattern: Pattern, redactor: Redactor): string {
  let output = '';
  let last = 0;
  if (typeof pattern === 'string') {
    if (pattern === '') {
      // Rust's empty pattern matches at every character boundary, the end included.
      for (const character of text) output += redactor('') + character;
      return output + redactor('');
    }
    for (let found = text.indexOf(pattern); found >= 0; found = text.indexOf(pattern, last)) {
      output += text.slice(last, found) + redactor(pattern);
      last = found + pattern.length;
    }
  } else {
    for (const match of pattern.matches(text)) {
      output += text.slice(last, match.start) + redactor(text.slice(match.start, match.end));
      last = match.end;
    }
  }
  return last === 0 && output === '' ? text : output + text.slice(last);
}

function redactValue(value: Value, filters: readonly Pattern[][], redactor: Redactor): Value {
  switch (tagOf(value)) {
    case Tag.Bytes: {
      let text = value as string;
      for (const patterns of filters)
        for (const pattern of patterns) text = redactPattern(text, pattern, redactor);
      return text;
    }
    case Tag.Array:
      return (value as Value[]).map((item) => redactValue(item, filters, redactor));
    case Tag.Object: {
      const object = value as ObjectValue;
      const result: ObjectValue = {};
      for (const key of sortedKeys(object))
        setOwnField(result, key, redactValue(object[key] as Value, filters, redactor));
      return result;
    }
    default:
      return value;
  }
}

function compileFilters(call: CompileCall): Pattern[][] {
  const filters: Pattern[][] = [];
  for (const item of call.literal('filters') as Value[]) {
    const filter = filterOf(item);
    if (typeof filter === 'string') throw call.invalidArgument('filters', item, filter);
    filters.push(filter);
  }
  return filters;
}

function compileRedactor(call: CompileCall): Redactor {
  const literal = call.literal('redactor');
  if (literal === undefined) return () => REDACTED;
  const redactor = redactorOf(literal);
  if (typeof redactor === 'string') throw call.invalidArgument('redactor', literal, redactor);
  return redactor;
}

export const redact = defineFunction({
  name: 'redact',
  parameters: [
    required('value', kind.BYTES | kind.OBJECT | kind.ARRAY),
    required('filters', kind.ARRAY),
    optional('redactor', kind.OBJECT | kind.BYTES),
  ],
  compile(call) {
    const value = call.required('value');
    const filters = compileFilters(call);
    const redactor = compileRedactor(call);
    return {
      run: (context) => redactValue(value.evaluate(context), filters, redactor),
      typeDef: value.typeDef.infallible(),
      freshResult: true,
    };
  },
});
