import { FloatValue, I64_LIMIT, Timestamp } from './markers.js';
import { VrlRegex } from './regex.js';

/**
 * A VRL value in the JavaScript shapes Sluice events use: a string is VRL's bytes; a number is an
 * integer when it is whole (and inside i64), else a float; a whole float is a {@link FloatValue};
 * an integer beyond 2^53 is a `bigint`; a timestamp is a Date (a {@link Timestamp} when it has
 * nanoseconds); a regex is a {@link VrlRegex}; arrays and plain objects nest. `undefined` in an
 * object reads as an absent field.
 */
export type Value =
  | string
  | number
  | bigint
  | boolean
  | null
  | Date
  | FloatValue
  | VrlRegex
  | Value[]
  | ObjectValue;

export interface ObjectValue {
  [field: string]: Value | undefined;
}

/** The kind of a value, as a small number for fast dispatch. */
export const Tag = {
  Bytes: 0,
  Integer: 1,
  Float: 2,
  Boolean: 3,
  Timestamp: 4,
  Regex: 5,
  Null: 6,
  Array: 7,
  Object: 8,
} as const;
export type Tag = (typeof Tag)[keyof typeof Tag];

export function tagOf(value: Value | undefined): Tag {
  switch (typeof value) {
    case 'string':
      return Tag.Bytes;
    case 'number':
      return Number.isInteger(value) && value < I64_LIMIT && value > -I64_LIMIT ? Tag.Integer : Tag.Float;
    case 'bigint':
      return Tag.Integer;
    case 'boolean':
      return Tag.Boolean;
    case 'undefined':
      return Tag.Null;
    default:
      if (value === null) return Tag.Null;
      if (Array.isArray(value)) return Tag.Array;
      if (value instanceof FloatValue) return Tag.Float;
      if (value instanceof Date) return Tag.Timestamp;
      if (value instanceof VrlRegex) return Tag.Regex;
      return Tag.Object;
  }
}

const TAG_NAMES = ['string', 'integer', 'float', 'boolean', 'timestamp', 'regex', 'null', 'array', 'object'];

/** The name of a value's kind as VRL prints it (`string`, `integer`, …). */
export function tagName(tag: Tag): string {
  return TAG_NAMES[tag] as string;
}

export function isObjectValue(value: Value | undefined): value is ObjectValue {
  return tagOf(value) === Tag.Object;
}

/** Reads a field that is the object's own (never one of Object.prototype's). */
export function ownField(object: ObjectValue, key: string): Value | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  // A prototype member (`constructor`, `__proto__`) is a function or Object.prototype: not a field.
  if ((typeof value === 'function' || key === '__proto__') && !Object.hasOwn(object, key)) return undefined;
  return value;
}

/** Sets a field, `__proto__` included, as an own data property. */
export function setOwnField(object: ObjectValue, key: string, value: Value): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    object[key] = value;
  }
}

/** The keys of an object in VRL's order (a `BTreeMap`: by UTF-8 bytes, i.e. code points). */
export function sortedKeys(object: ObjectValue): string[] {
  const keys: string[] = [];
  for (const key in object) if (object[key] !== undefined && Object.hasOwn(object, key)) keys.push(key);
  return keys.sort(compareStrings);
}

/** Compares strings as VRL's byte strings do: by UTF-8 bytes, which is code point order. */
export function compareStrings(left: string, right: string): number {
  if (left === right) return 0;
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const a = left.charCodeAt(index);
    const b = right.charCodeAt(index);
    if (a !== b) {
      // UTF-16 order equals code point order except surrogates (U+10000…) against U+E000–U+FFFF.
      const aSurrogate = a >= 0xd800 && a <= 0xdfff;
      const bSurrogate = b >= 0xd800 && b <= 0xdfff;
      if (aSurrogate !== bSurrogate && (a >= 0xe000 || b >= 0xe000)) return aSurrogate ? 1 : -1;
      return a - b;
    }
  }
  return left.length - right.length;
}

/** The number of an integer or float value. */
export function numberOfValue(value: Value): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return (value as FloatValue).value;
}

/** An integer as a JavaScript value: a number inside ±2^53, else a bigint. */
export function integerValue(value: bigint): number | bigint {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
}

/** Wraps a bigint to i64, as Rust's wrapping arithmetic does. */
export function wrapI64(value: bigint): number | bigint {
  return integerValue(BigInt.asIntN(64, value));
}

/** VRL's structural equality (`Value: PartialEq`): an integer never equals a float here. */
export function valuesEqual(left: Value | undefined, right: Value | undefined): boolean {
  if (left === right) return true;
  const tag = tagOf(left);
  if (tag !== tagOf(right)) return false;
  switch (tag) {
    case Tag.Integer:
      return BigInt(left as number | bigint) === BigInt(right as number | bigint);
    case Tag.Float:
      return numberOfValue(left as Value) === numberOfValue(right as Value);
    case Tag.Null:
      return true;
    case Tag.Timestamp:
      return (
        (left as Date).getTime() === (right as Date).getTime() &&
        nanosOf(left as Date) === nanosOf(right as Date)
      );
    case Tag.Regex:
      return (left as VrlRegex).pattern === (right as VrlRegex).pattern;
    case Tag.Array: {
      const a = left as Value[];
      const b = right as Value[];
      if (a.length !== b.length) return false;
      for (let index = 0; index < a.length; index++) if (!valuesEqual(a[index], b[index])) return false;
      return true;
    }
    case Tag.Object: {
      const a = left as ObjectValue;
      const b = right as ObjectValue;
      let count = 0;
      for (const key in a) {
        const value = a[key];
        if (value === undefined || !Object.hasOwn(a, key)) continue;
        count++;
        const other = ownField(b, key);
        if (other === undefined || !valuesEqual(value, other)) return false;
      }
      for (const key in b) if (b[key] !== undefined && Object.hasOwn(b, key)) count--;
      return count === 0;
    }
    default:
      return false;
  }
}

function nanosOf(date: Date): number {
  return date instanceof Timestamp ? date.submillisecondNanos : 0;
}

/** A deep copy: arrays and objects are copied, the immutable leaves shared. */
export function cloneValue<Type extends Value | undefined>(value: Type): Type {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneValue) as Type;
  if (value instanceof Date || value instanceof FloatValue || value instanceof VrlRegex) return value;
  const copy: ObjectValue = {};
  for (const key in value as ObjectValue) {
    const field = (value as ObjectValue)[key];
    if (field !== undefined && Object.hasOwn(value as ObjectValue, key))
      setOwnField(copy, key, cloneValue(field));
  }
  return copy as Type;
}
