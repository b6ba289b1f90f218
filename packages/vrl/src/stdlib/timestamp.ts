import { TypeDef } from '../type/type-def.js';
import { Tag } from '../value/value.js';
import { assertion } from './assertion.js';

/** `timestamp(value)`: the value when it is a timestamp, else an error. */
export const timestamp = assertion('timestamp', Tag.Timestamp, 'timestamp', TypeDef.timestamp(), (type) =>
  type.isTimestamp(),
);
