import { defineFunction } from '../function.js';
import { TypeDef } from '../type/type-def.js';

/** `get_timezone_name()`: the IANA name of the program's time zone (`local`: the machine's). */
export const getTimezoneName = defineFunction({
  name: 'get_timezone_name',
  parameters: [],
  returns: TypeDef.bytes().fallible(),
  call: (_values, context) =>
    context.timezone === 'local' ? Intl.DateTimeFormat().resolvedOptions().timeZone : context.timezone,
});
