import { fail } from '../../runtime/errors.js';
import { Collection, Kind } from '../../type/kind.js';
import { TypeDef } from '../../type/type-def.js';
import type { VrlRegex } from '../../value/regex.js';
import type { ObjectValue } from '../../value/value.js';
import { parseRustInteger } from '../rust.js';
import { ChronoParseError, parseNaive, timestampOf } from './strptime.js';

/** The klog and glog line formats (Kubernetes' and Google's): `I0505 17:59:40.692994 28133 file.go:70] message`. */

const LEVELS: Record<string, string> = { I: 'info', W: 'warning', E: 'error', F: 'fatal' };

export function googleLogTypeDef(): TypeDef {
  return TypeDef.object(
    Collection.known([
      ['level', Kind.bytes()],
      ['timestamp', Kind.timestamp()],
      ['id', Kind.integer()],
      ['file', Kind.bytes()],
      ['line', Kind.integer()],
      ['message', Kind.bytes()],
    ]),
  ).fallible();
}

function integer(text: string, name: string): number | bigint {
  const parsed = parseRustInteger(text);
  return 'error' in parsed ? fail(`failed parsing ${name}`) : parsed.value;
}

/**
 * A line matched by the format's regex (groups `level`, `timestamp`, `id`, `file`, `line`,
 * `message`); `timestampText` turns the captured timestamp into `%Y%m%d %H:%M:%S%.f` text.
 */
export function parseGoogleLog(
  text: string,
  regex: VrlRegex,
  format: string,
  timestampText: (timestamp: string, month: string | undefined) => string,
): ObjectValue {
  const match = regex.captures(text);
  if (match === undefined) return fail(`failed parsing ${format} message`);
  const names = regex.captureNames();
  const group = (name: string): string | undefined => match.groups[names.indexOf(name)];
  const log: ObjectValue = {};
  const level = group('level');
  if (level !== undefined) {
    const name = Object.hasOwn(LEVELS, level) ? LEVELS[level] : undefined;
    if (name === undefined) return fail(`unrecognized log level "${level}"`);
    log.level = name;
  }
  const timestamp = group('timestamp');
  if (timestamp !== undefined) {
    try {
      log.timestamp = timestampOf(parseNaive(timestampText(timestamp, group('month')), '%Y%m%d %H:%M:%S%.f'));
    } catch (error) {
      if (!(error instanceof ChronoParseError)) throw error;
      return fail(`failed parsing timestamp ${timestamp}: ${error.message}`);
    }
  }
  const id = group('id');
  if (id !== undefined) log.id = integer(id, 'id');
  const file = group('file');
  if (file !== undefined) log.file = file;
  const line = group('line');
  if (line !== undefined) log.line = integer(line, 'line');
  const message = group('message');
  if (message !== undefined) log.message = message;
  return log;
}
