import { TypeDef } from '../type/type-def.js';
import { Tag } from '../value/value.js';
import { assertion } from './assertion.js';

/** `string(value)`: the value when it is a string, else an error. */
export const string = assertion('string', Tag.Bytes, 'string', TypeDef.bytes(), (type) => type.isBytes());
