import { defineFunction, kind, optional, required } from '../function.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { APACHE_COMMON, parseLogMessage } from './parsers/access-logs.js';

const COMMON_REGEXES = [APACHE_COMMON];

/** VRL's type of a common log line's fields: every one may be missing (`-`). */
export function commonLogKind(): Map<string, Kind> {
  return new Map([
    ['host', Kind.bytes().orNull()],
    ['identity', Kind.bytes().orNull()],
    ['user', Kind.bytes().orNull()],
    ['timestamp', Kind.timestamp().orNull()],
    ['message', Kind.bytes().orNull()],
    ['method', Kind.bytes().orNull()],
    ['path', Kind.bytes().orNull()],
    ['protocol', Kind.bytes().orNull()],
    ['status', Kind.integer().orNull()],
    ['size', Kind.integer().orNull()],
  ]);
}

/** `parse_common_log(value, timestamp_format: "%d/%b/%Y:%T %z")`: a Common Log Format line. */
export const parseCommonLog = defineFunction({
  name: 'parse_common_log',
  parameters: [required('value', kind.BYTES), optional('timestamp_format', kind.BYTES, '%d/%b/%Y:%T %z')],
  returns: TypeDef.object(Collection.known(commonLogKind())).fallible(),
  freshResult: true,
  call: ([value, timestampFormat], context) =>
    parseLogMessage(COMMON_REGEXES, value as string, timestampFormat as string, context.timezone, 'common'),
});
