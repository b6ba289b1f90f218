import { defineFunction, kind, optional, required } from '../function.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { commonLogKind } from './parse-common-log.js';
import { APACHE_COMBINED, APACHE_COMMON, APACHE_ERROR, parseLogMessage } from './parsers/access-logs.js';

const FORMATS = ['common', 'combined', 'error'];

const REGEXES = { common: [APACHE_COMMON], combined: [APACHE_COMBINED], error: APACHE_ERROR };

function kinds(format: string): Map<string, Kind> {
  if (format === 'common') return commonLogKind();
  if (format === 'combined') {
    return new Map([
      ...commonLogKind(),
      ['referrer', Kind.bytes().orNull()],
      ['agent', Kind.bytes().orNull()],
    ]);
  }
  return new Map([
    ['timestamp', Kind.timestamp().orNull()],
    ['module', Kind.bytes().orNull()],
    ['severity', Kind.bytes().orNull()],
    ['thread', Kind.bytes().orNull()],
    ['port', Kind.bytes().orNull()],
    ['message', Kind.bytes().orNull()],
  ]);
}

/** `parse_apache_log(value, format, timestamp_format: "%d/%b/%Y:%T %z")`: an Apache common, combined or error log line. */
export const parseApacheLog = defineFunction({
  name: 'parse_apache_log',
  parameters: [
    required('value', kind.BYTES),
    required('format', kind.BYTES),
    optional('timestamp_format', kind.BYTES, '%d/%b/%Y:%T %z'),
  ],
  check: (call) => {
    call.enumValue('format', FORMATS);
  },
  returns: (call) =>
    TypeDef.object(Collection.known(kinds(call.required('format').constant as string))).fallible(),
  freshResult: true,
  call: ([value, format, timestampFormat], context) =>
    parseLogMessage(
      REGEXES[format as keyof typeof REGEXES],
      value as string,
      timestampFormat as string,
      context.timezone,
      format as string,
    ),
});
