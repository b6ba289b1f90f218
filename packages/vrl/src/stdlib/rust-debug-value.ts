import { formatTimestamp } from '../value/display.js';
import type { VrlRegex } from '../value/regex.js';
import { numberOfValue, type ObjectValue, sortedKeys, Tag, tagOf, type Value } from '../value/value.js';
import { textToBytes } from './raw-bytes.js';

/** A value as Rust's derived `Debug` prints VRL's `Value` (`Integer(1)`, `Bytes(b"a")`, …), for error messages. */
export function rustDebugValue(value: Value | undefined): string {
  switch (tagOf(value)) {
    case Tag.Bytes:
      return `Bytes(${rustDebugBytes(value as string)})`;
    case Tag.Integer:
      return `Integer(${String(value)})`;
    case Tag.Float:
      return `Float(${rustDebugFloat(numberOfValue(value as Value))})`;
    case Tag.Boolean:
      return `Boolean(${String(value)})`;
    case Tag.Timestamp:
      return `Timestamp(${formatTimestamp(value as Date)})`;
    case Tag.Regex:
      return `Regex(ValueRegex(Regex(${JSON.stringify((value as VrlRegex).pattern)})))`;
    case Tag.Null:
      return 'Null';
    case Tag.Array:
      return `Array([${(value as Value[]).map(rustDebugValue).join(', ')}])`;
    default: {
      const object = value as ObjectValue;
      const fields = sortedKeys(object).map(
        (key) => `${JSON.stringify(key)}: ${rustDebugValue(object[key])}`,
      );
      return `Object({${fields.join(', ')}})`;
    }
  }
}

/** `bytes::Bytes` as `Debug` prints it: `b"…"` with escapes and `\x..` for non-ASCII bytes. */
function rustDebugBytes(text: string): string {
  let output = 'b"';
  for (const byte of textToBytes(text)) {
    if (byte === 0x0a) output += '\\n';
    else if (byte === 0x0d) output += '\\r';
    else if (byte === 0x09) output += '\\t';
    else if (byte === 0x5c || byte === 0x22) output += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 0x20 && byte < 0x7f) output += String.fromCharCode(byte);
    else output += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${output}"`;
}

/** An f64 as Rust's `Debug` prints it: `1.0`, `0.5`, `1e16`, `1e-5`. */
function rustDebugFloat(number: number): string {
  if (Number.isNaN(number)) return 'NaN';
  if (!Number.isFinite(number)) return number > 0 ? 'inf' : '-inf';
  const magnitude = Math.abs(number);
  if (magnitude !== 0 && (magnitude >= 1e16 || magnitude < 1e-4))
    return number.toExponential().replace('e+', 'e');
  const text = String(number);
  return text.includes('.') || text.includes('e') ? text : `${text}.0`;
}
