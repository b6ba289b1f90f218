import { parseSyslog as parseSyslogMessage, SyslogParseError } from '@sluice/encoding';
import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { Timestamp } from '../value/markers.js';
import type { ObjectValue } from '../value/value.js';

/**
 * `parse_syslog(value)`: RFC 5424, RFC 3164 and their common variations, read by the same port of
 * `syslog_loose` as the `syslog` codec and source (in `@sluice/encoding`); a date without a year
 * gets VRL's year, a local time the program's time zone.
 */
export const parseSyslog = defineFunction({
  name: 'parse_syslog',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.object(
    Collection.known([
      ['message', Kind.bytes()],
      ['hostname', Kind.bytes().orNull()],
      ['severity', Kind.bytes().orNull()],
      ['facility', Kind.bytes().orNull()],
      ['appname', Kind.bytes().orNull()],
      ['msgid', Kind.bytes().orNull()],
      ['timestamp', Kind.timestamp().orNull()],
      ['procid', Kind.bytes().orInteger().orNull()],
      ['version', Kind.integer().orNull()],
    ]),
  ).fallible(),
  freshResult: true,
  call: ([value], context) => {
    let fields: ReturnType<typeof parseSyslogMessage>;
    try {
      fields = parseSyslogMessage(value as string, {
        timezone: context.timezone === 'local' ? undefined : context.timezone,
      });
    } catch (error) {
      if (error instanceof SyslogParseError) return fail(error.message);
      throw error;
    }
    const { timestamp, ...rest } = fields;
    const result = rest as ObjectValue;
    if (timestamp !== undefined)
      result.timestamp = new Timestamp(timestamp.getTime(), timestamp.submillisecondNanos);
    return result;
  },
});
