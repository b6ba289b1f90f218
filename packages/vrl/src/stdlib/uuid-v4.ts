import { randomUUID } from 'node:crypto';
import { defineFunction } from '../function.js';
import { TypeDef } from '../type/type-def.js';

/** `uuid_v4()`: a random UUID. */
export const uuidV4 = defineFunction({
  name: 'uuid_v4',
  parameters: [],
  returns: TypeDef.bytes(),
  call: () => randomUUID(),
});
