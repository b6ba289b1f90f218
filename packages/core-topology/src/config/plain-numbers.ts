import { FloatValue } from '@sluice/component-api';

/** An integer beyond 2^53 − 1 that an option reads rounded. */
export interface InexactInteger {
  path: string;
  literal: string;
  read: string;
}

const SECTION_OR_COMPONENT = /^(?:sources|transforms|sinks)(?:\.[^.]*)?$/;

/**
 * The config with plain numbers, as the schema checks them: a whole float (`FloatValue`) becomes
 * its number, a `bigint` (an integer beyond 2^53 − 1) the nearest number, recorded in `inexact`
 * with its dotted path. An option set to null is left out: it is unset, as serde reads an
 * `Option` (`healthcheck: { uri: null }` is what Vector's own serializer writes); a section or a
 * component that is null stays, to be refused. Tables and lists are copied; nothing else is touched.
 */
export function plainNumbers(value: unknown, path: string, inexact: InexactInteger[]): unknown {
  if (typeof value === 'bigint') {
    const read = Number(value);
    inexact.push({ path, literal: String(value), read: BigInt(read).toString() });
    return read;
  }
  if (value instanceof FloatValue) return value.value;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value))
    return value.map((item, index) => plainNumbers(item, `${path}[${index}]`, inexact));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)
    return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childPath = path === '' ? key : `${path}.${key}`;
    if (child === null && !SECTION_OR_COMPONENT.test(childPath)) continue;
    // As JSON.parse: a key `__proto__` stays a field.
    if (key === '__proto__')
      Object.defineProperty(copy, key, {
        value: plainNumbers(child, childPath, inexact),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else copy[key] = plainNumbers(child, childPath, inexact);
  }
  return copy;
}
