import { formatStrftime, parseStrftime } from '@sluice/encoding';
import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { isTimeZone, zoneAt } from './time.js';

/** `format_timestamp(value, format, timezone)`: the timestamp as text in chrono's `strftime` format,
 * in `timezone` (an IANA name or `local`; UTC when absent). */
export const formatTimestamp = defineFunction({
  name: 'format_timestamp',
  parameters: [
    required('value', kind.TIMESTAMP),
    required('format', kind.BYTES),
    optional('timezone', kind.BYTES),
  ],
  returns: TypeDef.bytes().fallible(),
  call: ([value, format, timezone]) => {
    const zone = timezone === undefined ? 'UTC' : (timezone as string);
    if (!isTimeZone(zone)) return fail(`unable to parse timezone: ${zone}`);
    const items = parseStrftime(format as string);
    if ('error' in items) return fail('invalid format');
    return formatStrftime(items, value as Date, zoneAt(value as Date, zone));
  },
});
