import { defineFunction, kind, required } from '../function.js';
import { VrlRegex } from '../value/regex.js';
import { googleLogTypeDef, parseGoogleLog } from './parsers/google-log.js';

const GLOG = VrlRegex.compile(String.raw`(?x)
  ^\s*
  (?P<level>\w)
  (?P<timestamp>\d{4}\d{2}\d{2}\s\d{2}:\d{2}:\d{2}\.\d{6})
  \s+
  (?P<id>\d+)
  \s
  (?P<file>.+):(?P<line>\d+)
  \]\s
  (?P<message>.*?)
  \s*$`);

/** `parse_glog(value)`: a glog line (`I20210131 14:48:54.411655 15520 main.c++:9] message`). */
export const parseGlog = defineFunction({
  name: 'parse_glog',
  parameters: [required('value', kind.BYTES)],
  returns: googleLogTypeDef(),
  freshResult: true,
  call: ([value]) => parseGoogleLog(value as string, GLOG, 'glog', (timestamp) => timestamp),
});
