import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { SEVERITIES } from './syslog.js';

/** `to_syslog_level(value)`: a syslog severity code (0–7) as its name (`emerg` … `debug`). */
export const toSyslogLevel = defineFunction({
  name: 'to_syslog_level',
  parameters: [required('value', kind.INTEGER)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) => SEVERITIES[Number(value)] ?? fail(`severity level ${String(value)} not valid`),
});
