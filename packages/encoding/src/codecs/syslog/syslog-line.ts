import { type FieldMap, Timestamp } from '@sluice/component-api';
import { parseSyslog } from './parse-syslog.js';

/**
 * The fields of one syslog line as an event's fields, as VRL's `parse_syslog` makes them (the
 * timestamp with its nanoseconds), or undefined when the line is no syslog.
 */
export function parseSyslogLine(line: string): FieldMap | undefined {
  let parsed: ReturnType<typeof parseSyslog>;
  try {
    parsed = parseSyslog(line);
  } catch {
    return undefined;
  }
  const { timestamp, ...fields } = parsed;
  const result = fields as FieldMap;
  if (timestamp !== undefined)
    result.timestamp = new Timestamp(timestamp.getTime(), timestamp.submillisecondNanos);
  return result;
}
