import { defineFunction, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { displayValue } from '../value/display.js';
import type { Value } from '../value/value.js';

const LOG_LEVELS: readonly Value[] = ['trace', 'debug', 'info', 'warn', 'error'];

/** `log(value, level: "info", rate_limit_secs: 1)`: logs the value. Where the line goes is the
 * host's business: the run's `log` option (nowhere by default). */
export const log = defineFunction({
  name: 'log',
  parameters: [
    required('value', kind.ANY),
    optional('level', kind.BYTES, 'info'),
    optional('rate_limit_secs', kind.INTEGER, 1),
  ],
  returns: TypeDef.null().impure(),
  check: (call) => {
    call.enumValue('level', LOG_LEVELS);
  },
  call: ([value, level], context) => {
    context.log?.(level as string, typeof value === 'string' ? value : displayValue(value));
    return null;
  },
});
