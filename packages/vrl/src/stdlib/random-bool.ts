import { randomInt } from 'node:crypto';
import { defineFunction } from '../function.js';
import { TypeDef } from '../type/type-def.js';

/** `random_bool()`: true or false, at random. */
export const randomBool = defineFunction({
  name: 'random_bool',
  parameters: [],
  returns: TypeDef.boolean(),
  call: () => randomInt(2) === 1,
});
