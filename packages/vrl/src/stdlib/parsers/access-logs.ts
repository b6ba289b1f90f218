import { fail } from '../../runtime/errors.js';
import { floatValue } from '../../value/markers.js';
import { VrlRegex } from '../../value/regex.js';
import { type ObjectValue, setOwnField, type Value } from '../../value/value.js';
import { parseRustFloat, parseRustInteger } from '../rust.js';
import { ChronoParseError, parseInZone, parseWithOffset, timestampOf } from './strptime.js';

/**
 * The web server log formats of VRL's `log_util` (`parse_common_log`, `parse_apache_log`,
 * `parse_nginx_log`): VRL's regexes, and the fields they capture typed by name. VRL writes
 * "any character except `"`, but `\"`" as the class union `[[\\"][^"]]`, which is every
 * character; RE2 has no nested classes, so it is spelled `(?s:.)` here. Otherwise the regexes
 * are VRL's, without their comments.
 */

const ANY = '(?s:.)';

export const APACHE_COMMON = VrlRegex.compile(String.raw`(?x)
    ^\s*
    (-|(?P<host>.*?))\s+
    (-|(?P<identity>.*?))\s+
    (-|(?P<user>.*?))\s+
    (-|\[(-|(?P<timestamp>[^\[]*))\])\s+
    (-|"(-|(\s*
    (?P<message>(
    (?P<method>\w+)\s+
    (?P<path>${ANY}*?)\s+
    (?P<protocol>${ANY}*?)\s*
    |${ANY}*?))\s*))"
    )\s+
    (-|(?P<status>\d+))\s+
    (-|(?P<size>\d+))
    \s*$
`);

export const APACHE_COMBINED = VrlRegex.compile(String.raw`(?x)
    ^\s*
    (-|(?P<host>.*?))\s+
    (-|(?P<identity>.*?))\s+
    (-|(?P<user>.*?))\s+
    (-|\[(-|(?P<timestamp>[^\[]*))\])\s+
    (-|"(-|(\s*
    (?P<message>(
    (?P<method>\w+)\s+
    (?P<path>${ANY}*?)\s+
    (?P<protocol>${ANY}*?)\s*
    |${ANY}*?))\s*))"
    )\s+
    (-|(?P<status>\d+))\s+
    (-|(?P<size>\d+))\s+
    (-|"(-|(\s*
    (?P<referrer>${ANY}*?)
    ")))
    \s+
    (-|"(-|(\s*
    (?P<agent>${ANY}*?)
    ")))
`);

export const APACHE_ERROR = [
  // The simple format (flog's).
  VrlRegex.compile(String.raw`(?x)
    ^\s*
    (-|\[(-|(?P<timestamp>[^\[]*))\])\s+
    (-|\[(-|(?P<module>[^:]*):
    (?P<severity>[^\[]*))\])\s+
    (-|\[\s*pid\s*(-|(?P<pid>[^:]*)
    (:\s*tid\s*(?P<thread>[^\[]*))?)\])\s
    (-|\[\s*client\s*(-|(?P<client>.*:?):
    (?P<port>[^\[]*))\])\s
    (-|(?P<message>.*))
    \s*$
`),
  // The threaded MPM format.
  VrlRegex.compile(String.raw`(?x)
    ^\s*
    \[(?P<timestamp>[^\]]+)\]\s+
    \[(-|(?P<module>[^:]+)):(?P<severity>[^\]]+)\]\s+
    \[pid\s+(?P<pid>\d+)(:tid\s+(?P<thread>\d+))?\]\s+
    (?P<message1>[^\[]*?:\s+([^\[]*?:\s+)?)?
    (\[client\s+(?P<client>.+?):(?P<port>\d+)\]\s+)?
    (?P<message2>.*)
    (, referer .*)?
    \s*$
`),
];

export const NGINX_COMBINED = VrlRegex.compile(String.raw`(?x)
    ^\s*
    (-|(?P<client>\S+))\s+
    \-\s+
    (-|(?P<user>\S+))\s+
    \[(?P<timestamp>.+)\]\s+
    "(?P<request>[^"]*)"\s+
    (?P<status>\d+)\s+
    (?P<size>\d+)\s+
    "(?P<referer>[^"]*)"\s+
    "(?P<agent>[^"]*)"
    (\s+"(-|(?P<compression>[^"]+))")?
    \s*$
`);

export const NGINX_INGRESS_UPSTREAMINFO = VrlRegex.compile(String.raw`(?x)
    ^\s*
    (-|(?P<remote_addr>\S+))\s+
    \-\s+
    (-|(?P<remote_user>\S+))\s+
    \[(?P<timestamp>[^\]]+)\]\s+
    "(?P<request>[^"]*)"\s+
    (?P<status>\d+)\s+
    (?P<body_bytes_size>\d+)\s+
    "(-|(?P<http_referer>[^"]*))"\s+
    "(-|(?P<http_user_agent>[^"]+))"\s+
    (?P<request_length>\d+)\s+
    (?P<request_time>\d+\.\d+)\s+
    \[(?P<proxy_upstream_name>[^\]]+)\]\s+
    \[(?P<proxy_alternative_upstream_name>[^\]]+)?\]\s+
    (?P<upstream_addr>\S+)\s+
    (-|(?P<upstream_response_length>\d+))\s+
    (-|(?P<upstream_response_time>\d+\.\d+))\s+
    (-|(?P<upstream_status>\d+))\s+
    (?P<req_id>\S+)
    \s*$
`);

export const NGINX_MAIN = VrlRegex.compile(String.raw`(?x)
    ^\s*
    (-|(?P<remote_addr>\S+))\s+
    \-\s+
    (-|(?P<remote_user>\S+))\s+
    \[(?P<timestamp>[^\]]+)\]\s+
    "(?P<request>[^"]*)"\s+
    (?P<status>\d+)\s+
    (?P<body_bytes_size>\d+)\s+
    "(-|(?P<http_referer>[^"]*))"\s+
    "(-|(?P<http_user_agent>[^"]+))"\s+
    "(-|(?P<http_x_forwarded_for>[^"]+))"
    \s*$
`);

export const NGINX_ERROR = VrlRegex.compile(String.raw`(?x)
    ^\s*
    (?P<timestamp>.+)\s+
    \[(?P<severity>\w+)\]\s+
    (?P<pid>\d+)\#
    (?P<tid>\d+):
    (\s+\*(?P<cid>\d+))?
    \s+(?P<message>.+?)
    (,\s+excess:\s+(?P<excess>[^\s,]+),?\sby\szone\s"(?P<zone>[^,]+)")?
    (,\s+client:\s+(?P<client>[^,]+))?
    (,\s+server:\s+(?P<server>[^,]*))?
    (,\s+request:\s+"(?P<request>[^"]*)")?
    (,\s+upstream:\s+"(?P<upstream>[^"]*)")?
    (,\s+host:\s+"(?P<host>[^"]*)")?
    (,\s+refer?rer:\s+"(?P<referer>[^"]*)")?
    \s*$
`);

const INTEGER_FIELDS = new Set([
  'status',
  'size',
  'pid',
  'tid',
  'cid',
  'port',
  'body_bytes_size',
  'request_length',
  'upstream_response_length',
  'upstream_status',
]);
const FLOAT_FIELDS = new Set(['excess', 'request_time', 'upstream_response_time']);

/** A local time in the zone, else a time with its own offset (VRL's `log_util::parse_time`). */
function parseTime(text: string, format: string, zone: string): Date {
  try {
    return timestampOf(parseInZone(text, format, zone));
  } catch (error) {
    if (!(error instanceof ChronoParseError)) throw error;
  }
  try {
    return timestampOf(parseWithOffset(text, format));
  } catch (error) {
    if (!(error instanceof ChronoParseError)) throw error;
    return fail(`failed parsing timestamp ${text} using format ${format}: ${error.message}`);
  }
}

/** A captured field as VRL types it by name (`capture_value`). */
function fieldValue(name: string, text: string, timestampFormat: string, zone: string): Value {
  if (name === 'timestamp') return parseTime(text, timestampFormat, zone);
  if (INTEGER_FIELDS.has(name)) {
    const parsed = parseRustInteger(text);
    return 'error' in parsed ? fail(`failed parsing ${name}`) : parsed.value;
  }
  if (FLOAT_FIELDS.has(name)) {
    const parsed = parseRustFloat(text);
    return 'error' in parsed || Number.isNaN(parsed.value)
      ? fail(`failed parsing ${name}`)
      : floatValue(parsed.value);
  }
  return text;
}

/** The named groups that took part in the first match, typed (`log_fields`); undefined when there is no match. */
export function logFields(
  regex: VrlRegex,
  text: string,
  timestampFormat: string,
  zone: string,
): ObjectValue | undefined {
  const match = regex.captures(text);
  if (match === undefined) return undefined;
  const names = regex.captureNames();
  const object: ObjectValue = {};
  for (let index = 1; index < names.length; index++) {
    const name = names[index];
    const group = match.groups[index];
    if (name !== null && name !== undefined && group !== undefined)
      setOwnField(object, name, fieldValue(name, group, timestampFormat, zone));
  }
  return object;
}

/** The first of the regexes that matches (`parse_message`), or `failed parsing <type> log line`. */
export function parseLogMessage(
  regexes: readonly VrlRegex[],
  text: string,
  timestampFormat: string,
  zone: string,
  logType: string,
): ObjectValue {
  for (const regex of regexes) {
    const fields = logFields(regex, text, timestampFormat, zone);
    if (fields !== undefined) return fields;
  }
  return fail(`failed parsing ${logType} log line`);
}
