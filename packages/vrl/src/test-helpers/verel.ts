import * as verel from '@bpinternal/verel';
import { CompileError } from '../diagnostic/diagnostic.js';
import { encodeJson } from '../value/json.js';
import type { Value } from '../value/value.js';
import { compile } from '../vrl.js';

/**
 * The differential harness: a program and an event through this engine and through
 * `@bpinternal/verel` (VRL compiled to WebAssembly), the outcomes reduced to what verel can show
 * (plain JSON: it does not keep `1.0` apart from `1`, timestamps become strings), then compared.
 */

export type Outcome =
  | { type: 'compile error'; codes: number[] }
  | { type: 'ok'; value: unknown; event: unknown }
  | { type: 'runtime error'; message: string }
  | { type: 'refused'; function: string };

/** What verel makes of a program: its compile error codes, or its result and event. */
export function runVerel(source: string, event: Value): Outcome {
  const check = verel.check(source);
  if (check.errors.length > 0)
    return { type: 'compile error', codes: check.errors.map((error) => error.code) };
  try {
    const result = verel.execute(source, JSON.parse(encodeJson(event)));
    return { type: 'ok', value: plain(result.result), event: plain(result.event) };
  } catch (error) {
    const message = (error as Error).message;
    if (message.startsWith('Compilation Error;')) {
      return { type: 'compile error', codes: [Number(/code: (\d+)/.exec(message)?.[1] ?? 0)] };
    }
    return { type: 'runtime error', message: message.replace(/^Termination;\n/, '').trim() };
  }
}

/** What this engine makes of it, reduced the same way. */
export function runOwn(source: string, event: Value): Outcome {
  let program: ReturnType<typeof compile>;
  try {
    program = compile(source);
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    const refused = error.diagnostics.find((diagnostic) => diagnostic.unsupportedFunction !== undefined);
    if (refused !== undefined) return { type: 'refused', function: refused.unsupportedFunction as string };
    return { type: 'compile error', codes: error.diagnostics.map((diagnostic) => diagnostic.code) };
  }
  const result = program.run(event, { metadata: {} });
  if (result.status === 'ok') {
    return {
      type: 'ok',
      value: plain(JSON.parse(encodeJson(result.value))),
      event: plain(JSON.parse(encodeJson(result.event))),
    };
  }
  return { type: 'runtime error', message: result.message };
}

/** JSON-level value, object keys sorted, so structural comparison ignores what verel cannot show. */
function plain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Map) return plain(Object.fromEntries(value));
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(object).sort()) copy[key] = plain(object[key]);
    return copy;
  }
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/** Whether two outcomes agree: same compile error codes (first), same value and event, same error. */
export function agree(own: Outcome, theirs: Outcome): boolean {
  if (own.type !== theirs.type) return false;
  if (own.type === 'compile error' && theirs.type === 'compile error')
    return own.codes[0] === theirs.codes[0];
  return JSON.stringify(own) === JSON.stringify(theirs);
}

/** A small deterministic random source (mulberry32), so generated programs are the same each run. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const LITERALS = [
  '0',
  '1',
  '-1',
  '7',
  '9223372036854775807',
  '-9223372036854775807',
  '4611686018427387904',
  '9007199254740993',
  '0.5',
  '1.0',
  '-2.5',
  '1000000.0',
  '0.1',
  '3.0',
  '""',
  '"a"',
  '"hello"',
  '"42"',
  '"1.5"',
  '"true"',
  'true',
  'false',
  'null',
  '[]',
  '[1, "a"]',
  '{}',
  '{ "a": 1 }',
  "t'2021-02-11T10:32:50.553955473Z'",
  '.int',
  '.float',
  '.string',
  '.bool',
  '.missing',
  '.array',
  '.object',
];
const SMALL_LITERALS = LITERALS.filter((literal) => !/^-?\d{10,}$/.test(literal));
const OPERATORS = ['+', '-', '*', '/', '==', '!=', '<', '<=', '>', '>=', '&&', '||', '??', '|'];
const FUNCTIONS = [
  'to_string',
  'to_int',
  'to_float',
  'upcase',
  'downcase',
  'length',
  'is_string',
  'is_float',
  'string',
  'int',
];

/**
 * A random expression over literals, event fields, operators and a few functions. The operands of
 * `*` stay small: verel (Rust VRL) aborts on `"a" * 2^62` where this engine fails cleanly.
 */
export function generateExpression(random: () => number, depth: number, small = false): string {
  const pick = <Item>(items: readonly Item[]): Item => items[Math.floor(random() * items.length)] as Item;
  const choice = random();
  if (depth <= 0 || choice < 0.3) return small ? pick(SMALL_LITERALS) : pick(LITERALS);
  if (choice < 0.75) {
    const operator = pick(OPERATORS);
    const operandsSmall = small || operator === '*';
    return `(${generateExpression(random, depth - 1, operandsSmall)} ${operator} ${generateExpression(random, depth - 1, operandsSmall)})`;
  }
  if (choice < 0.93) return `${pick(FUNCTIONS)}(${generateExpression(random, depth - 1, small)})`;
  // `!` on a comparison (on anything else VRL refuses the program, which is checked often enough).
  return `!(${generateExpression(random, depth - 1, small)} == ${generateExpression(random, depth - 1, small)})`;
}

/** The event the generated programs run on (no whole float: verel's JSON input cannot tell it from an integer). */
export const GENERATED_EVENT: Value = {
  int: 5,
  float: 2.5,
  string: 'text',
  bool: true,
  array: [1, 2],
  object: { k: 'v' },
};
