import { defineFunction } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { now as currentTime } from './time.js';

/** `now()`: the current time, with nanoseconds. */
export const now = defineFunction({
  name: 'now',
  parameters: [],
  returns: TypeDef.timestamp().impure(),
  freshResult: true,
  call: () => currentTime(),
});
