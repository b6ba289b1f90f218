import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { SEVERITIES } from './syslog.js';

const ALIASES: Record<string, number> = { panic: 0, error: 3, warn: 4 };

/** `to_syslog_severity(value)`: a syslog level name (or `panic`, `error`, `warn`) as its code. */
export const toSyslogSeverity = defineFunction({
  name: 'to_syslog_severity',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.integer().fallible(),
  call: ([value]) => {
    const level = value as string;
    const code = SEVERITIES.indexOf(level);
    if (code >= 0) return code;
    if (Object.hasOwn(ALIASES, level)) return ALIASES[level] as number;
    return fail(`syslog level ${level} not valid`);
  },
});
