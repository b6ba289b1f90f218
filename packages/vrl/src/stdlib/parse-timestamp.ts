import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { timestampFromFormat } from './parsers/timestamp-format.js';
import { isTimeZone } from './time.js';

/**
 * `parse_timestamp(value, format, timezone)`: text in chrono's `strptime` format as a timestamp;
 * a local time is in `timezone`, else in the program's time zone. A timestamp passes unchanged.
 */
export const parseTimestamp = defineFunction({
  name: 'parse_timestamp',
  parameters: [
    required('value', kind.BYTES | kind.TIMESTAMP),
    required('format', kind.BYTES),
    optional('timezone', kind.BYTES),
  ],
  returns: TypeDef.timestamp().fallible(),
  call: ([value, format, timezone], context) => {
    if (typeof value !== 'string') return value as Date;
    let zone = context.timezone;
    if (timezone !== undefined) {
      const name = timezone as string;
      if (name !== '' && !isTimeZone(name)) return fail(`unable to parse timezone: ${name}`);
      zone = name === '' ? 'local' : name;
    }
    return timestampFromFormat(value, format as string, zone);
  },
});
