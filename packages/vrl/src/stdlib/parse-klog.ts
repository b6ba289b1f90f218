import { defineFunction, kind, required } from '../function.js';
import { VrlRegex } from '../value/regex.js';
import { googleLogTypeDef, parseGoogleLog } from './parsers/google-log.js';

const KLOG = VrlRegex.compile(String.raw`(?x)
  ^\s*
  (?P<level>\w)
  (?P<timestamp>(?P<month>\d{2})\d{2}\s\d{2}:\d{2}:\d{2}\.\d{6})
  \s+
  (?P<id>\d+)
  \s
  (?P<file>.+):(?P<line>\d+)
  \]\s
  (?P<message>.*?)
  \s*$`);

/** The year of a klog line (which has none): last year for a December line read in January, else this year. */
function year(month: string | undefined): number {
  const now = new Date();
  return month === '12' && now.getUTCMonth() === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
}

/** `parse_klog(value)`: a Kubernetes klog line (`I0505 17:59:40.692994 28133 klog.go:70] message`). */
export const parseKlog = defineFunction({
  name: 'parse_klog',
  parameters: [required('value', kind.BYTES)],
  returns: googleLogTypeDef(),
  freshResult: true,
  call: ([value]) =>
    parseGoogleLog(value as string, KLOG, 'klog', (timestamp, month) => `${year(month)}${timestamp}`),
});
