import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { FACILITIES } from './syslog.js';

/** `to_syslog_facility(value)`: a syslog facility code (0–23) as its name. */
export const toSyslogFacility = defineFunction({
  name: 'to_syslog_facility',
  parameters: [required('value', kind.INTEGER)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) => FACILITIES[Number(value)] ?? fail(`facility code ${String(value)} not valid`),
});
