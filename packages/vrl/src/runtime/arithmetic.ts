import { kindName } from '../type/value-kind.js';
import { floatValue } from '../value/markers.js';
import {
  compareStrings,
  numberOfValue,
  type ObjectValue,
  setOwnField,
  Tag,
  tagOf,
  type Value,
  valuesEqual,
  wrapI64,
} from '../value/value.js';
import { RuntimeError } from './errors.js';

/**
 * VRL's operators on values (`vrl/src/compiler/value/arithmetic.rs`): integers wrap as i64,
 * an integer and a float give a float, a NaN result is an error, messages are VRL's.
 */

function floatResult(value: number): Value {
  if (Number.isNaN(value)) throw new RuntimeError('operation would produce NaN');
  return floatValue(value);
}

function isNumberTag(tag: Tag): boolean {
  return tag === Tag.Integer || tag === Tag.Float;
}

function asBigInt(value: Value): bigint {
  return typeof value === 'bigint' ? value : BigInt(value as number);
}

export function add(left: Value, right: Value): Value {
  if (typeof left === 'number' && typeof right === 'number') {
    const sum = left + right;
    if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) {
      return Number.isSafeInteger(sum) ? sum : wrapI64(BigInt(left) + BigInt(right));
    }
  }
  const leftTag = tagOf(left);
  const rightTag = tagOf(right);
  if (leftTag === Tag.Integer && rightTag === Tag.Integer) return wrapI64(asBigInt(left) + asBigInt(right));
  if (isNumberTag(leftTag) && isNumberTag(rightTag))
    return floatResult(numberOfValue(left) + numberOfValue(right));
  if (leftTag === Tag.Bytes && rightTag === Tag.Null) return left;
  if (leftTag === Tag.Bytes && rightTag === Tag.Bytes) return (left as string) + (right as string);
  if (leftTag === Tag.Null && rightTag === Tag.Bytes) return right;
  throw new RuntimeError(`can't add type ${kindName(right)} to ${kindName(left)}`);
}

export function subtract(left: Value, right: Value): Value {
  if (
    typeof left === 'number' &&
    typeof right === 'number' &&
    Number.isSafeInteger(left) &&
    Number.isSafeInteger(right)
  ) {
    const difference = left - right;
    return Number.isSafeInteger(difference) ? difference : wrapI64(BigInt(left) - BigInt(right));
  }
  const leftTag = tagOf(left);
  const rightTag = tagOf(right);
  if (leftTag === Tag.Integer && rightTag === Tag.Integer) return wrapI64(asBigInt(left) - asBigInt(right));
  if (isNumberTag(leftTag) && isNumberTag(rightTag))
    return floatResult(numberOfValue(left) - numberOfValue(right));
  throw new RuntimeError(`can't subtract type ${kindName(right)} from ${kindName(left)}`);
}

/** The longest string `string * integer` makes (VRL would abort the process on a huge one). */
export const MAX_REPEATED_LENGTH = 16 * 1024 * 1024;

function repeat(text: string, times: Value): string {
  const count = Number(times);
  if (count <= 0 || text === '') return '';
  if (count * text.length > MAX_REPEATED_LENGTH) {
    throw new RuntimeError(`can't repeat a string to more than ${MAX_REPEATED_LENGTH} characters`);
  }
  return text.repeat(count);
}

export function multiply(left: Value, right: Value): Value {
  const leftTag = tagOf(left);
  const rightTag = tagOf(right);
  if (leftTag === Tag.Integer && rightTag === Tag.Integer) {
    if (typeof left === 'number' && typeof right === 'number') {
      const product = left * right;
      if (Number.isSafeInteger(product)) return product;
    }
    return wrapI64(asBigInt(left) * asBigInt(right));
  }
  if (isNumberTag(leftTag) && isNumberTag(rightTag))
    return floatResult(numberOfValue(left) * numberOfValue(right));
  if (leftTag === Tag.Integer && rightTag === Tag.Bytes) return repeat(right as string, left);
  if (leftTag === Tag.Bytes && rightTag === Tag.Integer) return repeat(left as string, right);
  throw new RuntimeError(`can't multiply type ${kindName(left)} by ${kindName(right)}`);
}

export function divide(left: Value, right: Value): Value {
  const leftTag = tagOf(left);
  const rightTag = tagOf(right);
  if (isNumberTag(rightTag) && numberOfValue(right) === 0) throw new RuntimeError("can't divide by zero");
  if (isNumberTag(leftTag) && isNumberTag(rightTag))
    return floatResult(numberOfValue(left) / numberOfValue(right));
  throw new RuntimeError(`can't divide type ${kindName(left)} by ${kindName(right)}`);
}

/** `==`: an integer equals the float of the same value; everything else compares structurally. */
export function equalsLossy(left: Value, right: Value): boolean {
  const leftTag = tagOf(left);
  if (leftTag === Tag.Integer || leftTag === Tag.Float) {
    const rightTag = tagOf(right);
    if (rightTag !== Tag.Integer && rightTag !== Tag.Float) return false;
    if (leftTag === Tag.Integer && rightTag === Tag.Integer) return valuesEqual(left, right);
    return numberOfValue(left) === numberOfValue(right);
  }
  return valuesEqual(left, right);
}

type Comparison = '>' | '>=' | '<' | '<=';

function compareNumbers(operator: Comparison, left: number | bigint, right: number | bigint): boolean {
  switch (operator) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    default:
      return left <= right;
  }
}

function compareOrder(operator: Comparison, order: number): boolean {
  return compareNumbers(operator, order, 0);
}

// VRL reports `>` with its remainder message and `<`, `<=` with `>=`'s: kept for fidelity.
function comparisonError(operator: Comparison, left: Value, right: Value): RuntimeError {
  if (operator === '>')
    return new RuntimeError(`can't calculate remainder of type ${kindName(left)} and ${kindName(right)}`);
  return new RuntimeError(`can't compare ${kindName(left)} >= ${kindName(right)}`);
}

export function compare(operator: Comparison, left: Value, right: Value): boolean {
  const leftTag = tagOf(left);
  const rightTag = tagOf(right);
  if (leftTag === Tag.Integer && rightTag === Tag.Integer) {
    if (typeof left === 'number' && typeof right === 'number') return compareNumbers(operator, left, right);
    return compareNumbers(operator, asBigInt(left), asBigInt(right));
  }
  if (isNumberTag(leftTag) && isNumberTag(rightTag)) {
    return compareNumbers(operator, numberOfValue(left), numberOfValue(right));
  }
  if (leftTag === Tag.Bytes) {
    if (rightTag !== Tag.Bytes) throw new RuntimeError(`expected string, got ${kindName(right)}`);
    return compareOrder(operator, compareStrings(left as string, right as string));
  }
  if (leftTag === Tag.Timestamp) {
    if (rightTag !== Tag.Timestamp) throw new RuntimeError(`expected timestamp, got ${kindName(right)}`);
    return compareOrder(operator, compareTimestamps(left as Date, right as Date));
  }
  throw comparisonError(operator, left, right);
}

function compareTimestamps(left: Date, right: Date): number {
  const difference = left.getTime() - right.getTime();
  if (difference !== 0) return difference;
  const leftNanos = (left as { submillisecondNanos?: number }).submillisecondNanos ?? 0;
  const rightNanos = (right as { submillisecondNanos?: number }).submillisecondNanos ?? 0;
  return leftNanos - rightNanos;
}

/** `|` on two objects: a new object with the right side's fields over the left's. */
export function mergeObjects(left: Value, right: Value): Value {
  if (tagOf(left) !== Tag.Object || tagOf(right) !== Tag.Object) {
    throw new RuntimeError(`can't merge type ${kindName(right)} into ${kindName(left)}`);
  }
  const merged: ObjectValue = {};
  for (const source of [left as ObjectValue, right as ObjectValue]) {
    for (const key in source) {
      const value = source[key];
      if (value !== undefined && Object.hasOwn(source, key)) setOwnField(merged, key, value);
    }
  }
  return merged;
}

/** `&&` once the left side is neither null nor false. */
export function and(left: Value, right: Value): Value {
  if (typeof left === 'boolean') {
    if (right === null || right === undefined) return false;
    if (typeof right === 'boolean') return left && right;
  }
  throw new RuntimeError(`can't apply an AND to types ${kindName(left)} and ${kindName(right)}`);
}
