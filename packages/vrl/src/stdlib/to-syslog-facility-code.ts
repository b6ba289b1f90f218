import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { FACILITIES } from './syslog.js';

/** `to_syslog_facility_code(value)`: a syslog facility name as its code. */
export const toSyslogFacilityCode = defineFunction({
  name: 'to_syslog_facility_code',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.integer().fallible(),
  call: ([value]) => {
    const code = FACILITIES.indexOf(value as string);
    return code >= 0 ? code : fail(`syslog facility '${value as string}' not valid`);
  },
});
