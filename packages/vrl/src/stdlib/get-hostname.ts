import { hostname } from 'node:os';
import { defineFunction } from '../function.js';
import { TypeDef } from '../type/type-def.js';

/** `get_hostname()`: the machine's host name. */
export const getHostname = defineFunction({
  name: 'get_hostname',
  parameters: [],
  returns: TypeDef.bytes().fallible(),
  call: () => hostname(),
});
