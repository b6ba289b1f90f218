import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, withoutCallPrefix } from '../../test-helpers/outcome.js';
import { formatTimestamp } from '../../value/display.js';
import { floatValue } from '../../value/markers.js';
import type { Value } from '../../value/value.js';
import { parseRfc3339, timestampOf } from './strptime.js';

/** VRL's Rust unit tests of the parsing functions (test-data/vrl-unit-tests), run through a VRL program. */

const DIRECTORY = new URL('../../../test-data/vrl-unit-tests/', import.meta.url).pathname;

type Fixture = null | boolean | number | string | Fixture[] | { [key: string]: Fixture };

interface UnitCase {
  name: string;
  args: Record<string, Fixture>;
  want: { ok: Fixture } | { error: string };
  tz?: string;
}

/** A fixture value as a VRL literal. */
function literal(value: Fixture): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    let text = '"';
    for (const character of value) {
      const code = character.codePointAt(0) as number;
      if (character === '"' || character === '\\' || character === '{' || character === '}')
        text += `\\${character}`;
      else if (code < 0x20 || code === 0x7f) text += `\\u{${code.toString(16)}}`;
      else text += character;
    }
    return `${text}"`;
  }
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if ('$timestamp' in value) return `t'${value.$timestamp as string}'`;
  if ('$float' in value) {
    const number = value.$float as number;
    return Number.isInteger(number) ? `${number}.0` : String(number);
  }
  return `{${Object.entries(value)
    .map(([key, item]) => `${literal(key)}: ${literal(item)}`)
    .join(', ')}}`;
}

/** A fixture value as the runner reports results (timestamps as RFC 3339 text, whole floats marked). */
function expected(value: Fixture): Value {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(expected);
  if ('$timestamp' in value) return formatTimestamp(timestampOf(parseRfc3339(value.$timestamp as string)));
  if ('$float' in value) return floatValue(value.$float as number);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expected(item)]));
}

for (const file of readdirSync(DIRECTORY).filter((name) => name.endsWith('.json'))) {
  const name = file.slice(0, -'.json'.length);
  const cases = JSON.parse(readFileSync(DIRECTORY + file, 'utf8')) as UnitCase[];
  describe(`${name} (VRL's unit tests)`, () => {
    it.each(cases.map((unit) => [unit.name, unit] as const))('%s', (_, unit) => {
      const call = `${name}!(${Object.entries(unit.args)
        .map(([keyword, value]) => `${keyword}: ${literal(value)}`)
        .join(', ')})`;
      const outcome = evaluate(call, {}, { timezone: unit.tz ?? 'UTC' });
      if ('ok' in unit.want) expect(outcome).toEqual({ value: expected(unit.want.ok) });
      else expect('error' in outcome ? withoutCallPrefix(outcome.error) : outcome).toBe(unit.want.error);
    });
  });
}
