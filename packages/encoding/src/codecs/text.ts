import type { FieldValue } from '@sluice/component-api';
import { jsonWriter } from './json.js';
import { rfc3339, scalarText, type TimestampWriter } from './scalars.js';

/**
 * A value as Vector's text and raw_message codecs write it (`Value::coerce_to_bytes`): strings as
 * they are, a missing message as nothing, null as `<null>`, numbers as Rust prints them, tables
 * and lists as JSON.
 */
export function textWriter(
  write: TimestampWriter,
  json: (value: unknown, level?: number) => string,
): (value: FieldValue | undefined) => string {
  return (value) => {
    if (typeof value === 'string') return value;
    if (value === undefined) return '';
    // The message field sits at level 2 of its event.
    return scalarText(value, write) ?? json(value, 2);
  };
}

const defaultJson = jsonWriter(rfc3339, undefined);
const defaultText = textWriter(rfc3339, defaultJson);

/** `message` as Vector's text codec writes it: strings as they are, missing as empty, tables as JSON. */
export function textOf(value: FieldValue | undefined): string {
  return defaultText(value);
}
