import { type FieldMap, type FieldValue, isFieldMap, NESTING_LIMIT } from '@sluice/component-api';
import { tooDeep } from './errors.js';
import { scalarText, type TimestampWriter } from './scalars.js';

/** logfmt values that need quotes: Unicode white space, a quote or `=` (VRL's encode_key_value). */
const LOGFMT_QUOTED = /[\p{White_Space}"=]/u;
const LOGFMT_ESCAPED = /[\\"\n]/g;
const LOGFMT_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\\\n' };

function logfmtString(text: string): string {
  const escaped = text.replace(LOGFMT_ESCAPED, (character) => LOGFMT_ESCAPES[character] as string);
  return LOGFMT_QUOTED.test(text) ? `"${escaped}"` : escaped;
}

/**
 * Vector's logfmt codec (VRL's encode_logfmt): the event flattened (`a.b`, `list.0`), keys sorted,
 * `key=value` separated by spaces; `true` is the bare key, `false` and empty tables are left out,
 * null is `null`. Quoting and escaping as VRL (a newline becomes `\\n`, as VRL writes it).
 */
export function logfmt(fields: FieldMap, write: TimestampWriter): string {
  const flat = new Map<string, string | true>();
  // `level`: where the value sits in the event (its field map is level 1); bounded by NESTING_LIMIT.
  const flatten = (key: string, value: FieldValue | undefined, level: number) => {
    if (value === undefined || value === false) return;
    if (value === true) flat.set(key, true);
    else if (value === null) flat.set(key, 'null');
    else if (Array.isArray(value)) {
      if (level >= NESTING_LIMIT) throw tooDeep();
      for (let index = 0; index < value.length; index += 1)
        flatten(`${key}.${index}`, value[index], level + 1);
    } else if (isFieldMap(value)) {
      if (level >= NESTING_LIMIT) throw tooDeep();
      for (const child in value) flatten(`${key}.${child}`, value[child], level + 1);
    } else flat.set(key, scalarText(value, write) as string);
  };
  for (const key in fields) flatten(key, fields[key], 2);
  const keys = [...flat.keys()].sort();
  let line = '';
  for (const key of keys) {
    if (line !== '') line += ' ';
    const value = flat.get(key) as string | true;
    line += value === true ? logfmtString(key) : `${logfmtString(key)}=${logfmtString(value)}`;
  }
  return line;
}
