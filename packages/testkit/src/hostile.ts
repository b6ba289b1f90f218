import {
  createLogEvent,
  type FieldMap,
  type FieldValue,
  FloatValue,
  type LogEvent,
} from '@sluice/component-api';
import fc from 'fast-check';

/**
 * A field map whose containers nest `levels` deep (the map itself the first level), tables and
 * lists in turn, a string at the bottom: the poison event of a JSON decoder's input.
 */
export function nestedFields(levels: number): FieldMap {
  let value: FieldValue = 'bottom';
  for (let level = levels; level > 1; level -= 1) value = level % 2 === 0 ? [value] : { a: value };
  return { message: 'nested', deep: value };
}

/** The JSON text of `nestedFields(levels)`, built without recursion (JSON.stringify overflows). */
export function nestedJson(levels: number): string {
  let open = '';
  let close = '';
  for (let level = 2; level <= levels; level += 1) {
    open += level % 2 === 0 ? '[' : '{"a":';
    close = (level % 2 === 0 ? ']' : '}') + close;
  }
  return `{"message":"nested","deep":${open}"bottom"${close}}`;
}

const hostileStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '\u0000', '\ud800', '\udfff', 'a\ud800b', '\u2028', '__proto__', 'constructor', '"\\'),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer({ min: 0, max: 200_000 }).map((length) => 'x'.repeat(length)),
);

const hostileNumbers = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -0, 2 ** 53, -(2 ** 63)),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.bigInt({ min: 2n ** 64n, max: 2n ** 200n }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => new FloatValue(value)),
);

/** Keys a hostile sender picks: empty, `__proto__`, dotted, NUL, lone surrogates, very long. */
const hostileKeys = fc.oneof(
  fc.constantFrom('', '__proto__', 'constructor', 'a.b', '\u0000', '\ud800', 'message', 'timestamp', 'host'),
  fc.string({ maxLength: 10 }),
  fc.integer({ min: 1000, max: 5000 }).map((length) => 'k'.repeat(length)),
);

/** A field map with one own property per key, `__proto__` included as a field (as JSON.parse makes it). */
function fieldMapOf(entries: ReadonlyArray<readonly [string, FieldValue]>): FieldMap {
  const fields: FieldMap = {};
  for (const [key, value] of entries)
    Object.defineProperty(fields, key, { value, enumerable: true, writable: true, configurable: true });
  return fields;
}

const { value: hostileValue } = fc.letrec<{ value: FieldValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileStrings,
    hostileNumbers,
    fc.boolean(),
    fc.constant(null),
    fc.date({ noInvalidDate: true }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(hostileKeys, tie('value')), { maxLength: 4 }).map(fieldMapOf),
  ),
}));

/**
 * Events a hostile peer or a careless plugin could make: any of the strings, numbers and keys
 * above, and now and then one nested far past the limit (a few thousand levels).
 */
export function hostileEvents(): fc.Arbitrary<LogEvent> {
  return fc
    .oneof(
      {
        weight: 8,
        arbitrary: fc.array(fc.tuple(hostileKeys, hostileValue), { maxLength: 6 }).map(fieldMapOf),
      },
      { weight: 1, arbitrary: fc.integer({ min: 100, max: 6000 }).map(nestedFields) },
    )
    .chain((fields) => fc.boolean().map((structured) => createLogEvent(fields, { structured })));
}

/**
 * Frames a hostile TCP client sends: JSON-ish text (nested deep, huge numbers, escapes of lone
 * surrogates, NUL), random bytes and invalid UTF-8.
 */
export function hostileFrames(): fc.Arbitrary<Buffer> {
  const text = fc.oneof(
    fc.integer({ min: 1, max: 6000 }).map(nestedJson),
    fc.constantFrom(
      '{"a":1e999}',
      '{"a":123456789012345678901234567890}',
      '{"a":-9223372036854775809}',
      '{"a":18446744073709551615}',
      '{"a":"\\ud800"}',
      '{"\\u0000":"\\u0000"}',
      '{"__proto__":{"polluted":true}}',
      '{"":""}',
      '[{"a":1},{"b":[1,2,{"c":null}]}]',
      '{"a":2.0,"b":-0}',
      '<13>Feb  5 17:32:18 host app[1]: msg',
      '<13>1 2024-01-01T00:00:00Z host app 1 ID [ex@1 a="b"] msg',
      '{"version":"1.1","host":"h","short_message":"m","_a":{"b":[1]}}',
    ),
    fc.string(),
  );
  return fc.oneof(
    text.map((value) => Buffer.from(value)),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
    fc.constantFrom(Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), Buffer.from('{"a":"\xc3\x28"}', 'latin1')),
  );
}
