import type { VrlFunction } from '../function.js';
import { append, get, keys, length, merge, push, values } from './collections.js';
import { array, bool, float, int, object, string, timestamp, toFloat, toInt, toString } from './coerce.js';
import { contains } from './contains.js';
import { assert, assertEq, log, typeDefinition } from './control.js';
import { downcase } from './downcase.js';
import { endsWith } from './ends-with.js';
import { filter, forEach, mapKeys, mapValues } from './iteration.js';
import { encodeJsonFunction, parseJson } from './json.js';
import { mod, sha1 } from './math.js';
import { del, exists } from './paths.js';
import { replace } from './replace.js';
import { split } from './split.js';
import { startsWith } from './starts-with.js';
import { formatTimestamp, now } from './timestamps.js';
import { isArray, isBoolean, isFloat, isInteger, isNull, isObject, isRegex, isString, isTimestamp } from './types.js';
import { upcase } from './upcase.js';

/**
 * The functions of VRL's standard library this package implements. To add one: write it in its
 * own file (see README.md in this directory) and list it here.
 */
export const standardLibrary: readonly VrlFunction[] = [
  append,
  array,
  assert,
  assertEq,
  bool,
  contains,
  del,
  downcase,
  encodeJsonFunction,
  endsWith,
  exists,
  filter,
  float,
  forEach,
  formatTimestamp,
  get,
  int,
  isArray,
  isBoolean,
  isFloat,
  isInteger,
  isNull,
  isObject,
  isRegex,
  isString,
  isTimestamp,
  keys,
  length,
  log,
  mapKeys,
  mapValues,
  merge,
  mod,
  now,
  object,
  parseJson,
  push,
  replace,
  sha1,
  split,
  startsWith,
  string,
  timestamp,
  toFloat,
  toInt,
  toString,
  typeDefinition,
  upcase,
  values,
];
